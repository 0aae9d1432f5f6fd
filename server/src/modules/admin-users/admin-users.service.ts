import type { CustomerAccess } from '../../access/customers.js'
import { diffSnapshots, recordAudit } from '../../audit/audit.js'
import { checkPassword } from '../../auth/password-policy.js'
import { hashPassword } from '../../auth/passwords.js'
import type { RefreshTokens } from '../../auth/refresh-tokens.js'
import type { Db } from '../../db/prisma.js'
import type { Prisma } from '../../generated/prisma/client.js'
import { authenticated, can, type AuthenticatedContext, type RequestContext } from '../../http/context.js'
import { AppError, type FieldProblem } from '../../http/errors.js'
import { appendCustomerEvent } from '../customers/customers.events.js'
import { recordCustomerEvents } from '../webhooks/webhook-events.js'
import type { ManagedUserData, ManagedUserInputData, ManagedUserPatchData } from './admin-users.schemas.js'

type Tx = Prisma.TransactionClient

const uuidShape = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i
const invalid = (fieldProblems: FieldProblem[]) => new AppError('VALIDATION_FAILED', { fieldProblems })
// A handover writes a few rows per customer; a departing top seller may own thousands.
const handoverTransaction = { timeout: 120_000, maxWait: 10_000 } as const

const managedInclude = {
  role: { select: { name: true } },
  team: { select: { name: true } },
  _count: { select: { ownedCustomers: { where: { deletedAt: null } } } },
} as const
type ManagedRow = Prisma.UserGetPayload<{ include: typeof managedInclude }>

const toManaged = (row: ManagedRow): ManagedUserData => ({
  id: row.id,
  username: row.username,
  displayName: row.displayName,
  roleId: row.roleId,
  roleName: row.role.name,
  teamId: row.teamId,
  teamName: row.team.name,
  disabled: row.disabled,
  mfaEnabled: row.mfaEnabledAt !== null,
  wechatBound: row.wechatOpenId !== null,
  lockedUntil: row.lockedUntil !== null && row.lockedUntil > new Date() ? row.lockedUntil.toISOString() : null,
  lastLoginAt: row.lastLoginAt?.toISOString() ?? null,
  passwordChangedAt: row.passwordChangedAt.toISOString(),
  customerCount: row._count.ownedCustomers,
})

// What the audit log shows of a user: names, not ids, so entries read without lookups; never secrets.
const snapshot = (row: ManagedRow) => ({
  username: row.username,
  displayName: row.displayName,
  role: row.role.name,
  team: row.team.name,
  disabled: row.disabled,
})

export interface AdminUsersService {
  list(ctx: RequestContext): Promise<{ items: ManagedUserData[] }>
  get(ctx: RequestContext, id: string): Promise<ManagedUserData>
  create(ctx: RequestContext, input: ManagedUserInputData): Promise<ManagedUserData>
  update(ctx: RequestContext, id: string, input: ManagedUserPatchData): Promise<ManagedUserData>
  resetPassword(ctx: RequestContext, id: string, password: string): Promise<void>
  unlock(ctx: RequestContext, id: string): Promise<void>
  resetMfa(ctx: RequestContext, id: string): Promise<void>
  /** Removes the user's WeChat binding (a lost phone): the WeChat account no longer signs anyone in. */
  unbindWechat(ctx: RequestContext, id: string): Promise<void>
  handover(ctx: RequestContext, id: string, toUserId: string): Promise<{ count: number }>
}

