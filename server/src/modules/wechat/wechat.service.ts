import { recordAudit } from '../../audit/audit.js'
import type { Db } from '../../db/prisma.js'
import { Prisma } from '../../generated/prisma/client.js'
import type { RequestContext } from '../../http/context.js'
import { AppError } from '../../http/errors.js'
import type { Wechat } from '../../lib/wechat.js'
import { signedInPerson } from '../account/account.service.js'
import type { LoginResultDto } from '../auth/auth.schemas.js'
import type { AuthService } from '../auth/auth.service.js'
import type { AuthOptionsDto, WechatBindingDto } from './wechat.schemas.js'

/** One-tap sign-in with WeChat and the signed-in user's binding of their WeChat account. */
export interface WechatService {
  options(): AuthOptionsDto
  signIn(ctx: RequestContext, input: { code: string }): Promise<LoginResultDto>
  binding(ctx: RequestContext): Promise<WechatBindingDto>
  /** Binds the WeChat account behind `code` to the caller, replacing the caller's earlier binding. */
  bind(ctx: RequestContext, input: { code: string }): Promise<WechatBindingDto>
  unbind(ctx: RequestContext): Promise<void>
}

const isUniqueViolation = (error: unknown): boolean =>
  error instanceof Prisma.PrismaClientKnownRequestError && error.code === 'P2002'

/** `wechat` is undefined when WECHAT_APP_ID / WECHAT_APP_SECRET are not set: every WeChat step answers 404 then. */
export const createWechatService = ({ db, auth, wechat }: { db: Db; auth: AuthService; wechat: Wechat | undefined }): WechatService => {
  const configured = (): Wechat => {
    if (wechat === undefined) throw new AppError('WECHAT_NOT_CONFIGURED')
    return wechat
  }

  const bindingOf = async (userId: string): Promise<WechatBindingDto> => {
    const row = await db.user.findUniqueOrThrow({ where: { id: userId }, select: { wechatOpenId: true, wechatBoundAt: true } })
    return {
      available: wechat !== undefined,
      bound: row.wechatOpenId !== null,
      boundAt: row.wechatOpenId === null ? null : (row.wechatBoundAt?.toISOString() ?? null),
    }
  }

  return {
    options: () => ({ wechat: wechat !== undefined }),

    signIn: async (ctx, { code }) => {
      const identity = await configured().codeToSession(code)
      return auth.loginWithWechat(ctx, identity.openId)
    },

    binding: async (ctx) => bindingOf(signedInPerson(ctx).id),

    bind: async (ctx, { code }) => {
      const user = signedInPerson(ctx)
      const { openId } = await configured().codeToSession(code)
      try {
        await db.$transaction(async (tx) => {
          const holder = await tx.user.findUnique({ where: { wechatOpenId: openId }, select: { id: true } })
          if (holder !== null && holder.id !== user.id) throw new AppError('WECHAT_ALREADY_BOUND')
          const before = await tx.user.findUniqueOrThrow({ where: { id: user.id }, select: { wechatOpenId: true } })
          await tx.user.update({ where: { id: user.id }, data: { wechatOpenId: openId, wechatBoundAt: new Date() } })
          // The openid itself stays out of the log: it identifies the person across every service of the app.
          await recordAudit(tx, ctx, {
            action: 'wechat_bind',
            resource: 'account',
            resourceId: user.id,
            label: user.username,
            meta: { replaced: before.wechatOpenId !== null && before.wechatOpenId !== openId, again: before.wechatOpenId === openId },
          })
        })
      } catch (error) {
        // Two people binding one WeChat account at the same moment: the unique index lets only one through.
        if (isUniqueViolation(error)) throw new AppError('WECHAT_ALREADY_BOUND', { cause: error })
        throw error
      }
      return bindingOf(user.id)
    },

    unbind: async (ctx) => {
      const user = signedInPerson(ctx)
      await db.$transaction(async (tx) => {
        const { count } = await tx.user.updateMany({
          where: { id: user.id, wechatOpenId: { not: null } },
          data: { wechatOpenId: null, wechatBoundAt: null },
        })
        // Unbinding what is not bound changes nothing, so nothing is recorded.
        if (count > 0) await recordAudit(tx, ctx, { action: 'wechat_unbind', resource: 'account', resourceId: user.id, label: user.username })
      })
    },
  }
}
