import { z } from 'zod'
import type { ZodOpenApiPathsObject } from 'zod-openapi'
import { exampleApiKey, exampleIds } from '../../http/openapi-examples.js'
import { errorResponses, jsonContent } from '../../http/schemas.js'
import { ApiKeyInput, ApiKeyList, CreatedApiKey } from './api-keys.schemas.js'

const newKeyRequest = { name: exampleApiKey.name, roleId: exampleIds.salesRole, actingUserId: exampleIds.sales, expiresAt: '2026-11-20T00:00:00.000Z' }
const createdKey = { ...exampleApiKey, lastUsedAt: null, key: 'kz_Xy3_aB9qLmN0pQrStUvWxYz0123456789abcdEF' }
const revokedKey = {
  ...exampleApiKey,
  id: '47bf0a1c-8d2e-4b3f-9a6c-5e7d1f2b3c48',
  name: '旧版小程序对接',
  prefix: 'Pq7_Lm2n',
  createdAt: '2025-03-11T02:00:00.000Z',
  lastUsedAt: '2025-10-30T09:14:55.000Z',
  expiresAt: null,
  revokedAt: '2025-11-01T01:30:00.000Z',
}

export const apiKeysPaths: ZodOpenApiPathsObject = {
  '/api/api-keys': {
    get: {
      operationId: 'listApiKeys',
      tags: ['security'],
      summary: 'Integration keys (without the keys themselves)',
      'x-permission': 'api_key:manage',
      responses: { '200': { description: 'The keys', content: jsonContent(ApiKeyList, { items: [exampleApiKey, revokedKey] }) }, ...errorResponses(401, 403) },
    },
    post: {
      operationId: 'createApiKey',
      tags: ['security'],
      summary: 'Create a key that acts with a role, as a user; the key is in this answer only (stored hashed)',
      'x-permission': 'api_key:manage',
      requestBody: { required: true, content: jsonContent(ApiKeyInput, newKeyRequest) },
      responses: { '201': { description: 'Created', content: jsonContent(CreatedApiKey, createdKey) }, ...errorResponses(401, 403, 404, 422) },
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
