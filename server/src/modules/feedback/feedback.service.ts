import type { CustomerAccess, DbClient } from '../../access/customers.js'
import { isUuid } from '../../access/customers.js'
import { feedbackScopeSql, feedbackScopeWhere } from '../../access/feedback.js'
import { recordAudit } from '../../audit/audit.js'
import { permissionsOf } from '../../auth/permissions.js'
import type { Db } from '../../db/prisma.js'
import { Prisma } from '../../generated/prisma/client.js'
import { authenticated, type AuthenticatedContext, type RequestContext } from '../../http/context.js'
import { AppError } from '../../http/errors.js'
import type { DataCipher } from '../../lib/crypto.js'
import { keysetCursor } from '../../lib/keyset-cursor.js'
import { displayPhone, maskPhone } from '../../lib/phone.js'
import type {
  FeedbackDetailDto,
  FeedbackNoteDto,
  FeedbackNoteInputData,
  FeedbackPageDto,
  FeedbackPatchData,
  FeedbackQueryData,
  FeedbackScoreDto,
  FeedbackStatsDto,
  FeedbackStatsQueryData,
  FeedbackSummaryDto,
} from './feedback.schemas.js'

const userRef = { select: { id: true, displayName: true } } as const
const summaryInclude = {
  team: { select: { id: true, name: true } },
  channel: { select: { id: true, name: true } },
  staff: userRef,
  assignee: userRef,
  _count: { select: { photos: true } },
} as const satisfies Prisma.FeedbackInclude
const detailInclude = {
  ...summaryInclude,
  photos: { select: { id: true, contentType: true, byteSize: true }, orderBy: [{ createdAt: 'asc' }, { id: 'asc' }] },
  notes: { include: { author: userRef }, orderBy: [{ createdAt: 'asc' }, { id: 'asc' }] },
} as const satisfies Prisma.FeedbackInclude

type SummaryRow = Prisma.FeedbackGetPayload<{ include: typeof summaryInclude }>
type DetailRow = Prisma.FeedbackGetPayload<{ include: typeof detailInclude }>
type NoteRow = DetailRow['notes'][number]

const excerptLength = 120
const dayMs = 24 * 60 * 60 * 1000
const chinaOffsetMs = 8 * 60 * 60 * 1000
const defaultStatsDays = 30
// A day-by-day chart of more than three years helps nobody and would only cost the database.
const maxStatsDays = 3 * 366

/** The text on one line, short enough for a list row or a timeline entry. */
export const excerptOf = (text: string | null): string | null => {
  if (text === null) return null
  const line = text.replace(/\s+/g, ' ').trim()
  if (line === '') return null
  return line.length > excerptLength ? `${line.slice(0, excerptLength - 1)}…` : line
}

// ---- keyset paging ----

const cursors = keysetCursor('createdAt')

// ---- China days ----

const chinaDayStart = (day: string): Date => new Date(`${day}T00:00:00+08:00`)
const chinaToday = (now: Date): string => new Date(now.getTime() + chinaOffsetMs).toISOString().slice(0, 10)
const addDays = (day: string, days: number): string => new Date(Date.parse(`${day}T00:00:00Z`) + days * dayMs).toISOString().slice(0, 10)

type Granularity = FeedbackStatsQueryData['granularity']

/** First day of the period holding `day` (weeks start on Monday, as in China). */
const periodStart = (day: string, granularity: Granularity): string => {
  if (granularity === 'day') return day
  if (granularity === 'month') return `${day.slice(0, 7)}-01`
  const weekday = new Date(`${day}T00:00:00Z`).getUTCDay()
  return addDays(day, -((weekday + 6) % 7))
}

const nextPeriod = (start: string, granularity: Granularity): string => {
  if (granularity === 'day') return addDays(start, 1)
  if (granularity === 'week') return addDays(start, 7)
  const date = new Date(`${start}T00:00:00Z`)
  return new Date(Date.UTC(date.getUTCFullYear(), date.getUTCMonth() + 1, 1)).toISOString().slice(0, 10)
}

// ---- figures ----

interface Tally {
  count: number
  ratingSum: number
  satisfied: number
  npsResponses: number
  promoters: number
  passives: number
  detractors: number
}

const emptyTally = (): Tally => ({ count: 0, ratingSum: 0, satisfied: 0, npsResponses: 0, promoters: 0, passives: 0, detractors: 0 })

