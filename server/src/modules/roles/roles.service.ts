import { diffSnapshots, recordAudit } from '../../audit/audit.js'
import {
  builtInRoleKeys,
  effectiveScopes,
  isPermission,
  permissions,
  permissionsOf,
  scopedResources,
  type Permission,
  type RoleScopes,
} from '../../auth/permissions.js'
import type { Db } from '../../db/prisma.js'
import type { Prisma } from '../../generated/prisma/client.js'
import { authenticated, type RequestContext } from '../../http/context.js'
import { AppError, type FieldProblem } from '../../http/errors.js'
import type { MessageKey } from '../../http/i18n.js'
import type { PermissionCatalogueData, RoleDtoData, RoleInputData, RolePatchData } from './roles.schemas.js'

type Tx = Prisma.TransactionClient

const uuidShape = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i

// Spelled out so a permission added to the catalogue without a label fails to compile.
const labelKeys: Record<Permission, MessageKey> = {
  'customer:read': 'permissions.customer_read',
  'customer:create': 'permissions.customer_create',
  'customer:update': 'permissions.customer_update',
  'customer:delete': 'permissions.customer_delete',
  'customer:assign': 'permissions.customer_assign',
  'customer:merge': 'permissions.customer_merge',
  'customer:bulk': 'permissions.customer_bulk',
  'customer:purge': 'permissions.customer_purge',
  'customer:force_duplicate': 'permissions.customer_force_duplicate',
  'customer:export': 'permissions.customer_export',
  'customer:reveal_phone': 'permissions.customer_reveal_phone',
  'order:update_amount': 'permissions.order_update_amount',
  'settings:manage': 'permissions.settings_manage',
  'custom_field:manage': 'permissions.custom_field_manage',
  'user:manage': 'permissions.user_manage',
  'role:manage': 'permissions.role_manage',
  'team:manage': 'permissions.team_manage',
  'audit:read': 'permissions.audit_read',
  'api_key:manage': 'permissions.api_key_manage',
  'security:manage': 'permissions.security_manage',
  'feedback:read': 'permissions.feedback_read',
  'feedback:manage': 'permissions.feedback_manage',
  'channel:manage': 'permissions.channel_manage',
  'customer:import': 'permissions.customer_import',
  'backup:manage': 'permissions.backup_manage',
  'webhook:manage': 'permissions.webhook_manage',
}

const userCount = { _count: { select: { users: true } } } as const
type RoleRow = Prisma.RoleGetPayload<{ include: typeof userCount }>

const toRole = (row: RoleRow): RoleDtoData => ({
  id: row.id,
  key: row.key,
  name: row.name,
  description: row.description,
  permissions: permissionsOf(row),
  scopes: effectiveScopes(row),
  mfaRequired: row.mfaRequired,
  builtIn: row.key !== null,
  userCount: row._count.users,
})

const rank = (key: string | null) => {
  const index = (builtInRoleKeys as readonly (string | null)[]).indexOf(key)
  return index === -1 ? builtInRoleKeys.length : index
}

// What the audit log shows of a role.
const snapshot = (row: { name: string; description: string | null; permissions: readonly string[]; scopes: RoleScopes; mfaRequired: boolean }) => ({
  name: row.name,
  description: row.description,
  permissions: [...row.permissions].sort(),
  'scopes.customer': row.scopes.customer,
  'scopes.audit': row.scopes.audit,
  mfaRequired: row.mfaRequired,
})

/** Known permissions in catalogue order, without repeats; unknown ones are named in the error. */
const checkPermissions = (given: readonly string[]): Permission[] => {
  const problems: FieldProblem[] = given.flatMap((value, index) =>
    isPermission(value) ? [] : [{ field: `permissions.${index}`, messageKey: 'validation.permission_unknown' as const, params: { value } }],
  )
  if (problems.length > 0) throw new AppError('VALIDATION_FAILED', { fieldProblems: problems })
  return permissions.filter((permission) => given.includes(permission))
}

