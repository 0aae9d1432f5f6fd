import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { startTestServer, type TestServer } from '../test/support.js'

describe('behind a reverse proxy', () => {
  let server: TestServer

  beforeAll(async () => {
    server = await startTestServer({ trustProxy: 'loopback' })
  })
  afterAll(() => server.close())

  it("with TRUST_PROXY set, the audit log and the sessions page show the client's address from X-Forwarded-For", async () => {
    const login = await server.api.post<{ accessToken: string }>('/api/auth/login', {
      body: { username: 'sales1', password: 'demo-password-1' },
      headers: { 'x-forwarded-for': '203.0.113.7' },
    })
    expect(login.status).toBe(200)
    const sessions = await server.api.get<{ items: { ip: string | null; current: boolean }[] }>('/api/me/sessions', {
      token: login.body.accessToken,
    })
    expect(sessions.body.items.find((session) => session.current)?.ip).toBe('203.0.113.7')
  })
})