const addTally = (into: Tally, from: Tally): void => {
  into.count += from.count
  into.ratingSum += from.ratingSum
  into.satisfied += from.satisfied
  into.npsResponses += from.npsResponses
  into.promoters += from.promoters
  into.passives += from.passives
  into.detractors += from.detractors
}

/** One decimal, halves away from zero (so −2.25 and 2.25 round alike). */
const oneDecimal = (value: number): number => (Math.sign(value) * Math.round(Math.abs(value) * 10)) / 10 || 0

export const scoreOf = (tally: Tally): FeedbackScoreDto => ({
  count: tally.count,
  ratingAverage: tally.count === 0 ? null : oneDecimal(tally.ratingSum / tally.count),
  csat: tally.count === 0 ? null : oneDecimal((tally.satisfied * 100) / tally.count),
  npsResponses: tally.npsResponses,
  promoters: tally.promoters,
  passives: tally.passives,
  detractors: tally.detractors,
  nps: tally.npsResponses === 0 ? null : oneDecimal(((tally.promoters - tally.detractors) * 100) / tally.npsResponses),
})

// ---- the service ----

export interface FeedbackPhotoFile {
  contentType: string
  data: Uint8Array
}

export interface FeedbackService {
  list(ctx: RequestContext, query: FeedbackQueryData): Promise<FeedbackPageDto>
  get(ctx: RequestContext, id: string): Promise<FeedbackDetailDto>
  update(ctx: RequestContext, id: string, patch: FeedbackPatchData): Promise<FeedbackDetailDto>
  addNote(ctx: RequestContext, id: string, input: FeedbackNoteInputData): Promise<FeedbackNoteDto>
  linkCustomer(ctx: RequestContext, id: string, customerId: string | null): Promise<FeedbackDetailDto>
  revealPhone(ctx: RequestContext, id: string): Promise<{ phone: string | null }>
  photo(ctx: RequestContext, id: string, photoId: string): Promise<FeedbackPhotoFile>
  stats(ctx: RequestContext, query: FeedbackStatsQueryData): Promise<FeedbackStatsDto>
}

