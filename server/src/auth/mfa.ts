import type { Db } from '../db/prisma.js'
import type { Prisma } from '../generated/prisma/client.js'
import { recordAudit } from '../audit/audit.js'
import type { RequestContext } from '../http/context.js'
import { AppError } from '../http/errors.js'
import type { DataCipher } from '../lib/crypto.js'
import { createTotpCheck, hashRecoveryCode, newRecoveryCodes, newTotpEnrolment, type TotpEnrolment } from './totp.js'

export interface MfaAccount {
  id: string
  username: string
  displayName: string
}

export interface MfaStatus {
  enabled: boolean
  enabledAt: Date | null
  recoveryCodesLeft: number
  /** The user's role requires MFA (then it cannot be turned off). */
  required: boolean
}

/**
 * TOTP two-factor authentication of accounts: enrolment (a secret sealed like other personal data, turned on by
 * a first good code), checking codes, and single-use recovery codes (only their hashes are stored). Shared by
 * the sign-in steps and the user's own account pages.
 */
export interface Mfa {
  status(userId: string): Promise<MfaStatus>
  /** A new pending secret for an account without MFA; replaces an earlier unconfirmed one. */
  beginSetup(account: MfaAccount): Promise<TotpEnrolment>
  /** Turns MFA on with a code of the pending secret; returns the recovery codes (shown once). Audited. */
  enable(ctx: Pick<RequestContext, 'user' | 'ip' | 'userAgent'>, account: MfaAccount, code: string): Promise<string[]>
  /** A code of the account's confirmed secret, each accepted once. */
  checkCode(userId: string, code: string): Promise<boolean>
  /** Uses up one recovery code; false when it is unknown or was used. */
  useRecoveryCode(userId: string, code: string): Promise<boolean>
  /** A new set of recovery codes; the old ones stop working. */
  replaceRecoveryCodes(userId: string, tx?: Prisma.TransactionClient): Promise<string[]>
  /** Turns MFA off: secret and recovery codes go. Audited as `action` (mfa_disable, or mfa_reset by an administrator). */
  disable(
    ctx: Pick<RequestContext, 'user' | 'ip' | 'userAgent'>,
    account: MfaAccount,
    action: 'mfa_disable' | 'mfa_reset',
  ): Promise<void>
}

export const createMfa = ({ db, cipher }: { db: Db; cipher: DataCipher }): Mfa => {
  const totp = createTotpCheck()

  const secretOf = (user: { mfaSecretEncrypted: Uint8Array | null; mfaKeyId: string | null }): string | null =>
    user.mfaSecretEncrypted === null || user.mfaKeyId === null ? null : cipher.open(user.mfaSecretEncrypted, user.mfaKeyId)

  const replaceRecoveryCodes = async (userId: string, client: Prisma.TransactionClient): Promise<string[]> => {
    const codes = newRecoveryCodes()
    await client.mfaRecoveryCode.deleteMany({ where: { userId } })
    await client.mfaRecoveryCode.createMany({ data: codes.map((code) => ({ userId, codeHash: hashRecoveryCode(code) })) })
    return codes
  }

  return {
    status: async (userId) => {
      const user = await db.user.findUniqueOrThrow({ where: { id: userId }, include: { role: true } })
      const enabled = user.mfaEnabledAt !== null
      return {
        enabled,
        enabledAt: user.mfaEnabledAt,
        recoveryCodesLeft: enabled ? await db.mfaRecoveryCode.count({ where: { userId, usedAt: null } }) : 0,
        required: user.role.mfaRequired,
      }
    },

    beginSetup: async (account) => {
      const user = await db.user.findUniqueOrThrow({ where: { id: account.id } })
      if (user.mfaEnabledAt !== null) throw new AppError('MFA_ALREADY_ENABLED')
      const enrolment = await newTotpEnrolment(account.username)
      const sealed = cipher.seal(enrolment.secret)
      // Conditional, so a setup racing an enable cannot swap the secret under a confirmed account.
      const updated = await db.user.updateMany({
        where: { id: account.id, mfaEnabledAt: null },
        data: { mfaSecretEncrypted: sealed.ciphertext, mfaKeyId: sealed.keyId },
      })
      if (updated.count === 0) throw new AppError('MFA_ALREADY_ENABLED')
      return enrolment
    },

    enable: async (ctx, account, code) => {
      const user = await db.user.findUniqueOrThrow({ where: { id: account.id } })
      if (user.mfaEnabledAt !== null) throw new AppError('MFA_ALREADY_ENABLED')
      const secret = secretOf(user)
      // Without a pending secret there is nothing the code could match.
      if (secret === null || !totp.verify(account.id, secret, code)) throw new AppError('MFA_CODE_INVALID')
      return db.$transaction(async (tx) => {
        const now = new Date()
        const updated = await tx.user.updateMany({ where: { id: account.id, mfaEnabledAt: null }, data: { mfaEnabledAt: now } })
        if (updated.count === 0) throw new AppError('MFA_ALREADY_ENABLED')
        const codes = await replaceRecoveryCodes(account.id, tx)
        await recordAudit(
          tx,
          ctx,
          { action: 'mfa_enable', resource: 'account', resourceId: account.id, label: account.username, changes: { mfaEnabled: { before: false, after: true } } },
          ctx.user ?? { id: account.id, displayName: account.displayName },
        )
        return codes
      })
    },

    checkCode: async (userId, code) => {
      const user = await db.user.findUnique({ where: { id: userId } })
      if (user === null || user.mfaEnabledAt === null) return false
      const secret = secretOf(user)
      return secret !== null && totp.verify(userId, secret, code)
    },

    useRecoveryCode: async (userId, code) => {
      // One conditional update claims the code, so two requests with the same code cannot both succeed.
      const used = await db.mfaRecoveryCode.updateMany({
        where: { userId, codeHash: hashRecoveryCode(code), usedAt: null },
        data: { usedAt: new Date() },
      })
      return used.count > 0
    },

    replaceRecoveryCodes: (userId, tx) => (tx === undefined ? db.$transaction((client) => replaceRecoveryCodes(userId, client)) : replaceRecoveryCodes(userId, tx)),

    disable: async (ctx, account, action) => {
      await db.$transaction(async (tx) => {
        const updated = await tx.user.updateMany({
          where: { id: account.id, mfaEnabledAt: { not: null } },
          data: { mfaEnabledAt: null, mfaSecretEncrypted: null, mfaKeyId: null },
        })
        if (updated.count === 0) throw new AppError('MFA_NOT_ENABLED')
        await tx.mfaRecoveryCode.deleteMany({ where: { userId: account.id } })
        await recordAudit(tx, ctx, {
          action,
          resource: 'account',
          resourceId: account.id,
          label: account.username,
          changes: { mfaEnabled: { before: true, after: false } },
        })
      })
    },
  }
}
