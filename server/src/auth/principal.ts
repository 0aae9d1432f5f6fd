import { createHash } from 'node:crypto'
import type { Db } from '../db/prisma.js'
import type { AuthUser } from '../http/context.js'
import { builtInRoles, effectiveScopes, permissionsOf, type BuiltInRoleKey } from './permissions.js'

/** API keys look like `kz_` + 40 base64url characters; only their sha256 is stored. */
export const apiKeyPattern = /^kz_[A-Za-z0-9_-]{20,100}$/
export const hashSecret = (value: string): string => createHash('sha256').update(value).digest('hex')

interface PrincipalRow {
  id: string
  username: string
  display_name: string
  team_id: string
  team_name: string
  team_ids: string[]
  role_id: string
  role_key: string | null
  role_name: string
  permissions: string[]
  scopes: unknown
  password_change_required: boolean
}

// One round trip: the user, its role, the team subtree and whether the password must be changed first.
const principalColumns = (userColumn: string) => `
  u.id, u.username, u.display_name, u.team_id, (SELECT t.name FROM teams t WHERE t.id = u.team_id) AS team_name, r.id AS role_id, r.key AS role_key, r.name AS role_name,
  r.permissions, r.scopes,
  (WITH RECURSIVE subtree(id) AS (
     SELECT ${userColumn}
     UNION SELECT t.id FROM teams t JOIN subtree ON t.parent_id = subtree.id
   ) SELECT array_agg(id::text) FROM subtree) AS team_ids,
  (u.must_change_password OR (s.password_expiry_days > 0
     AND u.password_changed_at < now() - make_interval(days => s.password_expiry_days))) AS password_change_required`

const toPrincipal = (
  row: PrincipalRow,
  via: { sessionId: string | null; apiKeyId: string | null },
  role = { id: row.role_id, key: row.role_key, permissions: row.permissions, scopes: row.scopes, name: row.role_name },
): AuthUser => ({
  id: row.id,
  username: row.username,
  displayName: row.display_name,
  role: { id: role.id, key: role.key, name: role.name },
  permissions: new Set(permissionsOf(role)),
  scopes: effectiveScopes(role),
  teamId: row.team_id,
  teamName: row.team_name,
  teamIds: row.team_ids,
  sessionId: via.sessionId,
  apiKeyId: via.apiKeyId,
  // Integrations have no one to change a password; their key is revoked instead.
  passwordChangeRequired: via.apiKeyId === null && row.password_change_required,
})

/** The signed-in user of a live session, or null when the session was revoked, expired or the user disabled. */
export const loadSessionPrincipal = async (db: Db, userId: string, sessionId: string): Promise<AuthUser | null> => {
  const rows = await db.$queryRawUnsafe<PrincipalRow[]>(
    `SELECT ${principalColumns('u.team_id')}
     FROM users u JOIN roles r ON r.id = u.role_id CROSS JOIN security_settings s
     JOIN sessions se ON se.id = $2::uuid AND se.user_id = u.id AND se.revoked_at IS NULL AND se.expires_at > now()
     WHERE u.id = $1::uuid AND NOT u.disabled AND s.id = 1`,
    userId,
    sessionId,
  )
  const row = rows[0]
  return row === undefined ? null : toPrincipal(row, { sessionId, apiKeyId: null })
}

/**
 * A live user's principal for work done on their behalf outside a request (background jobs): their current role and
 * scope, so a changed role counts at once; null when the user is gone or disabled.
 */
export const loadUserPrincipal = async (db: Db, userId: string): Promise<AuthUser | null> => {
  const rows = await db.$queryRawUnsafe<PrincipalRow[]>(
    `SELECT ${principalColumns('u.team_id')}
     FROM users u JOIN roles r ON r.id = u.role_id CROSS JOIN security_settings s
     WHERE u.id = $1::uuid AND NOT u.disabled AND s.id = 1`,
    userId,
  )
  const row = rows[0]
  // Nobody is there to change a password during a job.
  return row === undefined ? null : { ...toPrincipal(row, { sessionId: null, apiKeyId: null }), passwordChangeRequired: false }
}

interface ApiKeyPrincipalRow extends PrincipalRow {
  key_id: string
  key_role_id: string
  key_role_key: string | null
  key_role_name: string
  key_permissions: string[]
  key_scopes: unknown
  last_used_at: Date | null
}

/** The principal of a live API key: its role's permissions, acting as the user it was issued for. */
export const loadApiKeyPrincipal = async (db: Db, key: string): Promise<AuthUser | null> => {
  const rows = await db.$queryRawUnsafe<ApiKeyPrincipalRow[]>(
    `SELECT ${principalColumns('u.team_id')}, k.id AS key_id, kr.id AS key_role_id, kr.key AS key_role_key,
       kr.name AS key_role_name, kr.permissions AS key_permissions, kr.scopes AS key_scopes, k.last_used_at
     FROM api_keys k JOIN roles kr ON kr.id = k.role_id JOIN users u ON u.id = k.acting_user_id
     JOIN roles r ON r.id = u.role_id CROSS JOIN security_settings s
     WHERE k.key_hash = $1 AND k.revoked_at IS NULL AND (k.expires_at IS NULL OR k.expires_at > now())
       AND NOT u.disabled AND s.id = 1`,
    hashSecret(key),
  )
  const row = rows[0]
  if (row === undefined) return null
  // Marked at most once a minute, so busy integrations do not write on every call.
  if (row.last_used_at === null || Date.now() - row.last_used_at.getTime() > 60_000) {
    await db.apiKey.update({ where: { id: row.key_id }, data: { lastUsedAt: new Date() } })
  }
  return toPrincipal(row, { sessionId: null, apiKeyId: row.key_id }, {
    id: row.key_role_id,
    key: row.key_role_key,
    name: row.key_role_name,
    permissions: row.key_permissions,
    scopes: row.key_scopes,
  })
}

/** A principal with a built-in role's stored permissions, for tools and tests that call the access layer directly. */
export const builtInPrincipal = (
  key: BuiltInRoleKey,
  user: { id: string; username: string; displayName: string; teamId?: string; teamName?: string; teamIds?: readonly string[] },
): AuthUser => {
  const teamId = user.teamId ?? '00000000-0000-4000-8000-000000000000'
  return {
    id: user.id,
    username: user.username,
    displayName: user.displayName,
    role: { id: key, key, name: builtInRoles[key].name },
    permissions: new Set(builtInRoles[key].permissions),
    scopes: builtInRoles[key].scopes,
    teamId,
    teamName: user.teamName ?? '',
    teamIds: user.teamIds ?? [teamId],
    sessionId: null,
    apiKeyId: null,
    passwordChangeRequired: false,
  }
}
