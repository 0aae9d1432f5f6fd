import type { Logger } from 'pino'
import { generatePassword, hashPassword } from '../auth/passwords.js'
import type { Db } from '../db/prisma.js'
import { Prisma } from '../generated/prisma/client.js'
import { demoStaff, generateDemoCustomers } from './demo-data.js'

const seedName = 'demo-v1'

export type SeedOutcome = 'seeded' | 'skipped-existing-data' | 'already-done'

/**
 * Fills an empty database with demo staff and customers, once: the run is recorded in seed_runs, and a
 * database that already holds customers is never touched.
 */
export const seedDemoData = async (
  db: Db,
  { demoPassword }: { demoPassword: string | undefined },
  logger: Logger,
): Promise<SeedOutcome> => {
  if ((await db.seedRun.count({ where: { name: seedName } })) > 0) return 'already-done'
  const password = demoPassword ?? generatePassword()
  const passwordHash = await hashPassword(password)
  const customers = generateDemoCustomers()
  const seededAt = Date.now()

  try {
    const outcome = await db.$transaction(async (tx) => {
      // Recorded first: a concurrent start inserting the same row waits here and then fails on the key.
      if ((await tx.customer.count()) > 0) {
        await tx.seedRun.create({ data: { name: seedName, outcome: 'skipped-existing-data' } })
        return 'skipped-existing-data' as const
      }
      await tx.seedRun.create({ data: { name: seedName, outcome: 'seeded' } })
      const staffIds = new Map<string, string>()
      for (const staff of demoStaff) {
        const user =
          (await tx.user.findUnique({ where: { username: staff.username } })) ??
          (await tx.user.create({ data: { ...staff, passwordHash } }))
        staffIds.set(staff.username, user.id)
      }
      await tx.customer.createMany({
        data: customers.map(({ owner, ageMs, tags, ...customer }) => {
          const createdAt = new Date(seededAt - ageMs)
          const ownerId = staffIds.get(owner) ?? null
          return { ...customer, legacyTags: tags, ownerId, createdById: ownerId, createdAt, updatedAt: createdAt }
        }),
      })
      return 'seeded' as const
    })
    if (outcome === 'seeded') {
      const staff = demoStaff.map((user) => user.username).join(', ')
      if (demoPassword === undefined) {
        logger.warn({ users: staff, password }, 'demo data seeded; demo staff share this generated password, note it now')
      } else {
        logger.info({ users: staff, customers: customers.length }, 'demo data seeded; demo staff use DEMO_PASSWORD')
      }
    }
    return outcome
  } catch (error) {
    if (error instanceof Prisma.PrismaClientKnownRequestError && error.code === 'P2002') return 'already-done'
    throw error
  }
}
