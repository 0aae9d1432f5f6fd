import type { ZodOpenApiPathsObject } from 'zod-openapi'
import { errorResponses, jsonContent } from '../../http/schemas.js'
import { AuditPage, AuditQuery } from './audit-logs.schemas.js'

export const auditLogsPaths: ZodOpenApiPathsObject = {
  '/api/audit-logs': {
    get: {
      operationId: 'listAuditLogs',
      'x-permission': 'audit:read',
      tags: ['administration'],
      summary: "The audit log, newest first, within the caller's audit scope (own entries, the team subtree's, or all)",
      requestParams: { query: AuditQuery },
      responses: { '200': { description: 'One page', content: jsonContent(AuditPage) }, ...errorResponses(401, 403, 422) },
    },
  },
}
