import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { dropDatabase, startTestServer, type TestServer } from '../../test/support.js'

describe('health', () => {
  let server: TestServer

  beforeAll(async () => {
    server = await startTestServer({ seedDemo: false })
  })
  afterAll(() => server.close())

  it('reports ok while the database answers, without signing in', async () => {
    const response = await server.api.get('/api/health')
    expect(response.status).toBe(200)
    expect(response.body).toEqual({ status: 'ok' })
  })

  it('reports unavailable with 503 once the database is gone, and the server keeps serving', async () => {
    await dropDatabase(server.database.name)
    const response = await server.api.get('/api/health')
    expect(response.status).toBe(503)
    expect(response.body).toEqual({ status: 'unavailable' })

    const stillServing = await server.api.get('/api/openapi.json')
    expect(stillServing.status).toBe(200)
  })
})
