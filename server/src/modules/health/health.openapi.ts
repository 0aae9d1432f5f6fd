import type { ZodOpenApiPathsObject } from 'zod-openapi'
import { jsonContent } from '../../http/schemas.js'
import { Health } from './health.schemas.js'

export const healthPaths: ZodOpenApiPathsObject = {
  '/api/health': {
    get: {
      operationId: 'getHealth',
      'x-permission': 'public',
      tags: ['health'],
      summary: 'Liveness and database check',
      security: [],
      responses: {
        '200': { description: 'The database answers', content: jsonContent(Health, { status: 'ok' }) },
        '503': { description: 'The database does not answer', content: jsonContent(Health, { status: 'unavailable' }) },
      },
    },
  },
}
