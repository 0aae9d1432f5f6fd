import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { startTestServer, testDemoPassword, type ErrorBody, type TestServer } from '../../test/support.js'
import { auditEntries, sql } from '../auth/auth.test-support.js'

interface Tokens {
  accessToken: string
  refreshToken: string
  user: { id: string; username: string; passwordChangeRequired: boolean }
}
interface SessionItem {
  id: string
  ip: string | null
  userAgent: string | null
  createdAt: string
  lastUsedAt: string
  current: boolean
}

describe('the own account: password, sessions', () => {
  let server: TestServer
  const signIn = async (username: string, password = testDemoPassword): Promise<Tokens> => {
    const response = await server.api.post<Tokens>('/api/auth/login', { body: { username, password } })
    expect(response.status, `sign-in of ${username}`).toBe(200)
    return response.body
  }
  const changePassword = (token: string, body: object, language?: string) =>
    server.api.post<ErrorBody>('/api/me/password', { token, body, language })

  beforeAll(async () => {
    server = await startTestServer()
  })
  afterAll(() => server.close())

  describe('password expiry', () => {
    it('an expired password signs in, but only the password change is open until it is changed', async () => {
      const admin = await server.login('admin')
      const settings = { passwordMinLength: 10, passwordExpiryDays: 30, lockoutThreshold: 5, lockoutBaseSeconds: 60 }
      expect((await server.api.put('/api/security-settings', { token: admin, body: settings })).status).toBe(200)
      await sql(server, `UPDATE users SET password_changed_at = now() - interval '31 days' WHERE username = 'sales1'`)

      const other = await signIn('sales1')
      const current = await signIn('sales1')
      expect(current.user.passwordChangeRequired).toBe(true)
      const token = current.accessToken

      const me = await server.api.get<Tokens['user']>('/api/me', { token })
      expect(me.status).toBe(200)
      expect(me.body.passwordChangeRequired).toBe(true)
      for (const path of ['/api/customers', '/api/me/sessions', '/api/me/mfa', '/api/users', '/api/security-settings']) {
        const refused = await server.api.get<ErrorBody>(path, { token })
        expect(refused.status, path).toBe(403)
        expect(refused.body.code, path).toBe('PASSWORD_CHANGE_REQUIRED')
      }
      expect((await server.api.post('/api/auth/refresh', { body: { refreshToken: other.refreshToken } })).status).toBe(200)

      // The policy names the field, in the caller's language.
      expect((await changePassword(token, { currentPassword: testDemoPassword, newPassword: 'short-1' })).body.details).toEqual([
        { field: 'newPassword', message: '密码至少 10 个字符' },
      ])
      expect((await changePassword(token, { currentPassword: testDemoPassword, newPassword: 'short-1' }, 'en-US')).body.details).toEqual([
        { field: 'newPassword', message: 'At least 10 characters' },
      ])
      const common = await changePassword(token, { currentPassword: testDemoPassword, newPassword: 'Password123' }, 'en-US')
      expect(common.status).toBe(422)
      expect(common.body.details).toEqual([{ field: 'newPassword', message: 'This is a common password that is easy to guess. Choose another' }])
      expect((await changePassword(token, { currentPassword: testDemoPassword, newPassword: 'Password123' })).body.details).toEqual([
        { field: 'newPassword', message: '这是常见密码，容易被猜中，请换一个' },
      ])
      const wrongCurrent = await changePassword(token, { currentPassword: 'not-my-password', newPassword: 'a-much-better-secret' })
      expect(wrongCurrent.status).toBe(422)
      expect(wrongCurrent.body.details).toEqual([{ field: 'currentPassword', message: '当前密码不正确' }])
      expect((await changePassword(token, { currentPassword: testDemoPassword, newPassword: testDemoPassword })).body.details).toEqual([
        { field: 'newPassword', message: '新密码不能与当前密码相同' },
      ])
      const unknownField = await changePassword(token, { currentPassword: testDemoPassword, newPassword: 'a-much-better-secret', extra: 1 })
      expect(unknownField.status).toBe(422)

      expect((await changePassword(token, { currentPassword: testDemoPassword, newPassword: 'a-much-better-secret' })).status).toBe(204)
      const after = await server.api.get<Tokens['user']>('/api/me', { token })
      expect(after.body.passwordChangeRequired).toBe(false)
      expect((await server.api.get('/api/customers', { token })).status).toBe(200)
      // Every other session ended: its access token and its refresh token.
      expect((await server.api.get('/api/me', { token: other.accessToken })).status).toBe(401)
      expect((await server.api.post('/api/auth/refresh', { body: { refreshToken: other.refreshToken } })).status).toBe(401)
      expect((await server.api.post('/api/auth/login', { body: { username: 'sales1', password: testDemoPassword } })).status).toBe(401)
      expect((await signIn('sales1', 'a-much-better-secret')).user.passwordChangeRequired).toBe(false)

      const [entry] = await auditEntries(server, ['password_change'])
      expect(entry).toMatchObject({ resource: 'account', label: 'sales1', actor_id: current.user.id, meta: { endedSessions: 1, wasRequired: true } })
      expect(JSON.stringify(entry)).not.toContain('a-much-better-secret')
      expect((await server.api.put('/api/security-settings', { token: admin, body: { ...settings, passwordMinLength: 8, passwordExpiryDays: 0 } })).status).toBe(200)
    })

    it('a password an administrator reset must be changed too, and not to the username', async () => {
      await sql(server, `UPDATE users SET must_change_password = true WHERE username = 'service1'`)
      const { accessToken, user } = await signIn('service1')
      expect(user.passwordChangeRequired).toBe(true)
      expect((await server.api.get<ErrorBody>('/api/customers', { token: accessToken })).body.code).toBe('PASSWORD_CHANGE_REQUIRED')
      const sameAsName = await changePassword(accessToken, { currentPassword: testDemoPassword, newPassword: 'SERVICE1' }, 'en-US')
      expect(sameAsName.body.details).toEqual([{ field: 'newPassword', message: 'The password cannot be the username' }])
      expect((await changePassword(accessToken, { currentPassword: testDemoPassword, newPassword: 'service-desk-2031' })).status).toBe(204)
      expect((await server.api.get('/api/customers', { token: accessToken })).status).toBe(200)
    })
  })

  describe('sessions', () => {
    it('a user sees her live sessions and ends another one: its access token stops working at once', async () => {
      const laptop = await signIn('sales2')
      const phone = await signIn('sales2')
      const listed = await server.api.get<{ items: SessionItem[] }>('/api/me/sessions', { token: laptop.accessToken })
      expect(listed.status).toBe(200)
      expect(listed.body.items).toHaveLength(2)
      expect(listed.body.items.filter((item) => item.current)).toHaveLength(1)
      expect(listed.body.items[0]).toEqual({
        id: expect.any(String),
        ip: expect.any(String),
        userAgent: expect.any(String),
        createdAt: expect.any(String),
        lastUsedAt: expect.any(String),
        current: expect.any(Boolean),
      })
      const phoneSession = listed.body.items.find((item) => !item.current) as SessionItem

      expect((await server.api.get('/api/me', { token: phone.accessToken })).status).toBe(200)
      expect((await server.api.delete(`/api/me/sessions/${phoneSession.id}`, { token: laptop.accessToken })).status).toBe(204)
      expect((await server.api.get('/api/me', { token: phone.accessToken })).status).toBe(401)
      expect((await server.api.post('/api/auth/refresh', { body: { refreshToken: phone.refreshToken } })).status).toBe(401)
      expect((await server.api.get<{ items: SessionItem[] }>('/api/me/sessions', { token: laptop.accessToken })).body.items).toHaveLength(1)

      const again = await server.api.delete<ErrorBody>(`/api/me/sessions/${phoneSession.id}`, { token: laptop.accessToken })
      expect(again.status).toBe(404)
      expect(again.body.code).toBe('SESSION_NOT_FOUND')

      const [entry] = await auditEntries(server, ['session_revoke'])
      expect(entry).toMatchObject({ resource: 'session', resource_id: phoneSession.id, actor_id: laptop.user.id, meta: { current: false } })
    })

    it("someone else's session answers 404 like a missing one, and stays alive", async () => {
      const manager = await signIn('manager')
      const sales = await signIn('sales2')
      const [own] = (await server.api.get<{ items: SessionItem[] }>('/api/me/sessions', { token: manager.accessToken })).body.items
      for (const id of [own?.id, '00000000-0000-4000-8000-000000000000', 'not-a-uuid']) {
        const refused = await server.api.delete<ErrorBody>(`/api/me/sessions/${id}`, { token: sales.accessToken })
        expect(refused.status).toBe(404)
        expect(refused.body.code).toBe('SESSION_NOT_FOUND')
      }
      expect((await server.api.get('/api/me', { token: manager.accessToken })).status).toBe(200)
    })

    it('a refresh token presented twice ends the whole session, the access token issued with its successor included', async () => {
      const first = await signIn('manager')
      const rotated = await server.api.post<Tokens>('/api/auth/refresh', { body: { refreshToken: first.refreshToken } })
      expect(rotated.status).toBe(200)
      expect((await server.api.get('/api/me', { token: rotated.body.accessToken })).status).toBe(200)

      const reused = await server.api.post<ErrorBody>('/api/auth/refresh', { body: { refreshToken: first.refreshToken } })
      expect(reused.status).toBe(401)
      expect(reused.body.code).toBe('UNAUTHENTICATED')
      for (const token of [rotated.body.accessToken, first.accessToken]) {
        expect((await server.api.get('/api/me', { token })).status).toBe(401)
      }
      expect((await server.api.post('/api/auth/refresh', { body: { refreshToken: rotated.body.refreshToken } })).status).toBe(401)
      const [session] = await sql<{ revoked_reason: string }>(
        server,
        `SELECT s.revoked_reason FROM sessions s JOIN refresh_tokens t ON t.family_id = s.id WHERE t.token_hash = encode(sha256($1::bytea), 'hex')`,
        [first.refreshToken],
      )
      expect(session?.revoked_reason).toBe('token_reuse')
    })

    it('signing out ends the session and is audited once', async () => {
      const { refreshToken, accessToken, user } = await signIn('sales2')
      expect((await server.api.post('/api/auth/logout', { body: { refreshToken } })).status).toBe(204)
      expect((await server.api.post('/api/auth/logout', { body: { refreshToken } })).status).toBe(204)
      expect((await server.api.get('/api/me', { token: accessToken })).status).toBe(401)
      const logouts = await auditEntries(server, ['logout'])
      expect(logouts).toHaveLength(1)
      expect(logouts[0]).toMatchObject({ resource: 'account', actor_id: user.id, label: 'sales2' })
    })
  })
})
