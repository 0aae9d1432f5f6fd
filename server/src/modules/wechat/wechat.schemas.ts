import { z } from 'zod'
import 'zod-openapi'
import { IsoDateTime } from '../../http/schemas.js'

export const AuthOptions = z
  .object({
    wechat: z.boolean().meta({ description: 'WeChat sign-in and binding are available (WECHAT_APP_ID and WECHAT_APP_SECRET are set)' }),
  })
  .meta({ id: 'AuthOptions', description: 'Which ways of signing in this installation offers besides username and password' })

export const WechatCodeRequest = z
  .strictObject({
    code: z.string().trim().min(1).max(128).meta({ description: 'The code `wx.login` gave the mini-program (valid once, five minutes)' }),
  })
  .meta({ id: 'WechatCodeRequest' })

export const WechatBinding = z
  .object({
    available: z.boolean().meta({ description: 'WeChat is configured on this installation' }),
    bound: z.boolean().meta({ description: 'A WeChat account is bound to the user: it signs in with one tap' }),
    boundAt: IsoDateTime.nullable(),
  })
  .meta({ id: 'WechatBinding', description: "The signed-in user's WeChat binding" })

export type AuthOptionsDto = z.infer<typeof AuthOptions>
export type WechatBindingDto = z.infer<typeof WechatBinding>
