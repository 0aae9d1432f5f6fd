import type { Logger } from 'pino'
import type { Db } from '../db/prisma.js'
import type { Prisma } from '../generated/prisma/client.js'
import { generatePassword, hashPassword } from './passwords.js'

/** The company's team (the root of the tree), created by the access_control migration. */
export const rootTeamOf = async (db: Db | Prisma.TransactionClient): Promise<{ id: string; name: string }> => {
  const root = await db.team.findFirst({ where: { parentId: null }, orderBy: { createdAt: 'asc' } })
  if (root === null) throw new Error('the root team is missing: the access_control migration creates it')
  return root
}

/** Creates the administrator on first start. An existing account is left alone, password included. */
export const ensureAdmin = async (
  db: Db,
  { username, password }: { username: string; password: string | undefined },
  logger: Logger,
): Promise<void> => {
  if ((await db.user.count({ where: { username } })) > 0) return
  const chosenPassword = password ?? generatePassword()
  const adminRole = await db.role.findUniqueOrThrow({ where: { key: 'admin' } })
  await db.user.create({
    data: {
      username,
      displayName: '系统管理员',
      roleId: adminRole.id,
      teamId: (await rootTeamOf(db)).id,
      passwordHash: await hashPassword(chosenPassword),
    },
  })
  if (password === undefined) {
    // Shown once: only the hash is stored.
    logger.warn({ username, password: chosenPassword }, 'created the administrator with a generated password; note it now')
  } else {
    logger.info({ username }, 'created the administrator from ADMIN_PASSWORD')
  }
}
