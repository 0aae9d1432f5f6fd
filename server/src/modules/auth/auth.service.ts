import type { AccessTokens } from '../../auth/access-tokens.js'
import { burnPasswordCheck, verifyPassword } from '../../auth/passwords.js'
import type { RefreshTokens } from '../../auth/refresh-tokens.js'
import type { Db } from '../../db/prisma.js'
import type { User } from '../../generated/prisma/client.js'
import { AppError } from '../../http/errors.js'
import type { LoginResponseDto, UserDto } from './auth.schemas.js'

export const toUserDto = (user: Pick<User, 'id' | 'username' | 'displayName' | 'role'>): UserDto => ({
  id: user.id,
  username: user.username,
  displayName: user.displayName,
  role: user.role,
})

export interface AuthService {
  login(input: { username: string; password: string }): Promise<LoginResponseDto>
  refresh(input: { refreshToken: string }): Promise<LoginResponseDto>
  logout(input: { refreshToken: string }): Promise<void>
}

export const createAuthService = ({
  db,
  accessTokens,
  refreshTokens,
}: {
  db: Db
  accessTokens: AccessTokens
  refreshTokens: RefreshTokens
}): AuthService => ({
  login: async ({ username, password }) => {
    const user = await db.user.findUnique({ where: { username } })
    if (user === null || user.disabled) {
      // Same work and same answer as a wrong password, so responses do not reveal which usernames exist.
      await burnPasswordCheck(password)
      throw new AppError('INVALID_CREDENTIALS')
    }
    if (!(await verifyPassword(password, user.passwordHash))) throw new AppError('INVALID_CREDENTIALS')
    return {
      accessToken: accessTokens.issue(user),
      refreshToken: await refreshTokens.issue(user.id),
      user: toUserDto(user),
    }
  },

  refresh: async ({ refreshToken }) => {
    const { token, user } = await refreshTokens.rotate(refreshToken)
    return { accessToken: accessTokens.issue(user), refreshToken: token, user: toUserDto(user) }
  },

  logout: ({ refreshToken }) => refreshTokens.revoke(refreshToken),
})
