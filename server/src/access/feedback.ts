import type { Prisma } from '../generated/prisma/client.js'
import type { AuthUser } from '../http/context.js'

/**
 * The feedback data scope (docs/contract.md, issue 6): which feedback and which channels a caller reaches. Every
 * query of feedback, its photos and notes, the CSAT / NPS figures and the channels goes through these.
 */

/** own = attributed to the caller or assigned to them; team = arrived through a store of the caller's teams. */
export const feedbackScopeWhere = (user: AuthUser): Prisma.FeedbackWhereInput => {
  switch (user.scopes.feedback) {
    case 'all':
      return {}
    case 'team':
      return { teamId: { in: [...user.teamIds] } }
    case 'own':
      return { OR: [{ staffId: user.id }, { assigneeId: user.id }] }
  }
}

/** The same scope as SQL over `feedback f` (for the figures, which are computed with GROUP BY). */
export const feedbackScopeSql = (user: AuthUser, sql: typeof Prisma.sql): Prisma.Sql => {
  switch (user.scopes.feedback) {
    case 'all':
      return sql`TRUE`
    case 'team':
      return sql`f.team_id = ANY(${[...user.teamIds]}::uuid[])`
    case 'own':
      return sql`(f.staff_id = ${user.id}::uuid OR f.assignee_id = ${user.id}::uuid)`
  }
}

/** Live channels of stores in the caller's feedback scope (own = channels naming the caller as staff). */
export const channelScopeWhere = (user: AuthUser): Prisma.ChannelWhereInput => {
  const live = { deletedAt: null }
  switch (user.scopes.feedback) {
    case 'all':
      return live
    case 'team':
      return { ...live, teamId: { in: [...user.teamIds] } }
    case 'own':
      return { ...live, staffId: user.id }
  }
}

/** Whether a store (team) is one the caller may put channels in or filter by. */
export const storeInScope = (user: AuthUser, teamId: string): boolean =>
  user.scopes.feedback === 'all' || (user.scopes.feedback === 'team' && user.teamIds.includes(teamId))
