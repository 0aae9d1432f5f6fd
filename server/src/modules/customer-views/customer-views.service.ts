import { isUuid } from '../../access/customers.js'
import { diffSnapshots, recordAudit } from '../../audit/audit.js'
import type { Db } from '../../db/prisma.js'
import { Prisma } from '../../generated/prisma/client.js'
import { authenticated, type RequestContext } from '../../http/context.js'
import { AppError } from '../../http/errors.js'
import { resolveCustomFieldFilters } from '../customers/customers.filters.js'
import { CustomerFilter } from '../customers/customers.schemas.js'
import {
  ViewSort,
  type CustomerViewDto,
  type CustomerViewInputData,
  type CustomerViewPatchData,
} from './customer-views.schemas.js'

export interface CustomerViewsService {
  list(ctx: RequestContext): Promise<{ items: CustomerViewDto[] }>
  create(ctx: RequestContext, input: CustomerViewInputData): Promise<CustomerViewDto>
  update(ctx: RequestContext, id: string, patch: CustomerViewPatchData): Promise<CustomerViewDto>
  remove(ctx: RequestContext, id: string): Promise<void>
  restore(ctx: RequestContext, id: string): Promise<CustomerViewDto>
  reorder(ctx: RequestContext, ids: string[]): Promise<{ items: CustomerViewDto[] }>
}

const include = { owner: { select: { id: true, displayName: true } } } as const
type ViewRow = Prisma.CustomerViewGetPayload<{ include: typeof include }>

/** Stored JSON read back defensively: a filter saved by an older version that no longer parses shows as none. */
const toDto = (row: ViewRow, userId: string): CustomerViewDto => {
  const filters = CustomerFilter.safeParse(row.filters)
  const sort = ViewSort.safeParse(row.sort)
  return {
    id: row.id,
    name: row.name,
    filters: filters.success ? filters.data : {},
    columns: row.columns,
    sort: sort.success ? sort.data : null,
    shared: row.shared,
    owner: row.owner,
    mine: row.ownerId === userId,
    position: row.position,
    createdAt: row.createdAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
  }
}

/** What the audit log keeps of a view. */
const auditView = (row: { name: string; filters: Prisma.JsonValue; columns: string[]; sort: Prisma.JsonValue; shared: boolean }) => ({
  name: row.name,
  filters: row.filters,
  columns: row.columns,
  sort: row.sort,
  shared: row.shared,
})

