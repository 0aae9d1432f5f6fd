import { z } from 'zod'
import 'zod-openapi'
import { IsoDateTime } from '../../http/schemas.js'
import { RecoveryCodes, TotpCode } from '../auth/auth.schemas.js'

export const ChangePasswordRequest = z
  .strictObject({
    currentPassword: z.string().min(1).max(128),
    newPassword: z.string().min(1).max(128).meta({ description: 'Checked against the password policy (length, common passwords, username)' }),
  })
  .meta({ id: 'ChangePasswordRequest' })

export const MfaStatus = z
  .object({
    enabled: z.boolean(),
    enabledAt: IsoDateTime.nullable(),
    recoveryCodesLeft: z.number().int().meta({ description: 'Unused recovery codes' }),
    required: z.boolean().meta({ description: "The user's role requires MFA: it cannot be turned off" }),
  })
  .meta({ id: 'MfaStatus' })

export const MfaCodeRequest = z.strictObject({ code: TotpCode }).meta({ id: 'MfaCodeRequest' })
export const MfaDisableRequest = z.strictObject({ password: z.string().min(1).max(128) }).meta({ id: 'MfaDisableRequest' })
export const RecoveryCodesResponse = z.object({ recoveryCodes: RecoveryCodes }).meta({ id: 'RecoveryCodesResponse' })

export const AccountSession = z
  .object({
    id: z.uuid(),
    ip: z.string().nullable(),
    userAgent: z.string().nullable(),
    createdAt: IsoDateTime,
    lastUsedAt: IsoDateTime.meta({ description: 'The last token refresh' }),
    current: z.boolean().meta({ description: 'The session of this request' }),
  })
  .meta({ id: 'AccountSession', description: 'A live sign-in of the user (one per device or browser)' })

export const AccountSessionList = z.object({ items: z.array(AccountSession) }).meta({ id: 'AccountSessionList', description: 'Newest first' })

export type MfaStatusDto = z.infer<typeof MfaStatus>
export type AccountSessionListDto = z.infer<typeof AccountSessionList>
