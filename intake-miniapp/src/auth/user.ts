import type { Session } from '../api/types'

export type SessionUser = Session['user']

/** The staff member's store (their team's name), which registrations name as the source; undefined when the
 * server does not say (an older server, or no team name). */
export function storeNameOf(user: SessionUser): string | undefined {
  const teamName = 'teamName' in user && typeof user.teamName === 'string' ? user.teamName.trim() : ''
  return teamName || undefined
}

/** Whether the signed-in user's role grants `permission` (the server checks again on every call). */
export function hasPermission(user: SessionUser, permission: string): boolean {
  return (user.permissions as readonly string[]).includes(permission)
}
