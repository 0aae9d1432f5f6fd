import type { CustomerAccess, CustomerRow } from '../../access/customers.js'
import { roleHasPermission } from '../../auth/permissions.js'
import type { Db } from '../../db/prisma.js'
import { authenticated, type AuthenticatedContext, type RequestContext } from '../../http/context.js'
import { AppError } from '../../http/errors.js'
import type {
  CustomerDto,
  CustomerInputData,
  CustomerListQueryData,
  CustomerPatchData,
} from './customers.schemas.js'

export const toCustomerDto = (row: CustomerRow): CustomerDto => ({
  id: row.id,
  name: row.name,
  gender: row.gender,
  phone: row.phone,
  email: row.email,
  province: row.province,
  city: row.city,
  tags: row.legacyTags,
  notes: row.notes,
  owner: row.owner,
  createdAt: row.createdAt.toISOString(),
  updatedAt: row.updatedAt.toISOString(),
})

const uniqueTags = (tags: string[] | undefined) => (tags === undefined ? undefined : [...new Set(tags)])

export interface CustomersService {
  list(ctx: RequestContext, query: CustomerListQueryData): Promise<{ items: CustomerDto[]; total: number }>
  get(ctx: RequestContext, id: string): Promise<CustomerDto>
  create(ctx: RequestContext, input: CustomerInputData): Promise<CustomerDto>
  update(ctx: RequestContext, id: string, input: CustomerPatchData): Promise<CustomerDto>
  remove(ctx: RequestContext, id: string): Promise<void>
}

export const createCustomersService = ({ db, access }: { db: Db; access: CustomerAccess }): CustomersService => {
  /** Checks a requested owner: only assigners may pick someone else, and the owner must be an active user. */
  const checkOwner = async (ctx: AuthenticatedContext, ownerId: string | null | undefined) => {
    if (ownerId === undefined || ownerId === ctx.user.id) return
    if (!roleHasPermission(ctx.user.role, 'customer:assign')) throw new AppError('FORBIDDEN')
    if (ownerId === null) return
    const owner = await db.user.findUnique({ where: { id: ownerId } })
    if (owner === null || owner.disabled) {
      throw new AppError('VALIDATION_FAILED', {
        fieldProblems: [{ field: 'ownerId', messageKey: 'validation.owner_not_found' }],
      })
    }
  }

  return {
    list: async (ctx, { keyword, page, pageSize }) => {
      const { rows, total } = await access.list(authenticated(ctx), {
        keyword,
        skip: (page - 1) * pageSize,
        take: pageSize,
      })
      return { items: rows.map(toCustomerDto), total }
    },

    get: async (ctx, id) => toCustomerDto(await access.findById(authenticated(ctx), id)),

    create: async (ctx, input) => {
      const caller = authenticated(ctx)
      await checkOwner(caller, input.ownerId)
      const { tags, ...fields } = input
      const row = await access.create(caller, {
        ...fields,
        legacyTags: uniqueTags(tags),
        ownerId: input.ownerId === undefined ? caller.user.id : input.ownerId,
      })
      return toCustomerDto(row)
    },

    update: async (ctx, id, input) => {
      const caller = authenticated(ctx)
      await checkOwner(caller, input.ownerId)
      const { tags, ...fields } = input
      return toCustomerDto(await access.update(caller, id, { ...fields, legacyTags: uniqueTags(tags) }))
    },

    remove: async (ctx, id) => access.softDelete(authenticated(ctx), id),
  }
}