export const createCustomerViewsService = ({ db }: { db: Db }): CustomerViewsService => {
  /** A view the caller may see: their own, or one shared. Others' private views do not exist for them. */
  const findVisible = async (userId: string, id: string, trashed = false) => {
    if (!isUuid(id)) throw new AppError('VIEW_NOT_FOUND')
    const row = await db.customerView.findFirst({
      where: { id, deletedAt: trashed ? { not: null } : null, OR: [{ ownerId: userId }, { shared: true }] },
      include,
    })
    if (row === null) throw new AppError('VIEW_NOT_FOUND')
    return row
  }

  const requireOwn = async (userId: string, id: string, trashed = false) => {
    const row = await findVisible(userId, id, trashed)
    if (row.ownerId !== userId) throw new AppError('VIEW_NOT_OWNED')
    return row
  }

  const checkName = async (ownerId: string, name: string, exceptId: string | null) => {
    const taken = await db.customerView.findFirst({
      where: { ownerId, name, deletedAt: null, ...(exceptId === null ? {} : { id: { not: exceptId } }) },
      select: { id: true },
    })
    if (taken !== null) throw new AppError('NAME_TAKEN', { fieldProblems: [{ field: 'name', messageKey: 'validation.name_taken' }] })
  }

  // Custom field keys must exist and suit their types; reported on filters.customFields.<key>.
  const checkFilters = async (filters: CustomerViewInputData['filters']) => {
    try {
      await resolveCustomFieldFilters(db, filters?.customFields)
    } catch (error) {
      if (error instanceof AppError && error.code === 'VALIDATION_FAILED') {
        throw new AppError('VALIDATION_FAILED', {
          fieldProblems: error.fieldProblems.map((problem) => ({ ...problem, field: `filters.${problem.field}` })),
        })
      }
      throw error
    }
  }

  const listFor = async (userId: string) => {
    const rows = await db.customerView.findMany({
      where: { deletedAt: null, OR: [{ ownerId: userId }, { shared: true }] },
      include,
      orderBy: [{ position: 'asc' }, { createdAt: 'asc' }],
    })
    const mine = rows.filter((row) => row.ownerId === userId)
    const others = rows.filter((row) => row.ownerId !== userId).sort((a, b) => a.name.localeCompare(b.name, 'zh-CN'))
    return { items: [...mine, ...others].map((row) => toDto(row, userId)) }
  }

  return {
    list: (ctx) => listFor(authenticated(ctx).user.id),

    create: async (ctx, input) => {
      const caller = authenticated(ctx)
      const { user } = caller
      await checkName(user.id, input.name, null)
      await checkFilters(input.filters)
      const last = await db.customerView.aggregate({ where: { ownerId: user.id, deletedAt: null }, _max: { position: true } })
      const row = await db.$transaction(async (tx) => {
        const created = await tx.customerView.create({
          data: {
            ownerId: user.id,
            name: input.name,
            filters: (input.filters ?? {}) as Prisma.InputJsonObject,
            columns: input.columns ?? [],
            sort: input.sort ?? Prisma.DbNull,
            shared: input.shared ?? false,
            position: (last._max.position ?? -1) + 1,
          },
          include,
        })
        await recordAudit(tx, caller, { action: 'create', resource: 'view', resourceId: created.id, label: created.name, changes: diffSnapshots(null, auditView(created)) })
        return created
      })
      return toDto(row, user.id)
    },

    update: async (ctx, id, patch) => {
      const caller = authenticated(ctx)
      const { user } = caller
      const before = await requireOwn(user.id, id)
      if (patch.name !== undefined) await checkName(user.id, patch.name, id)
      await checkFilters(patch.filters)
      const row = await db.$transaction(async (tx) => {
        const updated = await tx.customerView.update({
          where: { id },
          data: {
            name: patch.name,
            filters: patch.filters === undefined ? undefined : (patch.filters as Prisma.InputJsonObject),
            columns: patch.columns,
            // Prisma needs DbNull to clear a nullable JSON column.
            sort: patch.sort === null ? Prisma.DbNull : patch.sort,
            shared: patch.shared,
          },
          include,
        })
        const changes = diffSnapshots(auditView(before), auditView(updated))
        if (Object.keys(changes).length > 0) {
          await recordAudit(tx, caller, { action: 'update', resource: 'view', resourceId: id, label: updated.name, changes })
        }
        return updated
      })
      return toDto(row, user.id)
    },

    remove: async (ctx, id) => {
      const caller = authenticated(ctx)
      const { user } = caller
      const row = await findVisible(user.id, id)
      // An admin may take down a view shared with everyone; only the owner can delete a private one.
      if (row.ownerId !== user.id && user.role.key !== 'admin') throw new AppError('VIEW_NOT_OWNED')
      await db.$transaction(async (tx) => {
        await tx.customerView.update({ where: { id }, data: { deletedAt: new Date() } })
        await recordAudit(tx, caller, {
          action: 'delete', resource: 'view', resourceId: id, label: row.name,
          meta: row.ownerId === user.id ? null : { ownerId: row.ownerId, ownerName: row.owner.displayName },
        })
      })
    },

    restore: async (ctx, id) => {
      const caller = authenticated(ctx)
      const { user } = caller
      const row = await requireOwn(user.id, id, true)
      await checkName(user.id, row.name, id)
      const restored = await db.$transaction(async (tx) => {
        const back = await tx.customerView.update({ where: { id }, data: { deletedAt: null }, include })
        await recordAudit(tx, caller, { action: 'restore', resource: 'view', resourceId: id, label: row.name })
        return back
      })
      return toDto(restored, user.id)
    },

    reorder: async (ctx, ids) => {
      const caller = authenticated(ctx)
      const { user } = caller
      const own = await db.customerView.findMany({ where: { ownerId: user.id, deletedAt: null }, orderBy: [{ position: 'asc' }, { createdAt: 'asc' }] })
      const known = new Set(own.map((row) => row.id))
      const unknown = ids.findIndex((id) => !known.has(id))
      if (unknown >= 0) throw new AppError('VALIDATION_FAILED', { fieldProblems: [{ field: `ids.${unknown}`, messageKey: 'validation.view_not_own' }] })
      const listed = new Set(ids)
      const order = [...new Set(ids), ...own.filter((row) => !listed.has(row.id)).map((row) => row.id)]
      await db.$transaction(async (tx) => {
        for (const [position, id] of order.entries()) await tx.customerView.update({ where: { id }, data: { position } })
        // One entry for the whole new order: the views' names in it, before and after.
        const nameOf = new Map(own.map((row) => [row.id, row.name]))
        const changes = diffSnapshots({ order: own.map((row) => row.name) }, { order: order.map((id) => nameOf.get(id) ?? id) })
        if (Object.keys(changes).length > 0) await recordAudit(tx, caller, { action: 'update', resource: 'view', label: user.displayName, changes, meta: { reorder: true } })
      })
      return listFor(user.id)
    },
  }
}
