import type { Db } from '../../db/prisma.js'
import type { Prisma } from '../../generated/prisma/client.js'
import { authenticated, type RequestContext } from '../../http/context.js'
import type { PreferenceDto } from './preferences.schemas.js'

export interface PreferencesService {
  get(ctx: RequestContext, key: string): Promise<PreferenceDto>
  put(ctx: RequestContext, key: string, value: unknown): Promise<PreferenceDto>
}

export const createPreferencesService = ({ db }: { db: Db }): PreferencesService => ({
  get: async (ctx, key) => {
    const { user } = authenticated(ctx)
    const row = await db.userPreference.findUnique({ where: { userId_key: { userId: user.id, key } } })
    return { key, value: row?.value ?? null }
  },

  put: async (ctx, key, value) => {
    const { user } = authenticated(ctx)
    // null means "back to the default": nothing is stored, exactly like a preference never set.
    if (value === null) {
      await db.userPreference.deleteMany({ where: { userId: user.id, key } })
      return { key, value: null }
    }
    // The value came out of JSON.parse (the request body) and was size-checked, so it is JSON by construction.
    const json = value as Prisma.InputJsonValue
    const row = await db.userPreference.upsert({
      where: { userId_key: { userId: user.id, key } },
      create: { userId: user.id, key, value: json },
      update: { value: json },
    })
    return { key, value: row.value }
  },
})
