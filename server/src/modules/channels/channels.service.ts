import QRCode from 'qrcode'
import { isUuid } from '../../access/customers.js'
import { channelScopeWhere, storeInScope } from '../../access/feedback.js'
import { diffSnapshots, recordAudit } from '../../audit/audit.js'
import type { Db } from '../../db/prisma.js'
import type { Prisma } from '../../generated/prisma/client.js'
import { authenticated, type AuthenticatedContext, type RequestContext } from '../../http/context.js'
import { AppError } from '../../http/errors.js'
import type { ChannelTokens } from '../../lib/channel-tokens.js'
import type { Wechat } from '../../lib/wechat.js'
import type {
  ChannelDto,
  ChannelInputData,
  ChannelListDto,
  ChannelListQueryData,
  ChannelPatchData,
  QrQueryData,
} from './channels.schemas.js'

/** The image of a channel's QR code. */
export interface QrImage {
  contentType: string
  image: Buffer
}

export interface ChannelsService {
  /** `origin` = where the links point (PUBLIC_BASE_URL, else the console request's origin). */
  list(ctx: RequestContext, query: ChannelListQueryData, origin: string): Promise<ChannelListDto>
  get(ctx: RequestContext, id: string, origin: string): Promise<ChannelDto>
  create(ctx: RequestContext, input: ChannelInputData, origin: string): Promise<ChannelDto>
  update(ctx: RequestContext, id: string, input: ChannelPatchData, origin: string): Promise<ChannelDto>
  reissue(ctx: RequestContext, id: string, origin: string): Promise<ChannelDto>
  remove(ctx: RequestContext, id: string): Promise<void>
  qr(ctx: RequestContext, id: string, query: QrQueryData, origin: string): Promise<QrImage>
}

export interface ChannelsDependencies {
  db: Db
  tokens: ChannelTokens
  /** WeChat's API when configured: mini-program codes are offered only then. */
  wechat: Wechat | undefined
  /** PUBLIC_BASE_URL: the origin of printed links; unset = the console request's origin. */
  publicBaseUrl: string | undefined
}

const include = {
  team: { select: { id: true, name: true } },
  staff: { select: { id: true, displayName: true } },
  _count: { select: { feedback: true } },
} as const satisfies Prisma.ChannelInclude
type ChannelRow = Prisma.ChannelGetPayload<{ include: typeof include }>

/** The page each kind of code opens, on the H5 site and in the mini-program. */
const pages = {
  feedback: { h5: '/m/feedback', miniProgram: 'pages/feedback/index' },
  self_register: { h5: '/m/join', miniProgram: 'pages/join/index' },
} as const

// What the audit log keeps of a channel: its settings, never its token.
const snapshot = (row: ChannelRow) => ({
  kind: row.kind,
  name: row.name,
  store: row.team.name,
  staff: row.staff?.displayName ?? null,
  tokenVersion: row.tokenVersion,
  validUntil: row.validUntil?.toISOString() ?? null,
  disabled: row.disabledAt !== null,
  deleted: row.deletedAt !== null,
})

