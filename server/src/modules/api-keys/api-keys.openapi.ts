import { z } from 'zod'
import type { ZodOpenApiPathsObject } from 'zod-openapi'
import { errorResponses, jsonContent } from '../../http/schemas.js'
import { ApiKeyInput, ApiKeyList, CreatedApiKey } from './api-keys.schemas.js'

export const apiKeysPaths: ZodOpenApiPathsObject = {
  '/api/api-keys': {
    get: {
      operationId: 'listApiKeys',
      tags: ['security'],
      summary: 'Integration keys (without the keys themselves)',
      'x-permission': 'api_key:manage',
      responses: { '200': { description: 'The keys', content: jsonContent(ApiKeyList) }, ...errorResponses(401, 403) },
    },
    post: {
      operationId: 'createApiKey',
      tags: ['security'],
      summary: 'Create a key that acts with a role, as a user; the key is in this answer only (stored hashed)',
      'x-permission': 'api_key:manage',
      requestBody: { required: true, content: jsonContent(ApiKeyInput) },
      responses: { '201': { description: 'Created', content: jsonContent(CreatedApiKey) }, ...errorResponses(401, 403, 404, 422) },
    },
  },
  '/api/api-keys/{id}': {
    delete: {
      operationId: 'revokeApiKey',
      tags: ['security'],
      summary: 'Revoke a key: it stops working at once',
      'x-permission': 'api_key:manage',
      requestParams: { path: z.object({ id: z.uuid() }) },
      responses: { '204': { description: 'Revoked' }, ...errorResponses(401, 403, 404) },
    },
  },
}
