import { describe, expect, it } from 'vitest'
import type { Session } from '../src/api/types'
import { stepAfterPassword, verifyBody } from '../src/auth/sign-in-steps'

const user: Session['user'] = {
  id: '7d7c1f5e-0000-4000-8000-000000000001',
  username: 'sales1',
  displayName: '李娜',
  role: 'custom',
  roleId: '7d7c1f5e-0000-4000-8000-0000000000r1',
  roleName: '门店登记员',
  teamId: '7d7c1f5e-0000-4000-8000-0000000000t1',
  teamName: '杭州西湖店',
  permissions: ['customer:read', 'customer:create'],
  scopes: { customer: 'own', audit: 'own', feedback: 'own' },
  passwordChangeRequired: false,
}
const session: Session = { accessToken: 'a', refreshToken: 'r', user }

describe('signing in on the intake app', () => {
  it('a plain account (any role, custom ones too) is signed in after the password', () => {
    expect(stepAfterPassword(session)).toEqual({ kind: 'signedIn', session })
  })

  it('an account with two-factor authentication asks for a code next', () => {
    expect(stepAfterPassword({ mfa: 'required', challengeToken: 'c1' })).toEqual({ kind: 'code', challengeToken: 'c1' })
  })

  it('enrolment and a required password change are sent to the console', () => {
    expect(stepAfterPassword({ mfa: 'setup_required', challengeToken: 'c2' })).toEqual({ kind: 'setupRequired' })
    const expired = { ...session, user: { ...user, passwordChangeRequired: true } }
    expect(stepAfterPassword(expired)).toEqual({ kind: 'passwordChangeRequired', session: expired })
  })

  it('one field takes an authenticator code or a recovery code', () => {
    expect(verifyBody('c1', ' 123 456 ')).toEqual({ challengeToken: 'c1', code: '123456' })
    expect(verifyBody('c1', ' k3m9q-x7h2p ')).toEqual({ challengeToken: 'c1', recoveryCode: 'k3m9q-x7h2p' })
  })
})
