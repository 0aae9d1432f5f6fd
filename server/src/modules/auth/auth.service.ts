import type { AccessTokens, MfaChallengeClaims } from '../../auth/access-tokens.js'
import type { Mfa } from '../../auth/mfa.js'
import { builtInRoleKeys, type BuiltInRoleKey } from '../../auth/permissions.js'
import { burnPasswordCheck, verifyPassword } from '../../auth/passwords.js'
import { loadSessionPrincipal } from '../../auth/principal.js'
import type { RefreshTokens } from '../../auth/refresh-tokens.js'
import { maxLockoutSeconds, readSecuritySettings } from '../../auth/security-settings.js'
import { recordAudit } from '../../audit/audit.js'
import type { Db } from '../../db/prisma.js'
import type { AuthUser, RequestContext } from '../../http/context.js'
import { AppError } from '../../http/errors.js'
import type { LoginResponseDto, LoginResultDto, MfaSetupDto, UserDto } from './auth.schemas.js'

/** The signed-in user as the API shows it: who, which role and team, and what they may do. */
export const toUserDto = (user: AuthUser): UserDto => ({
  id: user.id,
  username: user.username,
  displayName: user.displayName,
  role: roleKeyOf(user.role.key),
  roleId: user.role.id,
  roleName: user.role.name,
  teamId: user.teamId,
  teamName: user.teamName,
  permissions: [...user.permissions].sort(),
  scopes: user.scopes,
  passwordChangeRequired: user.passwordChangeRequired,
})

export interface AuthService {
  login(ctx: RequestContext, input: { username: string; password: string }): Promise<LoginResultDto>
  /**
   * Signs in the user bound to this WeChat openid (WeChat has already vouched for the person): the same checks
   * and the same answer as a password sign-in, MFA included. No such user → WECHAT_NOT_BOUND.
   */
  loginWithWechat(ctx: RequestContext, openId: string): Promise<LoginResultDto>
  verifyMfa(ctx: RequestContext, input: { challengeToken: string; code?: string; recoveryCode?: string }): Promise<LoginResponseDto>
  setupMfa(ctx: RequestContext, input: { challengeToken: string }): Promise<MfaSetupDto>
  enableMfa(ctx: RequestContext, input: { challengeToken: string; code: string }): Promise<LoginResponseDto & { recoveryCodes: string[] }>
  refresh(ctx: RequestContext, input: { refreshToken: string }): Promise<LoginResponseDto>
  logout(ctx: RequestContext, input: { refreshToken: string }): Promise<void>
}

interface Account {
  id: string
  username: string
  displayName: string
  disabled: boolean
  lockedUntil: Date | null
}

interface MfaState {
  mfaEnabledAt: Date | null
  role: { mfaRequired: boolean }
}

type FailureReason = 'unknown_user' | 'disabled' | 'locked' | 'wrong_password' | 'wrong_mfa_code' | 'not_bound'
/** How the first step of a sign-in proved who it is. */
type FirstStep = 'password' | 'wechat'

const secondsUntil = (moment: Date): number => Math.max(1, Math.ceil((moment.getTime() - Date.now()) / 1000))
const lockedError = (until: Date) => new AppError('ACCOUNT_LOCKED', { extra: { retryAfterSeconds: secondsUntil(until) } })

