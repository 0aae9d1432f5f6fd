import { z } from 'zod'
import 'zod-openapi'
import { dataScopes, permissions } from '../../auth/permissions.js'
import { singleLine } from '../../http/schemas.js'

export const RoleKey = z
  .enum(['admin', 'manager', 'sales', 'service', 'viewer', 'custom'])
  .meta({ id: 'RoleKey', description: 'The built-in role, or `custom` for a role administrators made' })

export const Permission = z.enum(permissions).meta({ id: 'Permission' })
export const DataScope = z.enum(dataScopes).meta({ id: 'DataScope', description: 'own, team (with sub-teams) or all' })
export const RoleScopes = z
  .strictObject({ customer: DataScope, audit: DataScope, feedback: DataScope.default('own') })
  .meta({ id: 'RoleScopes', description: 'Which rows of each scoped resource the role reaches' })

export const User = z
  .object({
    id: z.uuid(),
    username: z.string().meta({ example: 'sales1' }),
    displayName: z.string().meta({ example: '李娜' }),
    role: RoleKey,
    roleId: z.uuid(),
    roleName: z.string().meta({ example: '销售' }),
    teamId: z.uuid(),
    teamName: z.string().meta({ description: "The user's team (for most staff their store); the intake app fills a new customer's source with it", example: '杭州西湖店' }),
    permissions: z.array(Permission),
    scopes: RoleScopes,
    passwordChangeRequired: z.boolean().meta({ description: 'Only changing the password is allowed until it is changed' }),
  })
  .meta({ id: 'User', description: 'The signed-in user (or the user an API key acts as) and what they may do' })

export const StaffMember = z
  .object({ id: z.uuid(), username: z.string(), displayName: z.string(), teamId: z.uuid() })
  .meta({ id: 'StaffMember' })

export const LoginRequest = z
  .strictObject({
    username: singleLine(1, 64).meta({ example: 'admin' }),
    password: z.string().min(1).max(128),
  })
  .meta({ id: 'LoginRequest' })

export const RefreshRequest = z
  .strictObject({ refreshToken: z.string().min(1).max(512) })
  .meta({ id: 'RefreshRequest' })

const ChallengeToken = z.string().min(1).max(2048).meta({ description: 'From the sign-in answer; valid 5 minutes' })
export const TotpCode = z
  .string()
  .trim()
  .regex(/^\d{6}$/, { error: 'validation.totp_code' })
  .meta({ description: 'The 6-digit code of the authenticator app', example: '123456' })
export const RecoveryCode = z
  .string()
  .trim()
  .min(1)
  .max(64)
  .meta({ description: 'One of the recovery codes shown when MFA was turned on; each works once', example: 'k3m9q-x7h2p' })

export const MfaChallenge = z
  .object({
    mfa: z.enum(['required', 'setup_required']).meta({
      description: '`required`: send a code to /api/auth/mfa/verify; `setup_required`: the role requires MFA, enrol with /api/auth/mfa/setup and /api/auth/mfa/enable',
    }),
    challengeToken: z.string().meta({ description: 'Proves the password step; valid 5 minutes, for the MFA endpoints only' }),
  })
  .meta({ id: 'MfaChallenge', description: 'The password was right; a second step is due before tokens are issued' })

export const MfaVerifyRequest = z
  .strictObject({ challengeToken: ChallengeToken, code: TotpCode.optional(), recoveryCode: RecoveryCode.optional() })
  .refine((input) => (input.code === undefined) !== (input.recoveryCode === undefined), {
    error: 'validation.code_or_recovery_code',
    path: ['code'],
  })
  .meta({ id: 'MfaVerifyRequest', description: 'Either `code` or `recoveryCode`' })

export const MfaChallengeRequest = z.strictObject({ challengeToken: ChallengeToken }).meta({ id: 'MfaChallengeRequest' })
export const MfaEnableWithChallengeRequest = z
  .strictObject({ challengeToken: ChallengeToken, code: TotpCode })
  .meta({ id: 'MfaEnableWithChallengeRequest' })

export const MfaSetup = z
  .object({
    secret: z.string().meta({ description: 'Base32 secret, for typing into an app that cannot scan', example: 'JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP' }),
    otpauthUrl: z.string().meta({ description: '`otpauth://totp/…` link the QR code holds' }),
    qrCodeDataUrl: z.string().meta({ description: 'PNG of the QR code as a `data:` URL' }),
  })
  .meta({ id: 'MfaSetup', description: 'A new TOTP secret; MFA is on only after a first code is confirmed' })

export const RecoveryCodes = z
  .array(z.string().meta({ example: 'k3m9q-x7h2p' }))
  .meta({ description: 'Ten single-use codes, shown only now' })

export const LoginResponse = z
  .object({
    accessToken: z.string().meta({ description: 'JWT for `Authorization: Bearer`, valid 15 minutes' }),
    refreshToken: z.string().meta({ description: 'Opaque token, single use: each refresh returns a new one' }),
    user: User,
  })
  .meta({ id: 'LoginResponse' })

export const LoginResult = z
  .union([LoginResponse, MfaChallenge])
  .meta({ id: 'LoginResult', description: 'Tokens, or an MFA challenge when the account has (or its role requires) MFA' })

export const LoginWithRecoveryCodes = LoginResponse.extend({ recoveryCodes: RecoveryCodes }).meta({
  id: 'LoginWithRecoveryCodes',
  description: 'Signed in after turning MFA on; keep the recovery codes',
})

export type UserDto = z.infer<typeof User>
export type LoginResponseDto = z.infer<typeof LoginResponse>
export type LoginResultDto = z.infer<typeof LoginResult>
export type MfaChallengeDto = z.infer<typeof MfaChallenge>
export type MfaSetupDto = z.infer<typeof MfaSetup>
