import type { Db } from '../db/prisma.js'
import type { Prisma } from '../generated/prisma/client.js'

export interface SecuritySettingsValues {
  passwordMinLength: number
  /** 0 = passwords never expire. */
  passwordExpiryDays: number
  lockoutThreshold: number
  lockoutBaseSeconds: number
}

/** The longest a lockout lasts, however often it doubled. */
export const maxLockoutSeconds = 60 * 60

/** The single settings row (the access_control migration inserts it; recreated with defaults if someone removed it). */
export const readSecuritySettings = async (db: Db | Prisma.TransactionClient): Promise<SecuritySettingsValues> => {
  const row = await db.securitySettings.upsert({ where: { id: 1 }, create: { id: 1 }, update: {} })
  return {
    passwordMinLength: row.passwordMinLength,
    passwordExpiryDays: row.passwordExpiryDays,
    lockoutThreshold: row.lockoutThreshold,
    lockoutBaseSeconds: row.lockoutBaseSeconds,
  }
}
