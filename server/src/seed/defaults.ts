import type { Db } from '../db/prisma.js'
import { Prisma } from '../generated/prisma/client.js'

const seedName = 'settings-defaults-v1'

/** The levels every installation starts with; 普通 is what new customers get unless another level is chosen. */
export const defaultLevels = [
  { name: '普通', color: 'default', sortOrder: 10, isDefault: true },
  { name: '重要', color: 'orange', sortOrder: 20, isDefault: false },
  { name: 'VIP', color: 'gold', sortOrder: 30, isDefault: false },
] as const

export const defaultRelationshipTypes = ['配偶', '子女', '父母', '同事', '决策人', '财务', '采购', '其他'] as const

/**
 * Puts the default customer levels and relationship types in place on the first start (demo seed or not).
 * It runs once per database, recorded in seed_runs, so a level an administrator deleted does not come back
 * on the next restart; names that already exist are left alone.
 */
export const ensureDefaultSettings = async (db: Db): Promise<'seeded' | 'already-done'> => {
  if ((await db.seedRun.count({ where: { name: seedName } })) > 0) return 'already-done'
  try {
    await db.$transaction(async (tx) => {
      // Recorded first: a concurrent start inserting the same row waits here and then fails on the key.
      await tx.seedRun.create({ data: { name: seedName, outcome: 'seeded' } })
      const hasDefault = (await tx.customerLevel.count({ where: { isDefault: true } })) > 0
      await tx.customerLevel.createMany({
        data: defaultLevels.map((level) => ({ ...level, isDefault: level.isDefault && !hasDefault })),
        skipDuplicates: true,
      })
      await tx.relationshipType.createMany({
        data: defaultRelationshipTypes.map((name, index) => ({ name, sortOrder: (index + 1) * 10 })),
        skipDuplicates: true,
      })
    })
    return 'seeded'
  } catch (error) {
    if (error instanceof Prisma.PrismaClientKnownRequestError && error.code === 'P2002') return 'already-done'
    throw error
  }
}
