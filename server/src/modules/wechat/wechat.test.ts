import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { startTestServer, type ErrorBody, type TestServer } from '../../test/support.js'
import { startWechatStandIn, type WechatStandIn } from '../../test/wechat-stand-in.js'
import { auditEntries, sql, totpCode } from '../auth/auth.test-support.js'

interface LoginBody {
  accessToken?: string
  refreshToken?: string
  user?: { id: string; username: string; teamName: string }
  mfa?: 'required' | 'setup_required'
  challengeToken?: string
}
interface Binding {
  available: boolean
  bound: boolean
  boundAt: string | null
}
interface ManagedUser {
  id: string
  username: string
  wechatBound: boolean
}

describe('WeChat sign-in and binding, with WeChat configured', () => {
  let server: TestServer
  let wechat: WechatStandIn
  let admin: string

  const signInWithWechat = (code: string) => server.api.post<LoginBody & ErrorBody>('/api/auth/wechat', { body: { code } })
  const bind = (token: string, openId: string) =>
    server.api.post<Binding & ErrorBody>('/api/me/wechat', { token, body: { code: wechat.issueCode(openId) } })
  const userIdOf = async (username: string) => {
    const users = await server.api.get<{ items: ManagedUser[] }>('/api/admin/users', { token: admin })
    const found = users.body.items.find((user) => user.username === username)
    if (found === undefined) throw new Error(`no user ${username}`)
    return found
  }
  const roleIdOf = async (key: string) => {
    const roles = await server.api.get<{ items: { id: string; key: string | null }[] }>('/api/roles', { token: admin })
    const found = roles.body.items.find((role) => role.key === key)
    if (found === undefined) throw new Error(`no role ${key}`)
    return found.id
  }
  const teamIdOf = async (name: string) => {
    const teams = await server.api.get<{ items: { id: string; name: string }[] }>('/api/teams', { token: admin })
    const found = teams.body.items.find((team) => team.name === name)
    if (found === undefined) throw new Error(`no team ${name}`)
    return found.id
  }

  beforeAll(async () => {
    wechat = await startWechatStandIn()
    server = await startTestServer({ wechat: { appId: wechat.appId, appSecret: wechat.appSecret, apiBaseUrl: wechat.baseUrl } })
    admin = await server.login('admin')
  })
  afterAll(async () => {
    await server?.close()
    await wechat?.close()
  })

  it('the sign-in page learns that WeChat sign-in is offered', async () => {
    const options = await server.api.get('/api/auth/options')
    expect(options.status).toBe(200)
    expect(options.body).toEqual({ wechat: true })
  })

  it('a sales rep binds her WeChat once and from then on signs in with one tap', async () => {
    const token = await server.login('sales1')
    expect((await server.api.get<Binding>('/api/me/wechat', { token })).body).toEqual({ available: true, bound: false, boundAt: null })

    const bound = await bind(token, 'openid-lina')
    expect(bound.status).toBe(200)
    expect(bound.body).toEqual({ available: true, bound: true, boundAt: expect.any(String) })
    expect((await server.api.get<Binding>('/api/me/wechat', { token })).body).toEqual(bound.body)
    // WeChat was asked with the app's credentials and the code the mini-program got.
    expect(wechat.calls.at(-1)).toMatchObject({
      path: '/sns/jscode2session',
      query: { appid: wechat.appId, secret: wechat.appSecret, grant_type: 'authorization_code' },
    })

    const before = await sql<{ last_login_at: Date | null }>(server, `SELECT last_login_at FROM users WHERE username = 'sales1'`)
    const signedIn = await signInWithWechat(wechat.issueCode('openid-lina'))
    expect(signedIn.status).toBe(200)
    expect(signedIn.body.user).toMatchObject({ username: 'sales1', teamName: '杭州西湖店' })
    expect(signedIn.body.refreshToken).toEqual(expect.any(String))
    const me = await server.api.get<{ username: string }>('/api/me', { token: signedIn.body.accessToken })
    expect(me.status).toBe(200)
    expect(me.body.username).toBe('sales1')
    const refreshed = await server.api.post<LoginBody>('/api/auth/refresh', { body: { refreshToken: signedIn.body.refreshToken } })
    expect(refreshed.status).toBe(200)

    const after = await sql<{ last_login_at: Date | null }>(server, `SELECT last_login_at FROM users WHERE username = 'sales1'`)
    expect(after[0]?.last_login_at?.getTime() ?? 0).toBeGreaterThan(before[0]?.last_login_at?.getTime() ?? 0)
    const logins = await auditEntries(server, ['login', 'wechat_bind'])
    expect(logins.filter((entry) => entry.label === 'sales1').slice(-2)).toEqual([
      expect.objectContaining({ action: 'wechat_bind', resource: 'account', actor_name: '李娜', meta: { replaced: false, again: false } }),
      expect.objectContaining({ action: 'login', resource: 'account', actor_name: '李娜', meta: expect.objectContaining({ method: 'wechat' }) }),
    ])
    // The openid identifies the person across the app: it stays out of the audit log.
    expect(JSON.stringify(await auditEntries(server))).not.toContain('openid-lina')
  })

  it('a WeChat account nobody bound is told to sign in with the password first, and the attempt is recorded', async () => {
    const response = await signInWithWechat(wechat.issueCode('openid-stranger'))
    expect(response.status).toBe(401)
    expect(response.body.code).toBe('WECHAT_NOT_BOUND')
    const failed = (await auditEntries(server, ['login_failed'])).at(-1)
    expect(failed).toMatchObject({ actor_id: null, resource_id: null, meta: { reason: 'not_bound', method: 'wechat' } })
  })

  it('a code WeChat does not know, or one already used, is refused as invalid', async () => {
    const token = await server.login('service1')
    expect((await bind(token, 'openid-chenjing')).status).toBe(200)
    const code = wechat.issueCode('openid-chenjing')
    expect((await signInWithWechat(code)).status).toBe(200)
    const reused = await signInWithWechat(code)
    expect(reused.status).toBe(401)
    expect(reused.body.code).toBe('WECHAT_CODE_INVALID')
    const made = await signInWithWechat('made-up-code')
    expect(made.status).toBe(401)
    expect(made.body.code).toBe('WECHAT_CODE_INVALID')
  })

  it('when WeChat is down or refuses the app, sign-in answers 502 and works again once WeChat is back', async () => {
    const code = wechat.issueCode('openid-lina')
    try {
      wechat.failWith('down')
      const down = await signInWithWechat(code)
      expect(down.status).toBe(502)
      expect(down.body.code).toBe('WECHAT_UNAVAILABLE')
      wechat.failWith(40125)
      const refused = await signInWithWechat(code)
      expect(refused.status).toBe(502)
      expect(refused.body.code).toBe('WECHAT_UNAVAILABLE')
    } finally {
      wechat.failWith(undefined)
    }
    expect((await signInWithWechat(code)).status).toBe(200)
  })

  it('a manager with MFA on gets the MFA step after the tap, and signs in with her code', async () => {
    const token = await server.login('manager')
    const setup = await server.api.post<{ secret: string }>('/api/me/mfa/setup', { token })
    // The previous time step's code turns MFA on, so the current one is still unused for the sign-in.
    expect((await server.api.post('/api/me/mfa/enable', { token, body: { code: totpCode(setup.body.secret, -1) } })).status).toBe(200)
    expect((await bind(token, 'openid-wang')).status).toBe(200)

    const tapped = await signInWithWechat(wechat.issueCode('openid-wang'))
    expect(tapped.status).toBe(200)
    expect(tapped.body).toEqual({ mfa: 'required', challengeToken: expect.any(String) })
    const verified = await server.api.post<LoginBody>('/api/auth/mfa/verify', {
      body: { challengeToken: tapped.body.challengeToken, code: totpCode(setup.body.secret) },
    })
    expect(verified.status).toBe(200)
    expect(verified.body.user?.username).toBe('manager')
  })

  it('a user whose role requires MFA and who has none yet must enrol first, as with the password', async () => {
    const role = await server.api.post<{ id: string }>('/api/roles', {
      token: admin,
      body: { name: '两步验证必选', permissions: ['customer:read'], scopes: { customer: 'own', audit: 'own' }, mfaRequired: true },
    })
    const sales2 = await userIdOf('sales2')
    const token = await server.login('sales2')
    expect((await bind(token, 'openid-zhang')).status).toBe(200)
    expect((await server.api.patch(`/api/admin/users/${sales2.id}`, { token: admin, body: { roleId: role.body.id } })).status).toBe(200)

    const tapped = await signInWithWechat(wechat.issueCode('openid-zhang'))
    expect(tapped.body).toEqual({ mfa: 'setup_required', challengeToken: expect.any(String) })
  })

  it('a disabled colleague keeps the binding but cannot sign in with it; a locked one waits like with the password', async () => {
    const created = await server.api.post<{ id: string }>('/api/admin/users', {
      token: admin,
      body: { username: 'leaver', displayName: '离职同事', password: 'Leaver-Password-2026', roleId: await roleIdOf('sales'), teamId: await teamIdOf('杭州西湖店') },
    })
    expect(created.status).toBe(201)
    await server.completeFirstSignIn('leaver', 'Leaver-Password-2026')
    expect((await bind(await server.login('leaver', 'Leaver-Password-2026'), 'openid-leaver')).status).toBe(200)

    await sql(server, `UPDATE users SET locked_until = now() + interval '10 minutes' WHERE id = $1`, [created.body.id])
    const locked = await signInWithWechat(wechat.issueCode('openid-leaver'))
    expect(locked.status).toBe(423)
    expect(locked.body.code).toBe('ACCOUNT_LOCKED')
    await sql(server, `UPDATE users SET locked_until = NULL WHERE id = $1`, [created.body.id])

    expect((await server.api.patch(`/api/admin/users/${created.body.id}`, { token: admin, body: { disabled: true } })).status).toBe(200)
    const refused = await signInWithWechat(wechat.issueCode('openid-leaver'))
    expect(refused.status).toBe(401)
    expect(refused.body.code).toBe('INVALID_CREDENTIALS')
    expect((await userIdOf('leaver')).wechatBound).toBe(true)
    expect((await auditEntries(server, ['login_failed'])).at(-1)).toMatchObject({
      resource_id: created.body.id,
      meta: { reason: 'disabled', method: 'wechat' },
    })
  })

  it('a WeChat account bound to a colleague cannot be bound again, and the colleague keeps it', async () => {
    const token = await server.login('sales1')
    const taken = await bind(token, 'openid-chenjing')
    expect(taken.status).toBe(409)
    expect(taken.body.code).toBe('WECHAT_ALREADY_BOUND')
    const signedIn = await signInWithWechat(wechat.issueCode('openid-chenjing'))
    expect(signedIn.body.user?.username).toBe('service1')
  })

  it('binding another WeChat replaces the own earlier one, and unbinding ends one-tap sign-in', async () => {
    const token = await server.login('sales1')
    const rebound = await bind(token, 'openid-lina-new-phone')
    expect(rebound.status).toBe(200)
    expect((await auditEntries(server, ['wechat_bind'])).at(-1)).toMatchObject({ label: 'sales1', meta: { replaced: true, again: false } })
    expect((await signInWithWechat(wechat.issueCode('openid-lina'))).body.code).toBe('WECHAT_NOT_BOUND')
    expect((await signInWithWechat(wechat.issueCode('openid-lina-new-phone'))).body.user?.username).toBe('sales1')

    const unbound = await server.api.delete('/api/me/wechat', { token })
    expect(unbound.status).toBe(204)
    expect((await server.api.get<Binding>('/api/me/wechat', { token })).body).toEqual({ available: true, bound: false, boundAt: null })
    expect((await signInWithWechat(wechat.issueCode('openid-lina-new-phone'))).body.code).toBe('WECHAT_NOT_BOUND')
    // Unbinding again changes nothing and records nothing more.
    const unbinds = (await auditEntries(server, ['wechat_unbind'])).length
    expect((await server.api.delete('/api/me/wechat', { token })).status).toBe(204)
    expect(await auditEntries(server, ['wechat_unbind'])).toHaveLength(unbinds)
    expect((await auditEntries(server, ['wechat_unbind'])).at(-1)).toMatchObject({ resource: 'account', label: 'sales1', actor_name: '李娜' })
  })

  it('an administrator unbinds the WeChat of a colleague who lost the phone; a sales rep may not', async () => {
    const service1 = await userIdOf('service1')
    expect(service1.wechatBound).toBe(true)
    const bySales = await server.api.post<ErrorBody>(`/api/admin/users/${service1.id}/unbind-wechat`, { token: await server.login('sales1') })
    expect(bySales.status).toBe(403)

    const unbound = await server.api.post(`/api/admin/users/${service1.id}/unbind-wechat`, { token: admin })
    expect(unbound.status).toBe(204)
    expect((await userIdOf('service1')).wechatBound).toBe(false)
    expect((await signInWithWechat(wechat.issueCode('openid-chenjing'))).body.code).toBe('WECHAT_NOT_BOUND')
    expect((await auditEntries(server, ['wechat_unbind'])).at(-1)).toMatchObject({
      resource: 'user',
      resource_id: service1.id,
      label: 'service1',
      actor_name: expect.any(String),
      meta: { wasBound: true },
    })
    const unknown = await server.api.post<ErrorBody>('/api/admin/users/00000000-0000-4000-8000-000000000000/unbind-wechat', { token: admin })
    expect(unknown.status).toBe(404)
  })

  it('an API key acting as a user cannot see or change that user’s WeChat binding', async () => {
    const created = await server.api.post<{ key: string }>('/api/api-keys', {
      token: admin,
      body: { name: '门店同步', roleId: await roleIdOf('sales'), actingUserId: (await userIdOf('sales1')).id },
    })
    const key = created.body.key
    expect((await server.api.get('/api/me/wechat', { token: key })).status).toBe(403)
    expect((await server.api.post('/api/me/wechat', { token: key, body: { code: wechat.issueCode('openid-robot') } })).status).toBe(403)
    expect((await server.api.delete('/api/me/wechat', { token: key })).status).toBe(403)
  })
})

describe('WeChat sign-in without WeChat configured', () => {
  let server: TestServer

  beforeAll(async () => {
    server = await startTestServer({ wechat: undefined })
  })
  afterAll(() => server?.close())

  it('the apps hide WeChat: the options say so and every WeChat step answers 404', async () => {
    expect((await server.api.get('/api/auth/options')).body).toEqual({ wechat: false })
    const signIn = await server.api.post<ErrorBody>('/api/auth/wechat', { body: { code: 'any-code' } })
    expect(signIn.status).toBe(404)
    expect(signIn.body.code).toBe('WECHAT_NOT_CONFIGURED')

    const token = await server.login('sales1')
    expect((await server.api.get('/api/me/wechat', { token })).body).toEqual({ available: false, bound: false, boundAt: null })
    const bind = await server.api.post<ErrorBody>('/api/me/wechat', { token, body: { code: 'any-code' } })
    expect(bind.status).toBe(404)
    expect(bind.body.code).toBe('WECHAT_NOT_CONFIGURED')
  })
})
