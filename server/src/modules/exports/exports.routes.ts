import { createReadStream } from 'node:fs'
import { pipeline } from 'node:stream/promises'
import { Router, type Request } from 'express'
import { requirePermission } from '../../auth/middleware.js'
import { ExportDownloadQuery, ExportInput, ExportListQuery } from './exports.schemas.js'
import type { ExportsService } from './exports.service.js'

// Not validated here: an id that is no uuid is simply an export that does not exist (404).
const idOf = (req: Request): string => String(req.params.id ?? '')

/** Mounted at /exports. */
export const exportsRouter = (exports: ExportsService): Router => {
  const router = Router()
  router.get('/', requirePermission('customer:export'), async (req, res) => {
    res.json(await exports.list(req.ctx, ExportListQuery.parse(req.query)))
  })
  router.post('/', requirePermission('customer:export'), async (req, res) => {
    res.status(202).json(await exports.create(req.ctx, ExportInput.parse(req.body)))
  })
  router.get('/:id', requirePermission('customer:export'), async (req, res) => {
    res.json(await exports.get(req.ctx, idOf(req)))
  })
  // No bearer needed: a browser follows the link, and the signed token is the permission (see exports.service.ts).
  router.get('/:id/download', async (req, res) => {
    const file = await exports.openDownload(idOf(req), ExportDownloadQuery.parse(req.query).token)
    res.attachment(file.fileName)
    res.set({ 'Content-Type': file.contentType, 'Content-Length': String(file.size), 'Cache-Control': 'private, no-store' })
    await pipeline(createReadStream(file.path), res)
  })
  return router
}