export const createAuthService = ({
  db,
  accessTokens,
  refreshTokens,
  mfa,
}: {
  db: Db
  accessTokens: AccessTokens
  refreshTokens: RefreshTokens
  mfa: Mfa
}): AuthService => {
  const failed = (ctx: RequestContext, account: Account | null, reason: FailureReason, meta: Record<string, unknown> = {}) =>
    recordAudit(
      db,
      ctx,
      { action: 'login_failed', resource: 'account', resourceId: account?.id ?? null, label: account?.username ?? null, meta: { reason, ...meta } },
      account === null ? null : { id: account.id, displayName: account.displayName },
    )

  /**
   * Counts a wrong password or MFA code. Reaching the threshold locks the account for the base time, doubled
   * for each earlier lockout since the last successful sign-in (at most an hour), and starts the count anew.
   * One statement, so concurrent guesses cannot slip past the threshold. Answers the lock's end, if it locked.
   */
  const countFailure = async (ctx: RequestContext, account: Account, reason: 'wrong_password' | 'wrong_mfa_code'): Promise<Date | null> => {
    const { lockoutThreshold, lockoutBaseSeconds } = await readSecuritySettings(db)
    return db.$transaction(async (tx) => {
      const [row] = await tx.$queryRaw<{ locked_until: Date | null; locked_now: boolean; lockout_count: number }[]>`
        UPDATE users SET
          failed_login_count = CASE WHEN failed_login_count + 1 >= ${lockoutThreshold} THEN 0 ELSE failed_login_count + 1 END,
          lockout_count = CASE WHEN failed_login_count + 1 >= ${lockoutThreshold} THEN lockout_count + 1 ELSE lockout_count END,
          locked_until = CASE WHEN failed_login_count + 1 >= ${lockoutThreshold}
            THEN now() + make_interval(secs => LEAST(${lockoutBaseSeconds}::float8 * power(2, LEAST(lockout_count, 20)), ${maxLockoutSeconds}))
            ELSE locked_until END
        WHERE id = ${account.id}::uuid
        RETURNING locked_until, failed_login_count = 0 AS locked_now, lockout_count`
      const lockedUntil = row?.locked_now === true ? row.locked_until : null
      await recordAudit(
        tx,
        ctx,
        {
          action: 'login_failed',
          resource: 'account',
          resourceId: account.id,
          label: account.username,
          meta: { reason, ...(lockedUntil === null ? {} : { lockedUntil: lockedUntil.toISOString(), lockoutCount: row?.lockout_count }) },
        },
        { id: account.id, displayName: account.displayName },
      )
      return lockedUntil
    })
  }

  const refuseIfLocked = async (ctx: RequestContext, account: Account, meta: Record<string, unknown> = {}): Promise<void> => {
    if (account.lockedUntil !== null && account.lockedUntil > new Date()) {
      await failed(ctx, account, 'locked', meta)
      throw lockedError(account.lockedUntil)
    }
  }

  const tokensFor = async (userId: string, sessionId: string, refreshToken: string): Promise<LoginResponseDto> => {
    const principal = await loadSessionPrincipal(db, userId, sessionId)
    if (principal === null) throw new AppError('UNAUTHENTICATED')
    return { accessToken: accessTokens.issue({ userId, sessionId }), refreshToken, user: toUserDto(principal) }
  }

  /** Every step passed: a new session, the failure counters reset, the sign-in audited. */
  const signIn = async (ctx: RequestContext, account: Account, method: FirstStep | 'totp' | 'recovery_code'): Promise<LoginResponseDto> => {
    const session = await refreshTokens.issue(account.id, { ip: ctx.ip, userAgent: ctx.userAgent })
    await db.$transaction(async (tx) => {
      await tx.user.update({
        where: { id: account.id },
        data: { failedLoginCount: 0, lockoutCount: 0, lockedUntil: null, lastLoginAt: new Date() },
      })
      await recordAudit(
        tx,
        ctx,
        { action: 'login', resource: 'account', resourceId: account.id, label: account.username, meta: { method, sessionId: session.sessionId } },
        { id: account.id, displayName: account.displayName },
      )
    })
    return tokensFor(account.id, session.sessionId, session.token)
  }

  /**
   * The first step (password or WeChat) passed: the MFA step when the account has MFA or its role requires it,
   * else the session. The failure counters are reset only once every step passed, so guessing MFA codes cannot
   * hide behind a correct first step.
   */
  const afterFirstStep = async (ctx: RequestContext, account: Account & MfaState, method: FirstStep): Promise<LoginResultDto> => {
    if (account.mfaEnabledAt !== null) {
      return { mfa: 'required', challengeToken: accessTokens.issueMfaChallenge({ userId: account.id, step: 'verify' }) }
    }
    if (account.role.mfaRequired) {
      return { mfa: 'setup_required', challengeToken: accessTokens.issueMfaChallenge({ userId: account.id, step: 'setup' }) }
    }
    return signIn(ctx, account, method)
  }

  /** The account a challenge token speaks for, if the token is good, of the expected step, and the account usable. */
  const challenged = async (ctx: RequestContext, token: string, step: MfaChallengeClaims['step']) => {
    const claims = accessTokens.verifyMfaChallenge(token)
    if (claims === null || claims.step !== step) throw new AppError('MFA_CHALLENGE_EXPIRED')
    const account = await db.user.findUnique({ where: { id: claims.userId } })
    if (account === null || account.disabled) throw new AppError('MFA_CHALLENGE_EXPIRED')
    await refuseIfLocked(ctx, account)
    return account
  }

  return {
    login: async (ctx, { username, password }) => {
      const account = await db.user.findUnique({ where: { username }, include: { role: true } })
      if (account === null || account.disabled) {
        // Same work and same answer as a wrong password, so responses do not reveal which usernames exist.
        await burnPasswordCheck(password)
        await failed(ctx, account, account === null ? 'unknown_user' : 'disabled')
        throw new AppError('INVALID_CREDENTIALS')
      }
      await refuseIfLocked(ctx, account)
      if (!(await verifyPassword(password, account.passwordHash))) {
        const lockedUntil = await countFailure(ctx, account, 'wrong_password')
        throw lockedUntil === null ? new AppError('INVALID_CREDENTIALS') : lockedError(lockedUntil)
      }
      return afterFirstStep(ctx, account, 'password')
    },

    loginWithWechat: async (ctx, openId) => {
      const account = await db.user.findUnique({ where: { wechatOpenId: openId }, include: { role: true } })
      if (account === null) {
        await failed(ctx, null, 'not_bound', { method: 'wechat' })
        throw new AppError('WECHAT_NOT_BOUND')
      }
      if (account.disabled) {
        // The binding stays (an administrator may enable the account again), but it opens nothing meanwhile.
        await failed(ctx, account, 'disabled', { method: 'wechat' })
        throw new AppError('INVALID_CREDENTIALS')
      }
      await refuseIfLocked(ctx, account, { method: 'wechat' })
      return afterFirstStep(ctx, account, 'wechat')
    },

    verifyMfa: async (ctx, { challengeToken, code, recoveryCode }) => {
      const account = await challenged(ctx, challengeToken, 'verify')
      if (account.mfaEnabledAt === null) throw new AppError('MFA_CHALLENGE_EXPIRED')
      const passed = code !== undefined ? await mfa.checkCode(account.id, code) : await mfa.useRecoveryCode(account.id, recoveryCode ?? '')
      if (!passed) {
        const lockedUntil = await countFailure(ctx, account, 'wrong_mfa_code')
        throw lockedUntil === null ? new AppError('MFA_CODE_INVALID') : lockedError(lockedUntil)
      }
      return signIn(ctx, account, code !== undefined ? 'totp' : 'recovery_code')
    },

    setupMfa: async (ctx, { challengeToken }) => {
      const account = await challenged(ctx, challengeToken, 'setup')
      return mfa.beginSetup(account)
    },

    enableMfa: async (ctx, { challengeToken, code }) => {
      const account = await challenged(ctx, challengeToken, 'setup')
      const recoveryCodes = await mfa.enable(ctx, account, code)
      return { ...(await signIn(ctx, account, 'totp')), recoveryCodes }
    },

    refresh: async (ctx, { refreshToken }) => {
      const { token, sessionId, user } = await refreshTokens.rotate(refreshToken, { ip: ctx.ip, userAgent: ctx.userAgent })
      return tokensFor(user.id, sessionId, token)
    },

    logout: async (ctx, { refreshToken }) => {
      await db.$transaction(async (tx) => {
        const ended = await refreshTokens.revoke(refreshToken, tx)
        // Only the sign-out that ended a session is recorded; repeating it changes nothing.
        if (ended === null) return
        const user = await tx.user.findUnique({ where: { id: ended.userId } })
        await recordAudit(
          tx,
          ctx,
          { action: 'logout', resource: 'account', resourceId: ended.userId, label: user?.username ?? null, meta: { sessionId: ended.sessionId } },
          user === null ? null : { id: user.id, displayName: user.displayName },
        )
      })
    },
  }
}

const roleKeyOf = (key: string | null): UserDto['role'] =>
  key !== null && (builtInRoleKeys as readonly string[]).includes(key) ? (key as BuiltInRoleKey) : 'custom'