export const createFeedbackService = ({
  db,
  cipher,
  customers,
}: {
  db: Db
  cipher: DataCipher
  customers: Pick<CustomerAccess, 'requireInScope' | 'namesInScope'>
}): FeedbackService => {
  /** The feedback with this id in the caller's feedback scope (locked until `tx` ends when asked), or FEEDBACK_NOT_FOUND. */
  const requireFeedback = async (caller: AuthenticatedContext, id: string, client: DbClient = db, { lock = false } = {}) => {
    if (!isUuid(id)) throw new AppError('FEEDBACK_NOT_FOUND')
    const row = await client.feedback.findFirst({ where: { AND: [{ id }, feedbackScopeWhere(caller.user)] } })
    if (row === null) throw new AppError('FEEDBACK_NOT_FOUND')
    // Writes to one feedback run one by one, so each audit entry's "before" is what the writer really changed.
    if (lock) await client.$queryRaw`SELECT 1 FROM feedback WHERE id = ${row.id}::uuid FOR NO KEY UPDATE`
    return row
  }

  const maskedPhone = (row: Pick<SummaryRow, 'phoneEncrypted' | 'phoneKeyId'>): string | null =>
    row.phoneEncrypted === null || row.phoneKeyId === null ? null : maskPhone(cipher.open(row.phoneEncrypted, row.phoneKeyId))

  /** Linked customers are named only when they are in the caller's customer scope. */
  const customerNames = (caller: AuthenticatedContext, rows: readonly Pick<SummaryRow, 'customerId'>[]) =>
    customers.namesInScope(caller, [...new Set(rows.flatMap((row) => (row.customerId === null ? [] : [row.customerId])))])

  const toSummary = (row: SummaryRow, names: Map<string, string>): FeedbackSummaryDto => ({
    id: row.id,
    number: row.number,
    createdAt: row.createdAt.toISOString(),
    status: row.status,
    category: row.category,
    rating: row.rating,
    nps: row.nps,
    excerpt: excerptOf(row.text),
    store: row.team,
    channel: row.channel,
    staff: row.staff,
    assignee: row.assignee,
    customer: row.customerId === null ? null : { id: row.customerId, name: names.get(row.customerId) ?? null },
    phoneMasked: maskedPhone(row),
    contactConsent: row.contactConsent,
    photoCount: row._count.photos,
  })

  const toNote = (row: NoteRow): FeedbackNoteDto => ({
    id: row.id,
    kind: row.kind,
    body: row.body,
    replyChannel: row.replyChannel as FeedbackNoteDto['replyChannel'],
    author: row.author,
    createdAt: row.createdAt.toISOString(),
  })

  const detail = async (caller: AuthenticatedContext, id: string): Promise<FeedbackDetailDto> => {
    const row = await db.feedback.findFirst({ where: { AND: [{ id }, feedbackScopeWhere(caller.user)] }, include: detailInclude })
    if (row === null) throw new AppError('FEEDBACK_NOT_FOUND')
    return {
      ...toSummary(row, await customerNames(caller, [row])),
      text: row.text,
      language: row.language,
      resolvedAt: row.resolvedAt?.toISOString() ?? null,
      customerLink: row.customerLink === 'phone' || row.customerLink === 'manual' ? row.customerLink : null,
      photos: row.photos,
      notes: row.notes.map(toNote),
    }
  }

  /** A team and every team below it (a region stands for its stores). */
  const teamSubtree = async (teamId: string): Promise<string[]> => {
    const rows = await db.$queryRaw<{ id: string }[]>`
      WITH RECURSIVE subtree AS (
        SELECT id FROM teams WHERE id = ${teamId}::uuid
        UNION SELECT t.id FROM teams t JOIN subtree s ON t.parent_id = s.id
      ) SELECT id FROM subtree`
    return rows.map((row) => row.id)
  }

  const npsCondition = (group: FeedbackQueryData['npsGroup']): Prisma.FeedbackWhereInput => {
    switch (group) {
      case undefined:
        return {}
      case 'promoter':
        return { nps: { gte: 9 } }
      case 'passive':
        return { nps: { gte: 7, lte: 8 } }
      case 'detractor':
        return { nps: { lte: 6 } }
    }
  }

  const assigneeCondition = (caller: AuthenticatedContext, assigneeId: string | undefined): Prisma.FeedbackWhereInput => {
    if (assigneeId === undefined) return {}
    if (assigneeId === 'none') return { assigneeId: null }
    return { assigneeId: assigneeId === 'me' ? caller.user.id : assigneeId }
  }

  const keywordCondition = (keyword: string | undefined): Prisma.FeedbackWhereInput => {
    if (keyword === undefined || keyword === '') return {}
    const digits = /^#?\s*(\d{1,9})$/.exec(keyword)?.[1]
    return {
      OR: [{ text: { contains: keyword, mode: 'insensitive' } }, ...(digits === undefined ? [] : [{ number: Number(digits) }])],
    }
  }

  const eligibleAssignee = async (userId: string, tx: DbClient): Promise<{ id: string; displayName: string }> => {
    const user = await tx.user.findUnique({ where: { id: userId }, include: { role: true } })
    if (user === null || user.disabled || !permissionsOf(user.role).includes('feedback:read')) {
      throw new AppError('VALIDATION_FAILED', { fieldProblems: [{ field: 'assigneeId', messageKey: 'validation.feedback_assignee' }] })
    }
    return { id: user.id, displayName: user.displayName }
  }

  const displayNameOf = async (userId: string | null, tx: DbClient): Promise<string | null> =>
    userId === null ? null : ((await tx.user.findUnique({ where: { id: userId }, select: { displayName: true } }))?.displayName ?? null)

  const label = (row: { number: number }) => `#${row.number}`

  return {
    list: async (ctx, query) => {
      const caller = authenticated(ctx)
      if (query.customerId !== undefined) await customers.requireInScope(caller, query.customerId)
      const after = query.cursor === undefined ? undefined : cursors.decode(query.cursor)
      const where: Prisma.FeedbackWhereInput = {
        AND: [
          feedbackScopeWhere(caller.user),
          {
            status: query.status,
            category: query.category,
            channelId: query.channelId,
            staffId: query.staffId,
            rating: query.rating,
            customerId: query.customerId,
            createdAt: {
              gte: query.from === undefined ? undefined : chinaDayStart(query.from),
              lt: query.to === undefined ? undefined : chinaDayStart(addDays(query.to, 1)),
            },
          },
          query.teamId === undefined ? {} : { teamId: { in: await teamSubtree(query.teamId) } },
          query.linked === undefined ? {} : { customerId: query.linked === 'true' ? { not: null } : null },
          assigneeCondition(caller, query.assigneeId),
          npsCondition(query.npsGroup),
          keywordCondition(query.keyword),
        ],
      }
      const paged: Prisma.FeedbackWhereInput =
        after === undefined
          ? where
          : { AND: [where, { OR: [{ createdAt: { lt: after.createdAt } }, { createdAt: after.createdAt, id: { lt: after.id } }] }] }
      // One more than asked tells whether another page follows.
      const [rows, total] = await Promise.all([
        db.feedback.findMany({ where: paged, include: summaryInclude, orderBy: [{ createdAt: 'desc' }, { id: 'desc' }], take: query.limit + 1 }),
        db.feedback.count({ where }),
      ])
      const page = rows.slice(0, query.limit)
      const names = await customerNames(caller, page)
      const last = page.at(-1)
      return {
        items: page.map((row) => toSummary(row, names)),
        nextCursor: rows.length > query.limit && last !== undefined ? cursors.encode(last) : null,
        total,
      }
    },

    get: async (ctx, id) => {
      const caller = authenticated(ctx)
      await requireFeedback(caller, id)
      return detail(caller, id)
    },

    update: async (ctx, id, patch) => {
      const caller = authenticated(ctx)
      await db.$transaction(async (tx) => {
        const row = await requireFeedback(caller, id, tx, { lock: true })
        const data: Prisma.FeedbackUncheckedUpdateInput = {}
        if (patch.status !== undefined && patch.status !== row.status) {
          data.status = patch.status
          data.resolvedAt = patch.status === 'resolved' ? new Date() : null
          await recordAudit(tx, caller, {
            action: 'update',
            resource: 'feedback',
            resourceId: row.id,
            customerId: row.customerId,
            label: label(row),
            changes: { status: { before: row.status, after: patch.status } },
          })
        }
        if (patch.assigneeId !== undefined && patch.assigneeId !== row.assigneeId) {
          const assignee = patch.assigneeId === null ? null : await eligibleAssignee(patch.assigneeId, tx)
          data.assigneeId = assignee?.id ?? null
          await recordAudit(tx, caller, {
            action: 'assign',
            resource: 'feedback',
            resourceId: row.id,
            customerId: row.customerId,
            label: label(row),
            changes: { assignee: { before: await displayNameOf(row.assigneeId, tx), after: assignee?.displayName ?? null } },
            meta: { assigneeId: assignee?.id ?? null, previousAssigneeId: row.assigneeId },
          })
        }
        if (Object.keys(data).length > 0) await tx.feedback.update({ where: { id: row.id }, data })
      })
      return detail(caller, id)
    },

    addNote: async (ctx, id, input) => {
      const caller = authenticated(ctx)
      return db.$transaction(async (tx) => {
        const row = await requireFeedback(caller, id, tx, { lock: true })
        const note = await tx.feedbackNote.create({
          data: {
            feedbackId: row.id,
            kind: input.kind,
            body: input.body,
            replyChannel: input.kind === 'reply' ? (input.replyChannel ?? null) : null,
            authorId: caller.user.id,
          },
          include: { author: userRef },
        })
        // Answering the customer means someone is working on it.
        const startsWork = input.kind === 'reply' && row.status === 'new'
        if (startsWork) await tx.feedback.update({ where: { id: row.id }, data: { status: 'in_progress' } })
        await recordAudit(tx, caller, {
          action: 'note',
          resource: 'feedback',
          resourceId: row.id,
          customerId: row.customerId,
          label: label(row),
          changes: startsWork ? { status: { before: 'new', after: 'in_progress' } } : null,
          meta: { noteId: note.id, kind: note.kind, replyChannel: note.replyChannel },
        })
        return toNote(note)
      })
    },

    linkCustomer: async (ctx, id, customerId) => {
      const caller = authenticated(ctx)
      await db.$transaction(async (tx) => {
        const row = await requireFeedback(caller, id, tx, { lock: true })
        const customer = customerId === null ? null : await customers.requireInScope(caller, customerId, tx)
        if ((customer?.id ?? null) === row.customerId) return
        await tx.feedback.update({
          where: { id: row.id },
          data: { customerId: customer?.id ?? null, customerLink: customer === null ? null : 'manual' },
        })
        await recordAudit(tx, caller, {
          action: 'link',
          resource: 'feedback',
          resourceId: row.id,
          customerId: customer?.id ?? row.customerId,
          label: label(row),
          changes: { customerId: { before: row.customerId, after: customer?.id ?? null } },
          meta: { customerName: customer?.name ?? null },
        })
      })
      return detail(caller, id)
    },

    revealPhone: async (ctx, id) => {
      const caller = authenticated(ctx)
      return db.$transaction(async (tx) => {
        const row = await requireFeedback(caller, id, tx)
        const phone = row.phoneEncrypted === null || row.phoneKeyId === null ? null : cipher.open(row.phoneEncrypted, row.phoneKeyId)
        // The trace says that the number was seen, never the number itself.
        await recordAudit(tx, caller, {
          action: 'reveal',
          resource: 'feedback',
          resourceId: row.id,
          label: label(row),
          meta: { phones: phone === null ? 0 : 1 },
        })
        return { phone: phone === null ? null : displayPhone(phone) }
      })
    },

    photo: async (ctx, id, photoId) => {
      const caller = authenticated(ctx)
      const row = await requireFeedback(caller, id)
      const photo = isUuid(photoId)
        ? await db.feedbackPhoto.findFirst({ where: { id: photoId, feedbackId: row.id }, select: { contentType: true, data: true } })
        : null
      if (photo === null) throw new AppError('PHOTO_NOT_FOUND')
      return photo
    },

    stats: async (ctx, query) => {
      const caller = authenticated(ctx)
      const to = query.to ?? chinaToday(new Date())
      const from = query.from ?? addDays(to, -(defaultStatsDays - 1))
      if (from > to) throw new AppError('VALIDATION_FAILED', { fieldProblems: [{ field: 'to', messageKey: 'validation.range_order' }] })
      if (Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`) >= maxStatsDays * dayMs) {
        throw new AppError('VALIDATION_FAILED', { fieldProblems: [{ field: 'to', messageKey: 'validation.date_range' }] })
      }
      const teams = query.teamId === undefined ? undefined : await teamSubtree(query.teamId)
      // China local time without a zone name: the database may lack time zone data, and China keeps UTC+8 all year.
      const rows = await db.$queryRaw<(Tally & { teamId: string; period: string })[]>`
        SELECT f.team_id AS "teamId",
          to_char(date_trunc(${query.granularity}::text, (f.created_at AT TIME ZONE 'UTC') + interval '8 hours'), 'YYYY-MM-DD') AS period,
          count(*)::int AS count,
          sum(f.rating)::int AS "ratingSum",
          (count(*) FILTER (WHERE f.rating >= 4))::int AS satisfied,
          count(f.nps)::int AS "npsResponses",
          (count(*) FILTER (WHERE f.nps >= 9))::int AS promoters,
          (count(*) FILTER (WHERE f.nps BETWEEN 7 AND 8))::int AS passives,
          (count(*) FILTER (WHERE f.nps <= 6))::int AS detractors
        FROM feedback f
        WHERE ${feedbackScopeSql(caller.user, Prisma.sql)}
          AND f.created_at >= ${chinaDayStart(from)} AND f.created_at < ${chinaDayStart(addDays(to, 1))}
          ${teams === undefined ? Prisma.empty : Prisma.sql`AND f.team_id = ANY(${teams}::uuid[])`}
        GROUP BY 1, 2`

      const total = emptyTally()
      const byTeam = new Map<string, Tally>()
      const byPeriod = new Map<string, Tally>()
      for (const row of rows) {
        addTally(total, row)
        for (const [map, key] of [[byTeam, row.teamId], [byPeriod, row.period]] as const) {
          const tally = map.get(key) ?? emptyTally()
          addTally(tally, row)
          map.set(key, tally)
        }
      }
      const teamRows = await db.team.findMany({ where: { id: { in: [...byTeam.keys()] } }, select: { id: true, name: true } })
      const stores = teamRows
        .map((team) => ({ ...scoreOf(byTeam.get(team.id) ?? emptyTally()), team }))
        .sort((a, b) => b.count - a.count || a.team.name.localeCompare(b.team.name, 'zh-CN'))
      const periods: FeedbackStatsDto['periods'] = []
      for (let period = periodStart(from, query.granularity); period <= to; period = nextPeriod(period, query.granularity)) {
        periods.push({ ...scoreOf(byPeriod.get(period) ?? emptyTally()), period })
      }
      return { from, to, granularity: query.granularity, total: scoreOf(total), stores, periods }
    },
  }
}
