import type { Db } from '../db/prisma.js'
import { Prisma } from '../generated/prisma/client.js'
import { customerScopeOfRole } from '../auth/permissions.js'
import type { AuthenticatedContext, AuthUser } from '../http/context.js'
import { AppError } from '../http/errors.js'

/**
 * The only way to reach customer rows. Every read and write is limited to the caller's data scope
 * (admins and managers: all customers; sales: the ones they own) and never sees soft-deleted rows.
 * A row outside the scope is reported exactly like a missing one, so ids of others' customers leak nothing.
 */

const ownerSelect = { owner: { select: { id: true, displayName: true } } } as const
export type CustomerRow = Prisma.CustomerGetPayload<{ include: typeof ownerSelect }>

const uuidShape = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i

const scopeWhere = (user: AuthUser) =>
  customerScopeOfRole[user.role] === 'own' ? { deletedAt: null, ownerId: user.id } : { deletedAt: null }

const scopeSql = (user: AuthUser): Prisma.Sql =>
  customerScopeOfRole[user.role] === 'own'
    ? Prisma.sql`c.deleted_at IS NULL AND c.owner_id = ${user.id}::uuid`
    : Prisma.sql`c.deleted_at IS NULL`

const keywordSql = (keyword: string | undefined): Prisma.Sql => {
  if (keyword === undefined || keyword === '') return Prisma.sql`TRUE`
  const pattern = `%${keyword.replace(/[\\%_]/g, (character) => `\\${character}`)}%`
  return Prisma.sql`(c.name ILIKE ${pattern} OR c.phone ILIKE ${pattern} OR c.email ILIKE ${pattern}
    OR c.notes ILIKE ${pattern} OR EXISTS (SELECT 1 FROM unnest(c.tags) AS tag WHERE tag ILIKE ${pattern}))`
}

const scopedId = (ctx: AuthenticatedContext, id: string): Prisma.CustomerWhereUniqueInput => {
  if (!uuidShape.test(id)) throw new AppError('CUSTOMER_NOT_FOUND')
  return { id, ...scopeWhere(ctx.user) }
}

export interface CustomerAccess {
  list(
    ctx: AuthenticatedContext,
    query: { keyword: string | undefined; skip: number; take: number },
  ): Promise<{ rows: CustomerRow[]; total: number }>
  findById(ctx: AuthenticatedContext, id: string): Promise<CustomerRow>
  create(ctx: AuthenticatedContext, data: Prisma.CustomerUncheckedCreateInput): Promise<CustomerRow>
  update(ctx: AuthenticatedContext, id: string, data: Prisma.CustomerUncheckedUpdateInput): Promise<CustomerRow>
  softDelete(ctx: AuthenticatedContext, id: string): Promise<void>
}

export const createCustomerAccess = (db: Db): CustomerAccess => ({
  list: async (ctx, { keyword, skip, take }) => {
    const where = Prisma.sql`${scopeSql(ctx.user)} AND ${keywordSql(keyword)}`
    // Tags are matched by substring, which Prisma's filters cannot express, so the page of ids comes from SQL
    // and the rows from Prisma.
    const [page, counted] = await Promise.all([
      db.$queryRaw<{ id: string }[]>`SELECT c.id FROM customers c WHERE ${where}
        ORDER BY c.created_at DESC, c.id DESC LIMIT ${take} OFFSET ${skip}`,
      db.$queryRaw<{ total: number }[]>`SELECT count(*)::int AS total FROM customers c WHERE ${where}`,
    ])
    const ids = page.map((row) => row.id)
    const rows = await db.customer.findMany({ where: { id: { in: ids } }, include: ownerSelect })
    const position = new Map(ids.map((id, index) => [id, index]))
    rows.sort((a, b) => (position.get(a.id) ?? 0) - (position.get(b.id) ?? 0))
    return { rows, total: counted[0]?.total ?? 0 }
  },

  findById: async (ctx, id) => {
    const row = await db.customer.findUnique({ where: scopedId(ctx, id), include: ownerSelect })
    if (row === null) throw new AppError('CUSTOMER_NOT_FOUND')
    return row
  },

  create: async (ctx, data) => {
    if (customerScopeOfRole[ctx.user.role] === 'own' && data.ownerId !== ctx.user.id) throw new AppError('FORBIDDEN')
    return db.customer.create({ data: { ...data, createdById: ctx.user.id }, include: ownerSelect })
  },

  // A missing or out-of-scope row makes Prisma fail with P2025 on model Customer, reported as CUSTOMER_NOT_FOUND.
  update: (ctx, id, data) => db.customer.update({ where: scopedId(ctx, id), data, include: ownerSelect }),

  softDelete: async (ctx, id) => {
    await db.customer.update({ where: scopedId(ctx, id), data: { deletedAt: new Date() } })
  },
})