export const createChannelsService = ({ db, tokens, wechat, publicBaseUrl }: ChannelsDependencies): ChannelsService => {
  const linkOf = (row: Pick<ChannelRow, 'kind'>, token: string, origin: string) =>
    `${publicBaseUrl ?? origin}${pages[row.kind].h5}?c=${encodeURIComponent(token)}`

  const toDto = (row: ChannelRow, origin: string): ChannelDto => {
    const token = tokens.sign(row.code, row.tokenVersion)
    return {
      id: row.id,
      kind: row.kind,
      name: row.name,
      team: row.team,
      staff: row.staff,
      token,
      link: linkOf(row, token, origin),
      validUntil: row.validUntil?.toISOString() ?? null,
      disabled: row.disabledAt !== null,
      createdAt: row.createdAt.toISOString(),
      feedbackCount: row._count.feedback,
    }
  }

  const findInScope = async (client: Prisma.TransactionClient | Db, caller: AuthenticatedContext, id: string): Promise<ChannelRow> => {
    const row = isUuid(id) ? await client.channel.findFirst({ where: { AND: [{ id }, channelScopeWhere(caller.user)] }, include }) : null
    if (row === null) throw new AppError('CHANNEL_NOT_FOUND')
    return row
  }

  /** The store must exist and lie within the caller's feedback scope. */
  const checkStore = async (tx: Prisma.TransactionClient, caller: AuthenticatedContext, teamId: string) => {
    if ((await tx.team.count({ where: { id: teamId } })) === 0) throw new AppError('TEAM_NOT_FOUND')
    if (!storeInScope(caller.user, teamId)) throw new AppError('FORBIDDEN')
  }

  /** A named staff member must be an active user the caller may attribute feedback to (within their teams). */
  const checkStaff = async (tx: Prisma.TransactionClient, caller: AuthenticatedContext, staffId: string | null | undefined) => {
    if (staffId === undefined || staffId === null) return
    const staff = await tx.user.findUnique({ where: { id: staffId }, select: { disabled: true, teamId: true } })
    const reachable = staff !== null && !staff.disabled && (caller.user.scopes.feedback === 'all' || caller.user.teamIds.includes(staff.teamId))
    if (!reachable) throw new AppError('VALIDATION_FAILED', { fieldProblems: [{ field: 'staffId', messageKey: 'validation.owner_not_found' }] })
  }

  const checkValidUntil = (validUntil: string | null | undefined): Date | null | undefined => {
    if (validUntil === undefined || validUntil === null) return validUntil
    const at = new Date(validUntil)
    if (at <= new Date()) throw new AppError('VALIDATION_FAILED', { fieldProblems: [{ field: 'validUntil', messageKey: 'validation.expires_in_past' }] })
    return at
  }

  /** Codes are unique; ten base62 characters make a collision unlikely, and a retry makes it harmless. */
  const unusedCode = async (tx: Prisma.TransactionClient): Promise<string> => {
    for (;;) {
      const code = tokens.newCode()
      if ((await tx.channel.count({ where: { code } })) === 0) return code
    }
  }

  const audit = (tx: Prisma.TransactionClient, caller: AuthenticatedContext, action: 'create' | 'update' | 'delete', before: ChannelRow | null, after: ChannelRow) =>
    recordAudit(tx, caller, {
      action,
      resource: 'channel',
      resourceId: after.id,
      label: after.name,
      changes: diffSnapshots(before === null ? null : snapshot(before), snapshot(after)),
    })

  return {
    list: async (ctx, query, origin) => {
      const { user } = authenticated(ctx)
      const rows = await db.channel.findMany({
        where: { AND: [channelScopeWhere(user), query.kind === undefined ? {} : { kind: query.kind }, query.teamId === undefined ? {} : { teamId: query.teamId }] },
        include,
        orderBy: [{ createdAt: 'desc' }, { id: 'desc' }],
      })
      return { items: rows.map((row) => toDto(row, origin)), wechatCodes: wechat !== undefined }
    },

    get: async (ctx, id, origin) => toDto(await findInScope(db, authenticated(ctx), id), origin),

    create: async (ctx, input, origin) => {
      const caller = authenticated(ctx)
      const validUntil = checkValidUntil(input.validUntil) ?? null
      const row = await db.$transaction(async (tx) => {
        await checkStore(tx, caller, input.teamId)
        await checkStaff(tx, caller, input.staffId)
        const created = await tx.channel.create({
          data: {
            code: await unusedCode(tx),
            kind: input.kind,
            name: input.name,
            teamId: input.teamId,
            staffId: input.staffId ?? null,
            validUntil,
            createdById: caller.user.apiKeyId === null ? caller.user.id : null,
          },
          include,
        })
        await audit(tx, caller, 'create', null, created)
        return created
      })
      return toDto(row, origin)
    },

    update: async (ctx, id, input, origin) => {
      const caller = authenticated(ctx)
      const validUntil = checkValidUntil(input.validUntil)
      const row = await db.$transaction(async (tx) => {
        const before = await findInScope(tx, caller, id)
        if (input.teamId !== undefined && input.teamId !== before.teamId) await checkStore(tx, caller, input.teamId)
        if (input.staffId !== before.staffId) await checkStaff(tx, caller, input.staffId)
        const disabledAt = input.disabled === undefined ? undefined : input.disabled ? (before.disabledAt ?? new Date()) : null
        const after = await tx.channel.update({
          where: { id: before.id },
          data: { name: input.name, teamId: input.teamId, staffId: input.staffId, validUntil, disabledAt },
          include,
        })
        await audit(tx, caller, 'update', before, after)
        return after
      })
      return toDto(row, origin)
    },

    reissue: async (ctx, id, origin) => {
      const caller = authenticated(ctx)
      const row = await db.$transaction(async (tx) => {
        const before = await findInScope(tx, caller, id)
        const after = await tx.channel.update({ where: { id: before.id }, data: { tokenVersion: { increment: 1 } }, include })
        await audit(tx, caller, 'update', before, after)
        return after
      })
      return toDto(row, origin)
    },

    remove: async (ctx, id) => {
      const caller = authenticated(ctx)
      await db.$transaction(async (tx) => {
        const before = await findInScope(tx, caller, id)
        const after = await tx.channel.update({ where: { id: before.id }, data: { deletedAt: new Date() }, include })
        await audit(tx, caller, 'delete', before, after)
      })
    },

    qr: async (ctx, id, query, origin) => {
      const row = await findInScope(db, authenticated(ctx), id)
      const type = query.type ?? (wechat === undefined ? 'h5' : 'wxacode')
      const token = tokens.sign(row.code, row.tokenVersion)
      if (type === 'wxacode') {
        if (wechat === undefined) throw new AppError('WECHAT_NOT_CONFIGURED')
        if (query.format === 'svg') throw new AppError('VALIDATION_FAILED', { fieldProblems: [{ field: 'format', messageKey: 'validation.invalid' }] })
        return wechat.miniProgramCode(token, pages[row.kind].miniProgram)
      }
      const link = linkOf(row, token, origin)
      // Level M survives a crease or a smudge on a printed code and keeps the modules large enough to scan.
      const options = { errorCorrectionLevel: 'M', margin: 2 } as const
      if (query.format === 'svg') return { contentType: 'image/svg+xml', image: Buffer.from(await QRCode.toString(link, { ...options, type: 'svg' }), 'utf8') }
      return { contentType: 'image/png', image: await QRCode.toBuffer(link, { ...options, type: 'png', width: 512 }) }
    },
  }
}
