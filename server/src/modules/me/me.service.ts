import type { CustomerAccess } from '../../access/customers.js'
import { authenticated, type RequestContext } from '../../http/context.js'
import { AppError } from '../../http/errors.js'
import type { DataCipher } from '../../lib/crypto.js'
import { createCustomerMapper } from '../customers/customers.dto.js'
import type { RegistrationPageDto, RegistrationsQueryData } from './me.schemas.js'

/** What the signed-in user did themselves: the customers they registered (the intake app's "my registrations"). */
export interface MeService {
  registrations(ctx: RequestContext, query: RegistrationsQueryData): Promise<RegistrationPageDto>
}

// China has kept UTC+8 all year since 1991, so the offset is fixed; the shops' day is China's, wherever the server runs.
const chinaOffsetMs = 8 * 60 * 60 * 1000
const dayMs = 24 * 60 * 60 * 1000

/** 00:00 China time of today, or of this week's Monday. */
export const periodStart = (period: RegistrationsQueryData['period'], now = new Date()): Date => {
  const china = new Date(now.getTime() + chinaOffsetMs)
  const midnight = Date.UTC(china.getUTCFullYear(), china.getUTCMonth(), china.getUTCDate()) - chinaOffsetMs
  const daysSinceMonday = (china.getUTCDay() + 6) % 7
  return new Date(midnight - (period === 'week' ? daysSinceMonday : 0) * dayMs)
}

const uuidShape = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i

/** The position of the last customer served, base64url so clients treat it as a token, not as data. */
const encodeCursor = (createdAt: Date, id: string): string => Buffer.from(`${createdAt.toISOString()}|${id}`, 'utf8').toString('base64url')

const decodeCursor = (cursor: string): { createdAt: Date; id: string } => {
  const [iso = '', id = ''] = Buffer.from(cursor, 'base64url').toString('utf8').split('|')
  const createdAt = new Date(iso)
  if (!uuidShape.test(id) || Number.isNaN(createdAt.getTime()) || createdAt.toISOString() !== iso) {
    throw new AppError('VALIDATION_FAILED', { fieldProblems: [{ field: 'cursor', messageKey: 'validation.cursor' }] })
  }
  return { createdAt, id }
}

export const createMeService = ({ access, cipher }: { access: CustomerAccess; cipher: DataCipher }): MeService => {
  const mapper = createCustomerMapper(cipher)
  return {
    registrations: async (ctx, { period, cursor, limit }) => {
      const caller = authenticated(ctx)
      // One more than asked tells whether another page follows.
      const rows = await access.registrations(caller, {
        since: periodStart(period),
        after: cursor === undefined ? undefined : decodeCursor(cursor),
        limit: limit + 1,
      })
      const page = rows.slice(0, limit)
      const last = page.at(-1)
      return {
        items: page.map(mapper.summary),
        nextCursor: rows.length > limit && last !== undefined ? encodeCursor(last.createdAt, last.id) : null,
      }
    },
  }
}
