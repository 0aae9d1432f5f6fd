import { Router } from 'express'
import { requireAuth, requirePermission } from '../../auth/middleware.js'
import { TeamIdParams, TeamInput, TeamPatch } from './teams.schemas.js'
import type { TeamsService } from './teams.service.js'

/** Mounted at /teams: everyone signed in reads the tree (pickers, filters); team:manage changes it. */
export const teamsRouter = (teams: TeamsService): Router => {
  const router = Router()
  const manage = requirePermission('team:manage')
  router.get('/', requireAuth, async (req, res) => {
    res.json(await teams.list(req.ctx))
  })
  router.post('/', manage, async (req, res) => {
    res.status(201).json(await teams.create(req.ctx, TeamInput.parse(req.body)))
  })
  router.patch('/:id', manage, async (req, res) => {
    res.json(await teams.update(req.ctx, TeamIdParams.parse(req.params).id, TeamPatch.parse(req.body)))
  })
  router.delete('/:id', manage, async (req, res) => {
    await teams.remove(req.ctx, TeamIdParams.parse(req.params).id)
    res.status(204).end()
  })
  return router
}