export interface RolesService {
  catalogue(ctx: RequestContext): PermissionCatalogueData
  list(ctx: RequestContext): Promise<{ items: RoleDtoData[] }>
  get(ctx: RequestContext, id: string): Promise<RoleDtoData>
  create(ctx: RequestContext, input: RoleInputData): Promise<RoleDtoData>
  update(ctx: RequestContext, id: string, input: RolePatchData): Promise<RoleDtoData>
  remove(ctx: RequestContext, id: string): Promise<void>
}

export const createRolesService = ({ db }: { db: Db }): RolesService => {
  const find = async (tx: Tx | Db, id: string) => {
    const row = uuidShape.test(id) ? await tx.role.findUnique({ where: { id }, include: userCount }) : null
    if (row === null) throw new AppError('ROLE_NOT_FOUND')
    return row
  }
  const checkName = async (tx: Tx, name: string | undefined, exceptId?: string) => {
    if (name === undefined) return
    const other = await tx.role.findUnique({ where: { name } })
    if (other !== null && other.id !== exceptId) {
      throw new AppError('NAME_TAKEN', { fieldProblems: [{ field: 'name', messageKey: 'validation.name_taken' }] })
    }
  }

  return {
    catalogue: (ctx) => {
      authenticated(ctx)
      return {
        items: permissions.map((key) => ({ key, resource: key.split(':')[0] ?? key, label: ctx.t(labelKeys[key]) })),
        scopedResources: [...scopedResources],
      }
    },

    list: async (ctx) => {
      authenticated(ctx)
      const rows = await db.role.findMany({ include: userCount, orderBy: { name: 'asc' } })
      return { items: rows.sort((a, b) => rank(a.key) - rank(b.key)).map(toRole) }
    },

    get: async (ctx, id) => {
      authenticated(ctx)
      return toRole(await find(db, id))
    },

    create: async (ctx, input) => {
      authenticated(ctx)
      const granted = checkPermissions(input.permissions)
      return db.$transaction(async (tx) => {
        await checkName(tx, input.name)
        const row = await tx.role.create({
          data: {
            name: input.name,
            description: input.description ?? null,
            permissions: granted,
            scopes: input.scopes,
            mfaRequired: input.mfaRequired ?? false,
          },
          include: userCount,
        })
        await recordAudit(tx, ctx, {
          action: 'create', resource: 'role', resourceId: row.id, label: row.name,
          changes: diffSnapshots(null, snapshot({ ...row, scopes: input.scopes })),
        })
        return toRole(row)
      })
    },

    update: async (ctx, id, input) => {
      authenticated(ctx)
      const granted = input.permissions === undefined ? undefined : checkPermissions(input.permissions)
      return db.$transaction(async (tx) => {
        const role = await find(tx, id)
        // admin holds every permission by definition; letting it shrink could lock everyone out of administration.
        if (role.key === 'admin') throw new AppError('ROLE_BUILT_IN')
        await checkName(tx, input.name, role.id)
        const row = await tx.role.update({
          where: { id: role.id },
          data: {
            name: input.name,
            description: input.description,
            permissions: granted,
            scopes: input.scopes,
            mfaRequired: input.mfaRequired,
          },
          include: userCount,
        })
        const changes = diffSnapshots(
          snapshot({ ...role, permissions: permissionsOf(role), scopes: effectiveScopes(role) }),
          snapshot({ ...row, permissions: permissionsOf(row), scopes: effectiveScopes(row) }),
        )
        if (Object.keys(changes).length > 0) {
          await recordAudit(tx, ctx, { action: 'update', resource: 'role', resourceId: row.id, label: row.name, changes })
        }
        return toRole(row)
      })
    },

    remove: async (ctx, id) => {
      authenticated(ctx)
      await db.$transaction(async (tx) => {
        const role = await find(tx, id)
        if (role.key !== null) throw new AppError('ROLE_BUILT_IN')
        // Users and keys must keep a role: taking it away silently would change what they can do.
        if (role._count.users > 0 || (await tx.apiKey.count({ where: { roleId: role.id } })) > 0) throw new AppError('ROLE_IN_USE')
        await tx.role.delete({ where: { id: role.id } })
        await recordAudit(tx, ctx, {
          action: 'delete', resource: 'role', resourceId: role.id, label: role.name,
          changes: diffSnapshots(snapshot({ ...role, scopes: effectiveScopes(role) }), null),
        })
      })
    },
  }
}
