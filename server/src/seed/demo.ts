import { randomUUID } from 'node:crypto'
import type { Logger } from 'pino'
import { generatePassword, hashPassword } from '../auth/passwords.js'
import type { Db } from '../db/prisma.js'
import { Prisma } from '../generated/prisma/client.js'
import type { DataCipher } from '../lib/crypto.js'
import { normalisePhone } from '../lib/phone.js'
import { phoneBlindIndexes, pinyinColumns } from '../lib/search-terms.js'
import { resolveRegion } from '../lib/regions.js'
import { rootTeamOf } from '../auth/bootstrap.js'
import { demoGroups, demoStaff, demoTags, demoTeams, generateDemoCustomers } from './demo-data.js'
import { seedDemoFeedback } from './demo-feedback.js'
import { seedDemoRelated } from './demo-related.js'

const seedName = 'demo-v1'

export type SeedOutcome = 'seeded' | 'skipped-existing-data' | 'already-done'

/**
 * Fills an empty database with demo staff, tags, groups and customers (with their contacts, orders and
 * activities), once: the run is recorded in seed_runs, and a database that already holds customers is never
 * touched. Personal data is sealed exactly as the API would seal it.
 */
export const seedDemoData = async (
  db: Db,
  cipher: DataCipher,
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
      const rootTeam = await rootTeamOf(tx)
      const teamIds = new Map<string, string>()
      for (const [index, team] of demoTeams.entries()) {
        const parentId = team.parent === null ? rootTeam.id : (teamIds.get(team.parent) ?? rootTeam.id)
        const created = await tx.team.create({ data: { name: team.name, parentId, sortOrder: (index + 1) * 10 } })
        teamIds.set(team.name, created.id)
      }
      const roleIds = new Map((await tx.role.findMany({ where: { key: { not: null } } })).map((role) => [role.key, role.id]))
      const staffIds = new Map<string, string>()
      for (const { role, team, ...staff } of demoStaff) {
        const user =
          (await tx.user.findUnique({ where: { username: staff.username } })) ??
          (await tx.user.create({
            data: {
              ...staff,
              passwordHash,
              roleId: roleIds.get(role) ?? '',
              teamId: (team === null ? undefined : teamIds.get(team)) ?? rootTeam.id,
            },
          }))
        staffIds.set(staff.username, user.id)
      }

      await tx.tag.createMany({ data: [...demoTags], skipDuplicates: true })
      const tagIds = new Map((await tx.tag.findMany()).map((tag) => [tag.name, tag.id]))
      const groupIds = new Map<string, string>()
      for (const [index, group] of demoGroups.entries()) {
        const parentId = group.parent === null ? null : (groupIds.get(group.parent) ?? null)
        const created = await tx.group.create({ data: { name: group.name, parentId, sortOrder: (index + 1) * 10 } })
        groupIds.set(group.name, created.id)
      }
      const levelIds = new Map((await tx.customerLevel.findMany()).map((level) => [level.name, level.id]))

      const rows = customers.map((customer) => ({ id: randomUUID(), customer, createdAt: new Date(seededAt - customer.ageMs) }))
      await tx.customer.createMany({
        data: rows.map(({ id, customer, createdAt }) => {
          const ownerId = staffIds.get(customer.owner) ?? null
          return {
            id,
            name: customer.name,
            ...pinyinColumns(customer.name, customer.company),
            gender: customer.gender,
            birthday: customer.birthday === null ? null : new Date(`${customer.birthday}T00:00:00Z`),
            occupation: customer.occupation,
            company: customer.company,
            industry: customer.industry,
            source: customer.source,
            levelId: levelIds.get(customer.level) ?? null,
            lifecycleStatus: customer.lifecycleStatus,
            notes: customer.notes,
            consentMarketing: customer.consent.marketing,
            consentGivenAt: customer.consent.marketing ? createdAt : null,
            consentChannel: customer.consent.channel,
            ownerId,
            createdById: ownerId,
            createdAt,
            updatedAt: createdAt,
          }
        }),
      })
      await tx.customerPhone.createMany({
        data: rows.flatMap(({ id, customer }) =>
          customer.phones.flatMap((phone, index) => {
            const parsed = normalisePhone(phone.number)
            if (parsed === null) return []
            const sealed = cipher.seal(parsed.e164)
            return [{
              customerId: id,
              type: phone.type,
              numberEncrypted: sealed.ciphertext,
              keyId: sealed.keyId,
              ...phoneBlindIndexes(cipher, parsed.e164),
              isPrimary: index === 0,
              sortOrder: index,
            }]
          }),
        ),
      })
      await tx.customerEmail.createMany({
        data: rows.flatMap(({ id, customer }) =>
          customer.emails.map((address, index) => {
            const sealed = cipher.seal(address)
            return {
              customerId: id,
              addressEncrypted: sealed.ciphertext,
              keyId: sealed.keyId,
              addressHash: cipher.blindIndex('email', address.toLowerCase()),
              isPrimary: index === 0,
              sortOrder: index,
            }
          }),
        ),
      })
      await tx.customerAddress.createMany({
        data: rows.flatMap(({ id, customer }) => {
          if (customer.address === null) return []
          const region = resolveRegion(customer.address)
          if ('problem' in region) return []
          const street = cipher.sealOptional(customer.address.street)
          const houseNumber = cipher.sealOptional(customer.address.houseNumber)
          return [{
            customerId: id,
            type: 'home' as const,
            ...region,
            streetEncrypted: street?.ciphertext ?? null,
            houseNumberEncrypted: houseNumber?.ciphertext ?? null,
            keyId: street?.keyId ?? houseNumber?.keyId ?? null,
            isPrimary: true,
          }]
        }),
      })
      await tx.customerTag.createMany({
        data: rows.flatMap(({ id, customer }) =>
          customer.tags.flatMap((name) => {
            const tagId = tagIds.get(name)
            return tagId === undefined ? [] : [{ customerId: id, tagId }]
          }),
        ),
      })
      await tx.customerGroup.createMany({
        data: rows.flatMap(({ id, customer }) =>
          customer.groups.flatMap((name) => {
            const groupId = groupIds.get(name)
            return groupId === undefined ? [] : [{ customerId: id, groupId }]
          }),
        ),
      })
      await tx.customerEvent.createMany({
        data: rows.map(({ id, customer, createdAt }) => ({
          customerId: id,
          kind: 'created' as const,
          actorId: staffIds.get(customer.owner) ?? null,
          occurredAt: createdAt,
        })),
      })
      await seedDemoRelated(tx, { cipher, now: seededAt })
      await seedDemoFeedback(tx, { now: seededAt, staffIds })
      return 'seeded' as const
    }, { timeout: 120_000, maxWait: 10_000 })
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
