import { randomBytes } from 'node:crypto'
import { hashSecret } from '../../auth/principal.js'
import { diffSnapshots, recordAudit } from '../../audit/audit.js'
import type { Db } from '../../db/prisma.js'
import type { Prisma } from '../../generated/prisma/client.js'
import { authenticated, type RequestContext } from '../../http/context.js'
import { AppError } from '../../http/errors.js'
import type { ApiKeyDto, ApiKeyInputDto, CreatedApiKeyDto } from './api-keys.schemas.js'

export interface ApiKeysService {
  list(ctx: RequestContext): Promise<{ items: ApiKeyDto[] }>
  create(ctx: RequestContext, input: ApiKeyInputDto): Promise<CreatedApiKeyDto>
  revoke(ctx: RequestContext, id: string): Promise<void>
}

const withRelations = { role: { select: { name: true } }, actingUser: { select: { id: true, displayName: true } } } as const
type ApiKeyRow = Prisma.ApiKeyGetPayload<{ include: typeof withRelations }>

const toDto = (row: ApiKeyRow): ApiKeyDto => ({
  id: row.id,
  name: row.name,
  prefix: row.prefix,
  roleId: row.roleId,
  roleName: row.role.name,
  actingUser: row.actingUser,
  createdAt: row.createdAt.toISOString(),
  lastUsedAt: row.lastUsedAt?.toISOString() ?? null,
  expiresAt: row.expiresAt?.toISOString() ?? null,
  revokedAt: row.revokedAt?.toISOString() ?? null,
})

// What the audit log keeps of a key: never the key or its hash.
const snapshot = (row: ApiKeyRow) => ({
  name: row.name,
  prefix: row.prefix,
  role: row.role.name,
  actingUser: row.actingUser.displayName,
  expiresAt: row.expiresAt?.toISOString() ?? null,
  revokedAt: row.revokedAt?.toISOString() ?? null,
})

const uuidPattern = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i

/** `kz_` + 40 base64url characters (240 random bits). */
const newKey = (): string => `kz_${randomBytes(30).toString('base64url')}`

export const createApiKeysService = ({ db }: { db: Db }): ApiKeysService => ({
  list: async (ctx) => {
    authenticated(ctx)
    const rows = await db.apiKey.findMany({ include: withRelations, orderBy: { createdAt: 'desc' } })
    return { items: rows.map(toDto) }
  },

  create: async (ctx, input) => {
    const { user } = authenticated(ctx)
    const expiresAt = input.expiresAt === undefined || input.expiresAt === null ? null : new Date(input.expiresAt)
    if (expiresAt !== null && expiresAt <= new Date()) {
      throw new AppError('VALIDATION_FAILED', { fieldProblems: [{ field: 'expiresAt', messageKey: 'validation.expires_in_past' }] })
    }
    const key = newKey()
    return db.$transaction(async (tx) => {
      if ((await tx.role.count({ where: { id: input.roleId } })) === 0) throw new AppError('ROLE_NOT_FOUND')
      const actingUserId = input.actingUserId ?? user.id
      if ((await tx.user.count({ where: { id: actingUserId, disabled: false } })) === 0) throw new AppError('USER_NOT_FOUND')
      const row = await tx.apiKey.create({
        data: {
          name: input.name,
          prefix: key.slice(3, 11),
          keyHash: hashSecret(key),
          roleId: input.roleId,
          actingUserId,
          createdById: user.apiKeyId === null ? user.id : null,
          expiresAt,
        },
        include: withRelations,
      })
      await recordAudit(tx, ctx, {
        action: 'create',
        resource: 'api_key',
        resourceId: row.id,
        label: row.name,
        changes: diffSnapshots(null, snapshot(row)),
      })
      return { ...toDto(row), key }
    })
  },

  revoke: async (ctx, id) => {
    authenticated(ctx)
    if (!uuidPattern.test(id)) throw new AppError('API_KEY_NOT_FOUND')
    await db.$transaction(async (tx) => {
      const before = await tx.apiKey.findFirst({ where: { id, revokedAt: null }, include: withRelations })
      if (before === null) throw new AppError('API_KEY_NOT_FOUND')
      const revoked = await tx.apiKey.updateMany({ where: { id, revokedAt: null }, data: { revokedAt: new Date() } })
      if (revoked.count === 0) throw new AppError('API_KEY_NOT_FOUND')
      const after = await tx.apiKey.findUniqueOrThrow({ where: { id }, include: withRelations })
      await recordAudit(tx, ctx, {
        action: 'delete',
        resource: 'api_key',
        resourceId: id,
        label: after.name,
        changes: diffSnapshots(snapshot(before), snapshot(after)),
      })
    })
  },
})
