import { Validator } from '@seriousme/openapi-schema-validator'
import { Ajv2020, type ErrorObject, type ValidateFunction } from 'ajv/dist/2020.js'
import addFormats from 'ajv-formats'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { startTestServer, type TestServer } from '../test/support.js'
import { buildOpenApiDocument, serializeOpenApiDocument } from './openapi.js'

type JsonObject = Record<string, unknown>
type MediaTypes = Record<string, { schema?: unknown; example?: unknown; examples?: Record<string, { value?: unknown }> }>
type Operation = {
  operationId: string
  tags?: string[]
  requestBody?: { content?: MediaTypes }
  responses?: Record<string, { content?: MediaTypes }>
}

const httpMethods = ['get', 'put', 'post', 'delete', 'options', 'head', 'patch', 'trace'] as const

/** The document as clients read it: plain JSON, `$ref`s into components included. */
const readDocument = (): JsonObject => JSON.parse(serializeOpenApiDocument(buildOpenApiDocument())) as JsonObject

/** The operations of the paths and of the top-level `webhooks` (the requests the server sends). */
const operationsOf = (document: JsonObject): Operation[] =>
  [document.paths, document.webhooks].flatMap((items) =>
    Object.values((items ?? {}) as Record<string, JsonObject>).flatMap((item) =>
      httpMethods.flatMap((method) => (item[method] ? [item[method] as Operation] : [])),
    ),
  )

// Bytes (images, spreadsheets, archives) cannot be shown as an example; everything a person reads can.
const isReadable = (mediaType: string) =>
  /^(application\/([\w.-]+\+)?json|multipart\/form-data|application\/x-www-form-urlencoded|text\/[\w.+-]+|image\/svg\+xml)$/.test(mediaType)

// `$ref: '#/components/schemas/X'` becomes a reference into one schema, registered under this id, whose
// `$defs` are the document's component schemas.
const componentsId = 'https://kezhi.invalid/openapi/components'
const pointRefsAtComponents = (value: unknown): unknown => {
  if (Array.isArray(value)) return value.map(pointRefsAtComponents)
  if (value === null || typeof value !== 'object') return value
  return Object.fromEntries(
    Object.entries(value).map(([key, inner]) => [
      key,
      key === '$ref' && typeof inner === 'string' && inner.startsWith('#/components/schemas/')
        ? `${componentsId}#/$defs/${inner.slice('#/components/schemas/'.length)}`
        : pointRefsAtComponents(inner),
    ]),
  )
}

const schemaValidator = (document: JsonObject) => {
  const ajv = new Ajv2020({ allErrors: true, strict: true, strictRequired: false })
  addFormats.default(ajv)
  // A multipart file part is any sequence of bytes.
  ajv.addFormat('binary', true)
  // OpenAPI's own annotation inside schemas (zod `.meta({ example })`).
  ajv.addVocabulary(['example'])
  const components = (document.components ?? {}) as { schemas?: JsonObject }
  ajv.addSchema({ $id: componentsId, $defs: pointRefsAtComponents(components.schemas ?? {}) } as JsonObject)
  const compiled = new Map<string, ValidateFunction>()
  return (schema: unknown, example: unknown): ErrorObject[] => {
    const key = JSON.stringify(schema)
    const validate = compiled.get(key) ?? ajv.compile(pointRefsAtComponents(schema) as JsonObject)
    compiled.set(key, validate)
    return validate(example) ? [] : (validate.errors ?? [])
  }
}

type Placement = { operationId: string; where: string; mediaType: string; schema: unknown; example: unknown }

/** Every media type of every operation that should carry an example, and every example there is. */
const placementsOf = (document: JsonObject) => {
  const required: Placement[] = []
  const present: Placement[] = []
  for (const operation of operationsOf(document)) {
    const visit = (where: string, content: MediaTypes | undefined, mustHaveExample: boolean) => {
      for (const [mediaType, media] of Object.entries(content ?? {})) {
        // `example`, or named `examples` (each one checked like an example).
        const examples = [
          ...('example' in media ? [media.example] : []),
          ...Object.values(media.examples ?? {}).map((named) => named.value),
        ]
        const placement = { operationId: operation.operationId, where, mediaType, schema: media.schema ?? {} }
        if (mustHaveExample && isReadable(mediaType)) required.push({ ...placement, example: examples[0] })
        present.push(...examples.map((example) => ({ ...placement, example })))
      }
    }
    visit('request body', operation.requestBody?.content, true)
    for (const [status, response] of Object.entries(operation.responses ?? {})) {
      visit(`${status} response`, response.content, /^2\d\d$/.test(status))
    }
  }
  return { required, present }
}

