import { readFile } from 'node:fs/promises'
import { Validator } from '@seriousme/openapi-schema-validator'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { startTestServer, type TestServer } from '../test/support.js'
import { buildOpenApiDocument, openApiFile, serializeOpenApiDocument } from './openapi.js'

describe('OpenAPI document', () => {
  let server: TestServer
  beforeAll(async () => {
    server = await startTestServer({ seedDemo: false })
  })
  afterAll(() => server.close())

  it('is a valid OpenAPI 3.1 document', async () => {
    const result = await new Validator().validate(JSON.parse(serializeOpenApiDocument(buildOpenApiDocument())) as Record<string, unknown>)
    expect(result.errors).toBeUndefined()
    expect(result.valid).toBe(true)
  })

  it('matches the committed server/openapi.json (run `pnpm --filter @kezhi/server openapi` after changing the API)', async () => {
    expect(await readFile(openApiFile, 'utf8')).toBe(serializeOpenApiDocument(buildOpenApiDocument()))
  })

  it('is what the server publishes at /api/openapi.json', async () => {
    const response = await server.api.get('/api/openapi.json')
    expect(response.status).toBe(200)
    expect(response.body).toEqual(JSON.parse(await readFile(openApiFile, 'utf8')))
  })

  it('names the shared schemas and every operation for client generators', () => {
    const document = buildOpenApiDocument()
    expect(Object.keys(document.components?.schemas ?? {})).toEqual(
      expect.arrayContaining(['Customer', 'CustomerSummary', 'CustomerInput', 'CustomerPatch', 'CustomerList', 'TrashedCustomerList', 'CustomerConflictError', 'User', 'LoginRequest', 'LoginResponse', 'ErrorResponse', 'Health']),
    )
    const operationIds = Object.values(document.paths ?? {}).flatMap((item) =>
      Object.values(item ?? {}).flatMap((operation) =>
        typeof operation === 'object' && operation !== null && 'operationId' in operation ? [operation.operationId] : [],
      ),
    )
    // Generated clients name their functions after these, so each must be unique.
    expect(new Set(operationIds).size).toBe(operationIds.length)
    expect(operationIds).toEqual(
      expect.arrayContaining([
        'createCustomer', 'deleteCustomer', 'getCustomer', 'getHealth', 'getMe', 'listCustomers', 'login', 'logout', 'refreshTokens',
        'updateCustomer', 'findCustomerDuplicates', 'mergeCustomers', 'bulkCustomers', 'restoreCustomer', 'listTrashedCustomers',
        'purgeCustomer',
      ]),
    )
  })
})
