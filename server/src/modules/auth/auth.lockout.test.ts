import { once } from 'node:events'
import type { AddressInfo } from 'node:net'
import express from 'express'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { errorHandler } from '../../http/error-handler.js'
import { publicRateLimit } from '../../http/rate-limit.js'
import { createApi, startTestServer, testDemoPassword, type ErrorBody, type TestServer } from '../../test/support.js'
import { auditEntries, sql } from './auth.test-support.js'

interface Locked extends ErrorBody {
  retryAfterSeconds: number
}

describe('lockout after repeated wrong passwords', () => {
  let server: TestServer
  const signIn = (username: string, password: string, language?: string) =>
    server.api.post<Locked & { accessToken: string }>('/api/auth/login', { body: { username, password }, language })
  // Moves the lock's end into the past: what waiting would do, without waiting.
  const letLockExpire = (username: string) => sql(server, `UPDATE users SET locked_until = now() - interval '1 second' WHERE username = $1`, [username])

  beforeAll(async () => {
    server = await startTestServer()
    const admin = await server.login('admin')
    const saved = await server.api.put('/api/security-settings', {
      token: admin,
      body: { passwordMinLength: 8, passwordExpiryDays: 0, lockoutThreshold: 3, lockoutBaseSeconds: 10 },
    })
    expect(saved.status).toBe(200)
  })
  afterAll(() => server.close())

  it('the third wrong password in a row locks the account; even the right one is refused until the lock ends', async () => {
    expect((await signIn('manager', 'wrong-password-1')).status).toBe(401)
    expect((await signIn('manager', 'wrong-password-2')).status).toBe(401)
    const third = await signIn('manager', 'wrong-password-3')
    expect(third.status).toBe(423)
    expect(third.body.code).toBe('ACCOUNT_LOCKED')
    expect(third.body.retryAfterSeconds).toBeGreaterThan(0)
    expect(third.body.retryAfterSeconds).toBeLessThanOrEqual(10)
    expect(third.body.message).toBe(`登录失败次数过多，账号已临时锁定，请 ${third.body.retryAfterSeconds} 秒后再试`)

    const right = await signIn('manager', testDemoPassword, 'en-US')
    expect(right.status).toBe(423)
    expect(right.body.message).toMatch(/^Too many failed sign-ins\. The account is locked; try again in \d+ seconds$/)
  })

  it('the next lockout lasts twice as long, and a successful sign-in after it resets everything', async () => {
    await letLockExpire('manager')
    for (const attempt of [1, 2]) expect((await signIn('manager', `wrong-again-${attempt}`)).status).toBe(401)
    const second = await signIn('manager', 'wrong-again-3')
    expect(second.status).toBe(423)
    expect(second.body.retryAfterSeconds).toBeGreaterThan(10)
    expect(second.body.retryAfterSeconds).toBeLessThanOrEqual(20)

    await letLockExpire('manager')
    const signedIn = await signIn('manager', testDemoPassword)
    expect(signedIn.status).toBe(200)
    const [row] = await sql(server, `SELECT failed_login_count, lockout_count, locked_until, last_login_at IS NOT NULL AS has_last_login FROM users WHERE username = 'manager'`)
    expect(row).toEqual({ failed_login_count: 0, lockout_count: 0, locked_until: null, has_last_login: true })

    // Counting starts anew: two wrong passwords do not lock.
    for (const attempt of [1, 2]) expect((await signIn('manager', `wrong-later-${attempt}`)).status).toBe(401)
    expect((await signIn('manager', testDemoPassword)).status).toBe(200)
  })

  it('a lockout never lasts longer than an hour', async () => {
    await sql(server, `UPDATE users SET lockout_count = 30 WHERE username = 'sales2'`)
    for (const attempt of [1, 2]) await signIn('sales2', `wrong-${attempt}`)
    const locked = await signIn('sales2', 'wrong-3')
    expect(locked.status).toBe(423)
    expect(locked.body.retryAfterSeconds).toBeGreaterThan(3500)
    expect(locked.body.retryAfterSeconds).toBeLessThanOrEqual(3600)
  })

  it('every failure is audited with its reason, as the user when the user exists', async () => {
    await signIn('nobody-at-all', 'whatever-1')
    const failures = await auditEntries(server, ['login_failed'])
    const [manager] = await sql<{ id: string }>(server, `SELECT id FROM users WHERE username = 'manager'`)
    const managers = failures.filter((entry) => entry.label === 'manager')
    expect(managers.every((entry) => entry.actor_id === manager?.id && entry.actor_name === '王经理')).toBe(true)
    expect(managers.map((entry) => entry.meta?.reason)).toEqual(expect.arrayContaining(['wrong_password', 'locked']))
    expect(managers.filter((entry) => entry.meta?.lockedUntil !== undefined).map((entry) => entry.meta?.lockoutCount)).toEqual([1, 2])
    expect(failures.find((entry) => entry.meta?.reason === 'unknown_user')).toMatchObject({ actor_id: null, label: null, resource: 'account' })
    expect(JSON.stringify(failures)).not.toContain('wrong-password')
    expect((await auditEntries(server, ['login'])).filter((entry) => entry.label === 'manager')).toHaveLength(2)
  })
})

describe('rate limits', () => {
  let server: TestServer
  beforeAll(async () => {
    server = await startTestServer({ seedDemo: false, rateLimits: { auth: { limit: 3, windowSeconds: 60 } } })
  })
  afterAll(() => server.close())

  it('the sign-in steps answer 429 with Retry-After once an address passes the limit', async () => {
    for (let attempt = 0; attempt < 3; attempt += 1) {
      expect((await server.api.post('/api/auth/login', { body: { username: 'admin', password: 'wrong-password' } })).status).toBe(401)
    }
    for (const path of ['/api/auth/login', '/api/auth/mfa/verify', '/api/auth/refresh']) {
      const limited = await server.api.post<ErrorBody>(path, { body: { username: 'admin', password: 'wrong-password' }, language: 'en-US' })
      expect(limited.status, path).toBe(429)
      expect(limited.body).toEqual({ code: 'RATE_LIMITED', message: 'Too many requests. Please try again later', details: [] })
      expect(Number(limited.headers.get('retry-after'))).toBeGreaterThan(0)
    }
    // Other routes are not counted against it.
    expect((await server.api.get('/api/health')).status).toBe(200)
  })

  it('publicRateLimit guards any public route the same way', async () => {
    const app = express()
    app.get('/intake', publicRateLimit({ public: { limit: 2, windowSeconds: 30 } }), (_req, res) => {
      res.json({ ok: true })
    })
    app.use(errorHandler)
    const listener = app.listen(0, '127.0.0.1')
    await once(listener, 'listening')
    try {
      const api = createApi(`http://127.0.0.1:${(listener.address() as AddressInfo).port}`)
      expect((await api.get('/intake')).status).toBe(200)
      expect((await api.get('/intake')).status).toBe(200)
      const limited = await api.get<ErrorBody>('/intake')
      expect(limited.status).toBe(429)
      expect(limited.body).toEqual({ code: 'RATE_LIMITED', message: '请求过于频繁，请稍后再试', details: [] })
      expect(Number(limited.headers.get('retry-after'))).toBeGreaterThan(0)
      expect(Number(limited.headers.get('retry-after'))).toBeLessThanOrEqual(30)
    } finally {
      await new Promise((resolve) => listener.close(resolve))
    }
  })
})
