import type { CustomerAccess } from '../../access/customers.js'
import { authenticated, type RequestContext } from '../../http/context.js'
import type { DataCipher } from '../../lib/crypto.js'
import { keysetCursor } from '../../lib/keyset-cursor.js'
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

/** The position of the last customer served. */
const cursors = keysetCursor('createdAt')

export const createMeService = ({ access, cipher }: { access: CustomerAccess; cipher: DataCipher }): MeService => {
  const mapper = createCustomerMapper(cipher)
  return {
    registrations: async (ctx, { period, cursor, limit }) => {
      const caller = authenticated(ctx)
      // One more than asked tells whether another page follows.
      const rows = await access.registrations(caller, {
        since: periodStart(period),
        after: cursor === undefined ? undefined : cursors.decode(cursor),
        limit: limit + 1,
      })
      const page = rows.slice(0, limit)
      const last = page.at(-1)
      return {
        items: page.map(mapper.summary),
        nextCursor: rows.length > limit && last !== undefined ? cursors.encode(last) : null,
      }
    },
  }
}
