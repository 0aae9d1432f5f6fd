import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { startTestServer, testDemoPassword, type ErrorBody, type TestServer } from '../../test/support.js'
import { auditEntries, sql, totpCode } from './auth.test-support.js'

interface User {
  id: string
  username: string
}
interface Tokens {
  accessToken: string
  refreshToken: string
  user: User
}
interface Challenge {
  mfa: 'required' | 'setup_required'
  challengeToken: string
}
interface MfaSetup {
  secret: string
  otpauthUrl: string
  qrCodeDataUrl: string
}

describe('two-factor authentication (TOTP)', () => {
  let server: TestServer
  const signIn = (username: string, password = testDemoPassword) =>
    server.api.post<Tokens & Challenge & ErrorBody>('/api/auth/login', { body: { username, password } })

  beforeAll(async () => {
    server = await startTestServer()
  })
  afterAll(() => server.close())

  describe('a sales rep turns MFA on and signs in with codes', () => {
    let secret = ''
    let recoveryCodes: string[] = []

    it('she scans a QR code, confirms a first code and gets ten recovery codes', async () => {
      const token = await server.login('sales1')
      const before = await server.api.get('/api/me/mfa', { token })
      expect(before.body).toEqual({ enabled: false, enabledAt: null, recoveryCodesLeft: 0, required: false })

      const setup = await server.api.post<MfaSetup>('/api/me/mfa/setup', { token })
      expect(setup.status).toBe(200)
      expect(setup.body.secret).toMatch(/^[A-Z2-7]{32}$/)
      expect(setup.body.otpauthUrl).toMatch(/^otpauth:\/\/totp\/.*sales1.*secret=/)
      expect(setup.body.qrCodeDataUrl).toMatch(/^data:image\/png;base64,/)
      secret = setup.body.secret

      // The secret is kept sealed, never in clear.
      const [stored] = await sql<{ secret: Buffer; key: string }>(server, `SELECT mfa_secret_encrypted AS secret, mfa_key_id AS key FROM users WHERE username = 'sales1'`)
      expect(stored?.key).toEqual(expect.any(String))
      expect(stored?.secret.toString('latin1')).not.toContain(secret)

      const wrong = await server.api.post<ErrorBody>('/api/me/mfa/enable', { token, body: { code: '000000' === totpCode(secret, -1) ? '111111' : '000000' } })
      expect(wrong.status).toBe(401)
      expect(wrong.body.code).toBe('MFA_CODE_INVALID')

      const enabled = await server.api.post<{ recoveryCodes: string[] }>('/api/me/mfa/enable', { token, body: { code: totpCode(secret, -1) } })
      expect(enabled.status).toBe(200)
      recoveryCodes = enabled.body.recoveryCodes
      expect(recoveryCodes).toHaveLength(10)
      expect(new Set(recoveryCodes).size).toBe(10)

      const after = await server.api.get<{ enabled: boolean; recoveryCodesLeft: number }>('/api/me/mfa', { token })
      expect(after.body).toMatchObject({ enabled: true, recoveryCodesLeft: 10, required: false })
      // Only hashes are stored.
      const hashes = await sql<{ code_hash: string }>(server, `SELECT code_hash FROM mfa_recovery_codes c JOIN users u ON u.id = c.user_id WHERE u.username = 'sales1'`)
      expect(hashes).toHaveLength(10)
      for (const { code_hash } of hashes) expect(recoveryCodes.some((code) => code_hash.includes(code))).toBe(false)

      const again = await server.api.post<ErrorBody>('/api/me/mfa/setup', { token })
      expect(again.status).toBe(409)
      expect(again.body.code).toBe('MFA_ALREADY_ENABLED')
    })

    it('signing in now asks for a code, and a current code finishes it once', async () => {
      const first = await signIn('sales1')
      expect(first.status).toBe(200)
      expect(first.body).toEqual({ mfa: 'required', challengeToken: expect.any(String) })
      // The challenge is no access token.
      expect((await server.api.get('/api/me', { token: first.body.challengeToken })).status).toBe(401)

      const code = totpCode(secret)
      const verified = await server.api.post<Tokens>('/api/auth/mfa/verify', { body: { challengeToken: first.body.challengeToken, code } })
      expect(verified.status).toBe(200)
      expect(verified.body.user.username).toBe('sales1')
      expect((await server.api.get('/api/me', { token: verified.body.accessToken })).status).toBe(200)

      // Someone who watched the code being typed cannot use it again within its window.
      const replayed = await server.api.post<ErrorBody>('/api/auth/mfa/verify', { body: { challengeToken: (await signIn('sales1')).body.challengeToken, code } })
      expect(replayed.status).toBe(401)
      expect(replayed.body.code).toBe('MFA_CODE_INVALID')
    })

    it('malformed codes and forged challenges are refused', async () => {
      const { challengeToken } = (await signIn('sales1')).body
      const malformed = await server.api.post<ErrorBody>('/api/auth/mfa/verify', { body: { challengeToken, code: '12345x' }, language: 'en-US' })
      expect(malformed.status).toBe(422)
      expect(malformed.body.details).toEqual([{ field: 'code', message: 'Enter the 6-digit code from the authenticator app' }])
      const neither = await server.api.post<ErrorBody>('/api/auth/mfa/verify', { body: { challengeToken } })
      expect(neither.status).toBe(422)
      expect(neither.body.details).toEqual([{ field: 'code', message: '请填写验证码或恢复码（二选一）' }])
      const forged = await server.api.post<ErrorBody>('/api/auth/mfa/verify', { body: { challengeToken: 'not-a-token', code: '123456' } })
      expect(forged.status).toBe(401)
      expect(forged.body.code).toBe('MFA_CHALLENGE_EXPIRED')
    })

    it('a recovery code signs her in once; the second use is refused', async () => {
      const { challengeToken } = (await signIn('sales1')).body
      const recoveryCode = recoveryCodes[0] as string
      const withRecovery = await server.api.post<Tokens>('/api/auth/mfa/verify', { body: { challengeToken, recoveryCode: recoveryCode.toUpperCase() } })
      expect(withRecovery.status).toBe(200)

      const again = await server.api.post<ErrorBody>('/api/auth/mfa/verify', {
        body: { challengeToken: (await signIn('sales1')).body.challengeToken, recoveryCode },
      })
      expect(again.status).toBe(401)
      expect(again.body.code).toBe('MFA_CODE_INVALID')
      const status = await server.api.get<{ recoveryCodesLeft: number }>('/api/me/mfa', { token: withRecovery.body.accessToken })
      expect(status.body.recoveryCodesLeft).toBe(9)
    })

    it('new recovery codes need a current code and replace the old ones', async () => {
      const { challengeToken } = (await signIn('sales1')).body
      const { accessToken } = (await server.api.post<Tokens>('/api/auth/mfa/verify', { body: { challengeToken, recoveryCode: recoveryCodes[1] } })).body
      const refused = await server.api.post<ErrorBody>('/api/me/mfa/recovery-codes', { token: accessToken, body: { code: '000000' } })
      expect(refused.status).toBe(401)
      const replaced = await server.api.post<{ recoveryCodes: string[] }>('/api/me/mfa/recovery-codes', { token: accessToken, body: { code: totpCode(secret, 1) } })
      expect(replaced.status).toBe(200)
      expect(replaced.body.recoveryCodes).toHaveLength(10)

      const old = await server.api.post('/api/auth/mfa/verify', {
        body: { challengeToken: (await signIn('sales1')).body.challengeToken, recoveryCode: recoveryCodes[2] },
      })
      expect(old.status).toBe(401)
      recoveryCodes = replaced.body.recoveryCodes
    })

    it('she turns MFA off with her password, and signs in with the password alone again', async () => {
      const { challengeToken } = (await signIn('sales1')).body
      const { accessToken } = (await server.api.post<Tokens>('/api/auth/mfa/verify', { body: { challengeToken, recoveryCode: recoveryCodes[0] } })).body
      const wrongPassword = await server.api.post<ErrorBody>('/api/me/mfa/disable', { token: accessToken, body: { password: 'not-mine-1' }, language: 'en-US' })
      expect(wrongPassword.status).toBe(422)
      expect(wrongPassword.body.details).toEqual([{ field: 'password', message: 'The current password is wrong' }])

      expect((await server.api.post('/api/me/mfa/disable', { token: accessToken, body: { password: testDemoPassword } })).status).toBe(204)
      const twice = await server.api.post<ErrorBody>('/api/me/mfa/disable', { token: accessToken, body: { password: testDemoPassword } })
      expect(twice.status).toBe(409)
      expect(twice.body.code).toBe('MFA_NOT_ENABLED')

      const plain = await signIn('sales1')
      expect(plain.body.accessToken).toEqual(expect.any(String))
      const [row] = await sql<{ secret: Buffer | null; codes: string }>(
        server,
        `SELECT mfa_secret_encrypted AS secret, (SELECT count(*) FROM mfa_recovery_codes c WHERE c.user_id = u.id) AS codes FROM users u WHERE username = 'sales1'`,
      )
      expect(row).toEqual({ secret: null, codes: '0' })
    })

    it('the audit log tells the story without secrets', async () => {
      const entries = (await auditEntries(server, ['mfa_enable', 'mfa_disable', 'login', 'login_failed'])).filter((entry) => entry.label === 'sales1')
      const sales1 = entries[0]?.actor_id
      expect(entries.map((entry) => entry.action)).toEqual(
        expect.arrayContaining(['mfa_enable', 'login', 'login_failed', 'mfa_disable']),
      )
      for (const entry of entries) expect(entry.actor_id).toBe(sales1)
      expect(entries.filter((entry) => entry.action === 'login').map((entry) => entry.meta?.method)).toEqual(
        expect.arrayContaining(['totp', 'recovery_code', 'password']),
      )
      expect(entries.find((entry) => entry.action === 'login_failed')?.meta).toEqual({ reason: 'wrong_mfa_code' })
      expect(entries.find((entry) => entry.action === 'mfa_enable')?.changes).toEqual({ mfaEnabled: { before: false, after: true } })
      const text = JSON.stringify(entries)
      expect(text).not.toContain(secret)
      for (const code of recoveryCodes) expect(text).not.toContain(code)
    })
  })

  describe('a role that requires MFA', () => {
    it('makes its users enrol while signing in, and they cannot turn it off', async () => {
      await sql(server, `UPDATE roles SET mfa_required = true WHERE key = 'service'`)
      const first = await signIn('service1')
      expect(first.body).toEqual({ mfa: 'setup_required', challengeToken: expect.any(String) })
      const { challengeToken } = first.body

      // A setup challenge cannot be used as a code challenge, and no tokens come without enrolling.
      const verify = await server.api.post<ErrorBody>('/api/auth/mfa/verify', { body: { challengeToken, code: '123456' } })
      expect(verify.body.code).toBe('MFA_CHALLENGE_EXPIRED')

      const setup = await server.api.post<MfaSetup>('/api/auth/mfa/setup', { body: { challengeToken } })
      expect(setup.status).toBe(200)
      const enabled = await server.api.post<Tokens & { recoveryCodes: string[] }>('/api/auth/mfa/enable', {
        body: { challengeToken, code: totpCode(setup.body.secret) },
      })
      expect(enabled.status).toBe(200)
      expect(enabled.body.recoveryCodes).toHaveLength(10)
      expect(enabled.body.user.username).toBe('service1')
      const token = enabled.body.accessToken

      expect((await server.api.get('/api/me/mfa', { token })).body).toMatchObject({ enabled: true, required: true })
      const disable = await server.api.post<ErrorBody>('/api/me/mfa/disable', { token, body: { password: testDemoPassword } })
      expect(disable.status).toBe(403)
      expect(disable.body.code).toBe('FORBIDDEN')

      // Once enrolled, the next sign-in asks for a code, and the setup step is closed.
      const next = await signIn('service1')
      expect(next.body.mfa).toBe('required')
      const resetup = await server.api.post<ErrorBody>('/api/auth/mfa/setup', { body: { challengeToken: next.body.challengeToken } })
      expect(resetup.body.code).toBe('MFA_CHALLENGE_EXPIRED')
      const retry = await server.api.post<ErrorBody>('/api/auth/mfa/setup', { body: { challengeToken } })
      expect(retry.status).toBe(409)
      expect(retry.body.code).toBe('MFA_ALREADY_ENABLED')
      await sql(server, `UPDATE roles SET mfa_required = false WHERE key = 'service'`)
    })
  })
})