const describePlacement = ({ operationId, where, mediaType }: Placement) => `${operationId}: ${where} (${mediaType})`

describe('OpenAPI examples', () => {
  const document = readDocument()
  const { required, present } = placementsOf(document)

  it('walks every operation of the document', () => {
    const operationIds = operationsOf(document).map((operation) => operation.operationId)
    expect(operationIds.length).toBeGreaterThan(100)
    expect(operationIds).toEqual(expect.arrayContaining(['createCustomer', 'uploadPublicPhoto', 'listAuditLogs']))
  })

  it('gives every request body and every successful answer with content an example', () => {
    const missing = required.filter((placement) => placement.example === undefined).map(describePlacement)
    expect(missing).toEqual([])
  })

  it('keeps every example valid against its schema (JSON Schema 2020-12, formats checked)', () => {
    const validate = schemaValidator(document)
    const invalid = present.flatMap((placement) => {
      const errors = validate(placement.schema, placement.example)
      return errors.length === 0
        ? []
        : [`${describePlacement(placement)}: ${errors.map((error) => `${error.instancePath || '/'} ${error.message ?? ''} ${JSON.stringify(error.params)}`).join('; ')}`]
    })
    expect(invalid).toEqual([])
  })

  it('catches an example that does not fit its schema', () => {
    const validate = schemaValidator(document)
    const createCustomer = present.find((placement) => placement.operationId === 'createCustomer' && placement.where === '201 response')
    expect(createCustomer).toBeDefined()
    expect(validate(createCustomer?.schema, { ...(createCustomer?.example as JsonObject), id: 'not-a-uuid' })).not.toEqual([])
    expect(validate(createCustomer?.schema, { ...(createCustomer?.example as JsonObject), nickname: '老王' })).not.toEqual([])
  })

  it('is a valid OpenAPI 3.1 document with its examples', async () => {
    const result = await new Validator().validate(document)
    expect(result.errors).toBeUndefined()
    expect(result.valid).toBe(true)
  })
})

describe('API docs at /api/docs', () => {
  let server: TestServer
  beforeAll(async () => {
    server = await startTestServer({ seedDemo: false })
  })
  afterAll(() => server.close())

  it('serves Swagger UI that reads /api/openapi.json and keeps the token given to Authorize', async () => {
    const page = await server.api.get<string>('/api/docs/')
    expect(page.status).toBe(200)
    expect(page.headers.get('content-type')).toContain('text/html')
    expect(page.body).toContain('<title>Kezhi CRM API</title>')
    expect(page.body).toContain('/api/docs/assets/swagger-ui-bundle.js')
    const init = await server.api.get<string>('/api/docs/init.js')
    expect(init.body).toContain("url: '/api/openapi.json'")
    expect(init.body).toContain('persistAuthorization: true')
    expect((await server.api.get('/api/docs/assets/swagger-ui-bundle.js')).status).toBe(200)
  })

  it('describes how to authorise with an API key and the shape of errors', async () => {
    const published = (await server.api.get('/api/openapi.json')).body as {
      info: { description: string }
      components: { securitySchemes: Record<string, { type: string; scheme: string; description?: string }> }
      tags: { name: string; description?: string }[]
    }
    expect(published.info.description).toContain('API 密钥')
    expect(published.info.description).toContain('kz_')
    expect(published.info.description).toContain('ErrorResponse')
    expect(published.components.securitySchemes.bearerAuth).toMatchObject({ type: 'http', scheme: 'bearer' })
    expect(published.components.securitySchemes.bearerAuth?.description).toContain('kz_')
    expect(published.tags.every((tag) => (tag.description ?? '').length > 0)).toBe(true)
    const declared = new Set(published.tags.map((tag) => tag.name))
    const undeclared = operationsOf(published as unknown as JsonObject).flatMap((operation) =>
      (operation.tags ?? []).filter((tag) => !declared.has(tag)).map((tag) => `${operation.operationId}: ${tag}`),
    )
    expect(undeclared).toEqual([])
  })
})