export const createAdminUsersService = ({
  db,
  access,
  refreshTokens,
}: {
  db: Db
  access: CustomerAccess
  refreshTokens: RefreshTokens
}): AdminUsersService => {
  const find = async (tx: Tx | Db, id: string, options: { lock?: boolean } = {}) => {
    if (!uuidShape.test(id)) throw new AppError('USER_NOT_FOUND')
    // Locked so two administrators acting on one account at once take turns.
    if (options.lock === true) await tx.$queryRaw`SELECT id FROM users WHERE id = ${id}::uuid FOR UPDATE`
    const row = await tx.user.findUnique({ where: { id }, include: managedInclude })
    if (row === null) throw new AppError('USER_NOT_FOUND')
    return row
  }
  const checkRole = async (tx: Tx, roleId: string | undefined) => {
    if (roleId !== undefined && (await tx.role.count({ where: { id: roleId } })) === 0) {
      throw invalid([{ field: 'roleId', messageKey: 'validation.role_not_found' }])
    }
  }
  const checkTeam = async (tx: Tx, teamId: string | undefined) => {
    if (teamId !== undefined && (await tx.team.count({ where: { id: teamId } })) === 0) {
      throw invalid([{ field: 'teamId', messageKey: 'validation.team_not_found' }])
    }
  }
  /** Changes that concern the account's security, recorded without details (a password or secret never is). */
  const securityAction = async (
    ctx: RequestContext,
    id: string,
    action: 'password_reset' | 'unlock' | 'mfa_reset' | 'wechat_unbind',
    apply: (tx: Tx, user: ManagedRow) => Promise<Record<string, unknown> | null>,
  ) => {
    authenticated(ctx)
    await db.$transaction(async (tx) => {
      const user = await find(tx, id, { lock: true })
      const meta = await apply(tx, user)
      await recordAudit(tx, ctx, { action, resource: 'user', resourceId: user.id, label: user.username, meta })
    })
  }

  return {
    list: async (ctx) => {
      authenticated(ctx)
      const rows = await db.user.findMany({
        include: managedInclude,
        orderBy: [{ disabled: 'asc' }, { displayName: 'asc' }, { username: 'asc' }],
      })
      return { items: rows.map(toManaged) }
    },

    get: async (ctx, id) => {
      authenticated(ctx)
      return toManaged(await find(db, id))
    },

    create: async (ctx, input) => {
      authenticated(ctx)
      const created = await db.$transaction(async (tx) => {
        // Case-insensitive: sales1 and Sales1 would be two people nobody can tell apart.
        if ((await tx.user.count({ where: { username: { equals: input.username, mode: 'insensitive' } } })) > 0) {
          throw new AppError('USERNAME_TAKEN', { fieldProblems: [{ field: 'username', messageKey: 'validation.name_taken' }] })
        }
        await checkRole(tx, input.roleId)
        await checkTeam(tx, input.teamId)
        await checkPassword(tx, { password: input.password, username: input.username, field: 'password' })
        const row = await tx.user.create({
          data: {
            username: input.username,
            displayName: input.displayName,
            passwordHash: await hashPassword(input.password),
            roleId: input.roleId,
            teamId: input.teamId,
            // The administrator chose it, so only the person's own password should stay: they replace it at first sign-in.
            mustChangePassword: true,
          },
          include: managedInclude,
        })
        await recordAudit(tx, ctx, {
          action: 'create', resource: 'user', resourceId: row.id, label: row.username, changes: diffSnapshots(null, snapshot(row)),
        })
        return row
      })
      return toManaged(created)
    },

    update: async (ctx, id, input) => {
      const caller = authenticated(ctx)
      const { before, after } = await db.$transaction(async (tx) => {
        const user = await find(tx, id, { lock: true })
        // Nobody can lock themselves out of administration by accident.
        if (user.id === caller.user.id && (input.disabled === true || (input.roleId !== undefined && input.roleId !== user.roleId))) {
          throw new AppError('CANNOT_CHANGE_SELF')
        }
        await checkRole(tx, input.roleId)
        await checkTeam(tx, input.teamId)
        const row = await tx.user.update({
          where: { id: user.id },
          data: { displayName: input.displayName, roleId: input.roleId, teamId: input.teamId, disabled: input.disabled },
          include: managedInclude,
        })
        const changes = diffSnapshots(snapshot(user), snapshot(row))
        if (Object.keys(changes).length > 0) {
          await recordAudit(tx, ctx, { action: 'update', resource: 'user', resourceId: row.id, label: row.username, changes })
        }
        return { before: user, after: row }
      })
      // Every request loads its principal afresh and refuses disabled users, so their access tokens already stop
      // working; ending the sessions also stops refresh tokens and shows why on the sessions page.
      if (after.disabled && !before.disabled) await refreshTokens.endSessionsOf(after.id, 'user_disabled')
      return toManaged(after)
    },

    resetPassword: async (ctx, id, password) => {
      await securityAction(ctx, id, 'password_reset', async (tx, user) => {
        await checkPassword(tx, { password, username: user.username, field: 'password' })
        await tx.user.update({
          where: { id: user.id },
          // A reset also lifts a lockout: the administrator has just told the person how to get in.
          data: { passwordHash: await hashPassword(password), mustChangePassword: true, passwordChangedAt: new Date(), failedLoginCount: 0, lockedUntil: null },
        })
        return null
      })
      // Whoever knew the old password is signed out everywhere.
      await refreshTokens.endSessionsOf(id, 'password_changed')
    },

    unlock: async (ctx, id) => {
      await securityAction(ctx, id, 'unlock', async (tx, user) => {
        await tx.user.update({ where: { id: user.id }, data: { lockedUntil: null, failedLoginCount: 0, lockoutCount: 0 } })
        return { lockedUntil: user.lockedUntil?.toISOString() ?? null }
      })
    },

    resetMfa: async (ctx, id) => {
      await securityAction(ctx, id, 'mfa_reset', async (tx, user) => {
        // The secret and the recovery codes go together: the person enrols again at the next sign-in if required.
        await tx.user.update({ where: { id: user.id }, data: { mfaSecretEncrypted: null, mfaKeyId: null, mfaEnabledAt: null } })
        await tx.mfaRecoveryCode.deleteMany({ where: { userId: user.id } })
        return { wasEnabled: user.mfaEnabledAt !== null }
      })
    },

    unbindWechat: async (ctx, id) => {
      await securityAction(ctx, id, 'wechat_unbind', async (tx, user) => {
        await tx.user.update({ where: { id: user.id }, data: { wechatOpenId: null, wechatBoundAt: null } })
        return { wasBound: user.wechatOpenId !== null }
      })
    },

    handover: async (ctx, id, toUserId) => {
      const caller: AuthenticatedContext = authenticated(ctx)
      if (!can(caller.user, 'customer:assign')) throw new AppError('FORBIDDEN')
      return db.$transaction(async (tx) => {
        const from = await find(tx, id, { lock: true })
        if (toUserId === from.id) throw invalid([{ field: 'toUserId', messageKey: 'validation.handover_same_user' }])
        const to = await tx.user.findUnique({ where: { id: toUserId } })
        if (to === null || to.disabled) throw invalid([{ field: 'toUserId', messageKey: 'validation.owner_not_found' }])
        // Moving customers is assigning them: both ends must lie within what the caller may assign.
        if (!(await access.ownerInScope(caller, from.id, tx))) throw new AppError('FORBIDDEN')
        if (!(await access.ownerInScope(caller, to.id, tx))) {
          throw invalid([{ field: 'toUserId', messageKey: 'validation.owner_out_of_scope' }])
        }
        // Locked in a stable order so a concurrent edit of one of them waits instead of deadlocking.
        const customers = await tx.$queryRaw<{ id: string; name: string }[]>`
          SELECT id, name FROM customers WHERE owner_id = ${from.id}::uuid ORDER BY id FOR NO KEY UPDATE`
        if (customers.length > 0) {
          await tx.customer.updateMany({
            where: { id: { in: customers.map((customer) => customer.id) } },
            data: { ownerId: to.id, version: { increment: 1 } },
          })
        }
        const now = new Date()
        for (const customer of customers) {
          await appendCustomerEvent(tx, {
            customerId: customer.id,
            kind: 'change',
            actorId: caller.user.id,
            occurredAt: now,
            payload: { changes: [{ field: 'owner', from: from.displayName, to: to.displayName }], bulk: 'handover' },
          })
          await recordAudit(tx, ctx, {
            action: 'assign',
            resource: 'customer',
            resourceId: customer.id,
            customerId: customer.id,
            label: customer.name,
            changes: { owner: { before: from.displayName, after: to.displayName } },
            meta: { handoverFromUserId: from.id },
          })
        }
        await recordCustomerEvents(tx, 'customer.assigned', customers.map((customer) => ({ customerId: customer.id, extra: { previousOwnerId: from.id } })))
        await recordAudit(tx, ctx, {
          action: 'handover',
          resource: 'user',
          resourceId: from.id,
          label: from.username,
          meta: { toUserId: to.id, toUser: to.displayName, count: customers.length },
        })
        return { count: customers.length }
      }, handoverTransaction)
    },
  }
}
