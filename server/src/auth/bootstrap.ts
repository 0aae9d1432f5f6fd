import type { Logger } from 'pino'
import type { Db } from '../db/prisma.js'
import { generatePassword, hashPassword } from './passwords.js'

/** Creates the administrator on first start. An existing account is left alone, password included. */
export const ensureAdmin = async (
  db: Db,
  { username, password }: { username: string; password: string | undefined },
  logger: Logger,
): Promise<void> => {
  if ((await db.user.count({ where: { username } })) > 0) return
  const chosenPassword = password ?? generatePassword()
  await db.user.create({
    data: { username, displayName: '系统管理员', role: 'admin', passwordHash: await hashPassword(chosenPassword) },
  })
  if (password === undefined) {
    // Shown once: only the hash is stored.
    logger.warn({ username, password: chosenPassword }, 'created the administrator with a generated password; note it now')
  } else {
    logger.info({ username }, 'created the administrator from ADMIN_PASSWORD')
  }
}
