import type { Db } from '../../db/prisma.js'
import { authenticated, type RequestContext } from '../../http/context.js'
import type { UserListDto } from './users.schemas.js'

export interface UsersService {
  list(ctx: RequestContext): Promise<UserListDto>
}

export const createUsersService = ({ db }: { db: Db }): UsersService => ({
  list: async (ctx) => {
    authenticated(ctx)
    // Disabled accounts cannot own customers, so pickers never offer them.
    const rows = await db.user.findMany({ where: { disabled: false }, orderBy: [{ displayName: 'asc' }, { username: 'asc' }] })
    return { items: rows.map(({ id, username, displayName, teamId }) => ({ id, username, displayName, teamId })) }
  },
})
