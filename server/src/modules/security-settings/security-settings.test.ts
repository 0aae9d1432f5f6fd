import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { startTestServer, type ErrorBody, type TestServer } from '../../test/support.js'
import { auditEntries } from '../auth/auth.test-support.js'

describe('security settings', () => {
  let server: TestServer
  beforeAll(async () => {
    server = await startTestServer()
  })
  afterAll(() => server.close())

  const defaults = { passwordMinLength: 8, passwordExpiryDays: 0, lockoutThreshold: 5, lockoutBaseSeconds: 60 }

  it('everyone signed in reads them; only security:manage changes them', async () => {
    const sales = await server.login('sales1')
    expect((await server.api.get('/api/security-settings', { token: sales })).body).toEqual(defaults)
    expect((await server.api.get('/api/security-settings')).status).toBe(401)
    for (const username of ['sales1', 'manager']) {
      const token = await server.login(username)
      const refused = await server.api.put<ErrorBody>('/api/security-settings', { token, body: defaults })
      expect(refused.status, username).toBe(403)
      expect(refused.body.code).toBe('FORBIDDEN')
    }
  })

  it('an administrator changes them within their bounds, and the change is audited field by field', async () => {
    const admin = await server.login('admin')
    const tooWeak = await server.api.put<ErrorBody>('/api/security-settings', {
      token: admin,
      body: { ...defaults, passwordMinLength: 7, lockoutBaseSeconds: 4000, extra: true },
      language: 'en-US',
    })
    expect(tooWeak.status).toBe(422)
    expect(tooWeak.body.details.map((detail) => detail.field).sort()).toEqual(['', 'lockoutBaseSeconds', 'passwordMinLength'])
    const partial = await server.api.put<ErrorBody>('/api/security-settings', { token: admin, body: { passwordMinLength: 12 } })
    expect(partial.status).toBe(422)

    const saved = await server.api.put('/api/security-settings', { token: admin, body: { ...defaults, passwordMinLength: 12, passwordExpiryDays: 90 } })
    expect(saved.status).toBe(200)
    expect(saved.body).toEqual({ ...defaults, passwordMinLength: 12, passwordExpiryDays: 90 })
    expect((await server.api.get('/api/security-settings', { token: admin })).body).toEqual(saved.body)
    // Saving the same values again changes nothing and records nothing.
    await server.api.put('/api/security-settings', { token: admin, body: saved.body })

    const entries = (await auditEntries(server, ['update'])).filter((entry) => entry.resource === 'security_settings')
    expect(entries).toHaveLength(1)
    expect(entries[0]).toMatchObject({
      actor_name: '系统管理员',
      changes: { passwordMinLength: { before: 8, after: 12 }, passwordExpiryDays: { before: 0, after: 90 } },
    })
  })
})
