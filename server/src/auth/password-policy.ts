import { dictionary } from '@zxcvbn-ts/language-common'
import type { Db } from '../db/prisma.js'
import type { Prisma } from '../generated/prisma/client.js'
import { AppError, type FieldProblem } from '../http/errors.js'
import { readSecuritySettings } from './security-settings.js'

// zxcvbn-ts's list of the most used passwords (from leaked password sets), ~50,000 entries, shipped in the package.
// Compared case-insensitively: "Password1" is as easy to guess as "password1".
const commonPasswords = new Set(dictionary['passwords-common'].map((password) => password.toLowerCase()))

export const isCommonPassword = (password: string): boolean => commonPasswords.has(password.toLowerCase())

/** What is wrong with a password under the policy, as field problems of `field`; empty when it is acceptable. */
export const passwordProblems = (
  password: string,
  { username, minLength, field }: { username: string; minLength: number; field: string },
): FieldProblem[] => {
  // Counted in characters (code points), as people count them, not UTF-16 units.
  if ([...password].length < minLength) return [{ field, messageKey: 'validation.password_too_short', params: { minimum: minLength } }]
  if (password.trim().toLowerCase() === username.trim().toLowerCase()) return [{ field, messageKey: 'validation.password_equals_username' }]
  if (isCommonPassword(password)) return [{ field, messageKey: 'validation.password_common' }]
  return []
}

/**
 * Refuses a new password that breaks the policy (minimum length from the security settings, not a common
 * password, not the username) with VALIDATION_FAILED naming `field`. Used wherever a password is set: the
 * user's own change, and administrators creating users or resetting passwords.
 */
export const checkPassword = async (
  db: Db | Prisma.TransactionClient,
  { password, username, field = 'password' }: { password: string; username: string; field?: string },
): Promise<void> => {
  const { passwordMinLength } = await readSecuritySettings(db)
  const problems = passwordProblems(password, { username, minLength: passwordMinLength, field })
  if (problems.length > 0) throw new AppError('VALIDATION_FAILED', { fieldProblems: problems })
}
