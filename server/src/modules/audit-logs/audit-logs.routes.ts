import { Router } from 'express'
import { requirePermission } from '../../auth/middleware.js'
import { AuditQuery } from './audit-logs.schemas.js'
import type { AuditLogsService } from './audit-logs.service.js'

/** Mounted at /audit-logs: the audit log within the caller's audit scope. */
export const auditLogsRouter = (auditLogs: AuditLogsService): Router => {
  const router = Router()
  router.get('/', requirePermission('audit:read'), async (req, res) => {
    res.json(await auditLogs.list(req.ctx, AuditQuery.parse(req.query)))
  })
  return router
}
