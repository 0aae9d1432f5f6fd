import { builtInRoleKeys, type BuiltInRoleKey } from '../../auth/permissions.js'
import type { AccessTokens } from '../../auth/access-tokens.js'
import { burnPasswordCheck, verifyPassword } from '../../auth/passwords.js'
import type { RefreshTokens } from '../../auth/refresh-tokens.js'
import type { Db } from '../../db/prisma.js'
import { loadSessionPrincipal } from '../../auth/principal.js'
import type { AuthUser, RequestContext } from '../../http/context.js'
import { AppError } from '../../http/errors.js'
import type { LoginResponseDto, UserDto } from './auth.schemas.js'

/** The signed-in user as the API shows it: who, which role and team, and what they may do. */
export const toUserDto = (user: AuthUser): UserDto => ({
  id: user.id,
  username: user.username,
  displayName: user.displayName,
  role: roleKeyOf(user.role.key),
  roleId: user.role.id,
  roleName: user.role.name,
  teamId: user.teamId,
  permissions: [...user.permissions].sort(),
  scopes: user.scopes,
  passwordChangeRequired: user.passwordChangeRequired,
})

export interface AuthService {
  login(ctx: RequestContext, input: { username: string; password: string }): Promise<LoginResponseDto>
  refresh(ctx: RequestContext, input: { refreshToken: string }): Promise<LoginResponseDto>
  logout(ctx: RequestContext, input: { refreshToken: string }): Promise<void>
}

export const createAuthService = ({
  db,
  accessTokens,
  refreshTokens,
}: {
  db: Db
  accessTokens: AccessTokens
  refreshTokens: RefreshTokens
}): AuthService => {
  const signedIn = async (userId: string, sessionId: string, refreshToken: string): Promise<LoginResponseDto> => {
    const principal = await loadSessionPrincipal(db, userId, sessionId)
    if (principal === null) throw new AppError('UNAUTHENTICATED')
    return { accessToken: accessTokens.issue({ userId, sessionId }), refreshToken, user: toUserDto(principal) }
  }

  return {
  login: async (ctx, { username, password }) => {
    const user = await db.user.findUnique({ where: { username } })
    if (user === null || user.disabled) {
      // Same work and same answer as a wrong password, so responses do not reveal which usernames exist.
      await burnPasswordCheck(password)
      throw new AppError('INVALID_CREDENTIALS')
    }
    if (!(await verifyPassword(password, user.passwordHash))) throw new AppError('INVALID_CREDENTIALS')
    const session = await refreshTokens.issue(user.id, { ip: ctx.ip, userAgent: ctx.userAgent })
    return signedIn(user.id, session.sessionId, session.token)
  },

  refresh: async (ctx, { refreshToken }) => {
    const { token, sessionId, user } = await refreshTokens.rotate(refreshToken, { ip: ctx.ip, userAgent: ctx.userAgent })
    return signedIn(user.id, sessionId, token)
  },

  logout: (_ctx, { refreshToken }) => refreshTokens.revoke(refreshToken),
  }
}

const roleKeyOf = (key: string | null): UserDto['role'] =>
  key !== null && (builtInRoleKeys as readonly string[]).includes(key) ? (key as BuiltInRoleKey) : 'custom'
