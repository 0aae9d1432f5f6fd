import { Router } from 'express'
import type { HealthService } from './health.service.js'

export const healthRouter = (health: HealthService): Router => {
  const router = Router()
  router.get('/', async (_req, res) => {
    const ok = await health.databaseAnswers()
    res.setHeader('Cache-Control', 'no-store')
    res.status(ok ? 200 : 503).json({ status: ok ? 'ok' : 'unavailable' })
  })
  return router
}
