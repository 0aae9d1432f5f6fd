import type { z } from 'zod'
import type { ZodOpenApiPathsObject } from 'zod-openapi'
import { exampleAuditEntry, exampleCursor, exampleIds, exampleManager } from '../../http/openapi-examples.js'
import { errorResponses, jsonContent } from '../../http/schemas.js'
import { AuditPage, AuditQuery } from './audit-logs.schemas.js'

const auditPage: z.input<typeof AuditPage> = {
  items: [
    {
      ...exampleAuditEntry,
      id: '47bc2d3e-4f5a-4b02-9d1a-d1e2f3a4b5c6',
      at: '2025-11-25T02:58:40.000Z',
      actor: exampleManager,
      action: 'reveal',
      changes: null,
      meta: { phones: 1, emails: 1, contactPhones: 1, contactEmails: 1 },
    },
    exampleAuditEntry,
    {
      ...exampleAuditEntry,
      id: '58cd3e4f-5a6b-4c13-8e2b-e2f3a4b5c6d7',
      at: '2025-11-24T01:12:45.000Z',
      action: 'login',
      resource: 'account',
      resourceId: exampleIds.sales,
      customerId: null,
      label: 'sales1',
      changes: null,
      meta: { method: 'password', sessionId: exampleIds.session },
    },
  ],
  nextCursor: exampleCursor('2025-11-24T01:12:45.000Z', '58cd3e4f-5a6b-4c13-8e2b-e2f3a4b5c6d7'),
}

export const auditLogsPaths: ZodOpenApiPathsObject = {
  '/api/audit-logs': {
    get: {
      operationId: 'listAuditLogs',
      'x-permission': 'audit:read',
      tags: ['administration'],
      summary: "The audit log, newest first, within the caller's audit scope (own entries, the team subtree's, or all)",
      requestParams: { query: AuditQuery },
      responses: { '200': { description: 'One page', content: jsonContent(AuditPage, auditPage) }, ...errorResponses(401, 403, 422) },
    },
  },
}
