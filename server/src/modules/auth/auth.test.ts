import jwt from 'jsonwebtoken'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { startTestServer, testDemoPassword, testJwtSecret, type TestServer, type ErrorBody } from '../../test/support.js'

interface Tokens {
  accessToken: string
  refreshToken: string
  user: { id: string; username: string; displayName: string; role: string }
}

describe('signing in and out', () => {
  let server: TestServer
  const signIn = (username: string, password: string) =>
    server.api.post<Tokens & ErrorBody>('/api/auth/login', { body: { username, password } })

  beforeAll(async () => {
    server = await startTestServer()
  })
  afterAll(() => server.close())

  it('a sales rep signs in and gets tokens and her profile', async () => {
    const response = await signIn('sales1', testDemoPassword)
    expect(response.status).toBe(200)
    expect(response.body.user).toEqual({
      id: expect.any(String),
      username: 'sales1',
      displayName: '李娜',
      role: 'sales',
      roleId: expect.any(String),
      roleName: '销售',
      teamId: expect.any(String),
      teamName: '杭州西湖店',
      permissions: ['customer:create', 'customer:read', 'customer:update', 'feedback:read'],
      scopes: { customer: 'own', audit: 'own', feedback: 'own' },
      passwordChangeRequired: false,
    })
    expect(response.body.accessToken.split('.')).toHaveLength(3)
    expect(response.body.refreshToken.length).toBeGreaterThan(20)

    const me = await server.api.get('/api/me', { token: response.body.accessToken })
    expect(me.status).toBe(200)
    expect(me.body).toEqual(response.body.user)
  })

  it('a wrong password and an unknown user get the same answer', async () => {
    const wrongPassword = await signIn('sales1', 'not-the-password')
    const unknownUser = await signIn('nobody-here', 'not-the-password')
    expect(wrongPassword.status).toBe(401)
    expect(unknownUser.status).toBe(401)
    expect(wrongPassword.body).toEqual({ code: 'INVALID_CREDENTIALS', message: '用户名或密码错误', details: [] })
    expect(unknownUser.body).toEqual(wrongPassword.body)

    const inEnglish = await server.api.post<ErrorBody>('/api/auth/login', {
      body: { username: 'nobody-here', password: 'x' },
      language: 'en-US,en;q=0.9',
    })
    expect(inEnglish.body.message).toBe('Incorrect username or password')
  })

  it('the administrator from ADMIN_USERNAME/ADMIN_PASSWORD can sign in', async () => {
    const token = await server.login('admin')
    const me = await server.api.get<Tokens['user']>('/api/me', { token })
    expect(me.body.role).toBe('admin')
  })

  it('a refresh token works once: the new pair works, the used token is refused and ends the session', async () => {
    const first = (await signIn('sales2', testDemoPassword)).body
    const refreshed = await server.api.post<Tokens>('/api/auth/refresh', { body: { refreshToken: first.refreshToken } })
    expect(refreshed.status).toBe(200)
    expect(refreshed.body.refreshToken).not.toBe(first.refreshToken)
    expect(refreshed.body.user.username).toBe('sales2')
    expect((await server.api.get('/api/me', { token: refreshed.body.accessToken })).status).toBe(200)

    const reused = await server.api.post<ErrorBody>('/api/auth/refresh', { body: { refreshToken: first.refreshToken } })
    expect(reused.status).toBe(401)
    expect(reused.body.code).toBe('UNAUTHENTICATED')

    // Reuse of a rotated token looks like theft, so the token issued from it stops working too.
    const successor = await server.api.post('/api/auth/refresh', { body: { refreshToken: refreshed.body.refreshToken } })
    expect(successor.status).toBe(401)
  })

  it('after signing out, the refresh token no longer works; signing out twice is fine', async () => {
    const { refreshToken } = (await signIn('manager', testDemoPassword)).body
    expect((await server.api.post('/api/auth/logout', { body: { refreshToken } })).status).toBe(204)
    expect((await server.api.post('/api/auth/logout', { body: { refreshToken } })).status).toBe(204)
    expect((await server.api.post('/api/auth/refresh', { body: { refreshToken } })).status).toBe(401)
  })

  it('an unknown refresh token is refused', async () => {
    const response = await server.api.post<ErrorBody>('/api/auth/refresh', { body: { refreshToken: 'made-up-token' } })
    expect(response.status).toBe(401)
    expect(response.body.code).toBe('UNAUTHENTICATED')
  })

  it('without a token, /api/me answers 401 UNAUTHENTICATED', async () => {
    const response = await server.api.get<ErrorBody>('/api/me')
    expect(response.status).toBe(401)
    expect(response.body).toEqual({ code: 'UNAUTHENTICATED', message: '请先登录', details: [] })
  })

  it('expired, forged and garbage tokens are all refused with 401', async () => {
    const { user } = (await signIn('sales1', testDemoPassword)).body
    const expired = jwt.sign({ role: 'sales' }, testJwtSecret, { subject: user.id, expiresIn: -60 })
    const forged = jwt.sign({ role: 'admin' }, 'someone-elses-secret', { subject: user.id, expiresIn: 600 })
    const unsigned = jwt.sign({ role: 'admin' }, '', { subject: user.id, algorithm: 'none' })
    for (const token of [expired, forged, unsigned, 'garbage', '']) {
      const response = await server.api.get<ErrorBody>('/api/me', { token })
      expect(response.status, token).toBe(401)
      expect(response.body.code).toBe('UNAUTHENTICATED')
    }
  })

  it('sign-in requests with missing or mistyped fields are rejected with field details', async () => {
    const response = await server.api.post<ErrorBody>('/api/auth/login', { body: { username: 42 }, language: 'en-US' })
    expect(response.status).toBe(422)
    expect(response.body.code).toBe('VALIDATION_FAILED')
    expect(response.body.details).toEqual([
      { field: 'username', message: 'Wrong type, expected text' },
      { field: 'password', message: 'Required' },
    ])
  })
})
