import { Router } from 'express'
import { requirePermission } from '../../auth/middleware.js'
import { BackupParams } from './backups.schemas.js'
import type { BackupsService } from './backups.service.js'

/** Mounted at /backups. */
export const backupsRouter = (backups: BackupsService): Router => {
  const router = Router()
  router.get('/', requirePermission('backup:manage'), async (_req, res) => {
    res.json(await backups.list())
  })
  router.post('/', requirePermission('backup:manage'), async (req, res) => {
    res.status(202).json(await backups.requestBackup(req.ctx))
  })
  router.get('/:name/download', requirePermission('backup:manage'), async (req, res) => {
    const { name } = BackupParams.parse(req.params)
    const file = await backups.download(req.ctx, name)
    res.set('Cache-Control', 'no-store').attachment(file.name)
    // DATA_DIR may well be a dot folder (the default is .data).
    res.sendFile(file.path, { dotfiles: 'allow', headers: { 'Content-Type': 'application/gzip' } })
  })
  return router
}
