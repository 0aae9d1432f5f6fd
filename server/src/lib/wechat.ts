import type { WechatConfig } from '../config.js'
import { AppError } from '../http/errors.js'

/** What WeChat's code2Session tells about the person behind a `wx.login` code. */
export interface WechatIdentity {
  openId: string
  unionId: string | null
}

export interface Wechat {
  /** Exchanges a `wx.login` code (valid once, five minutes) for the mini-program user's openid. */
  codeToSession(code: string): Promise<WechatIdentity>
  /** A mini-program code image (PNG/JPEG bytes) opening `page` with `scene` (≤ 32 characters). */
  miniProgramCode(scene: string, page: string): Promise<{ contentType: string; image: Buffer }>
}

interface WechatErrorBody {
  errcode?: number
  errmsg?: string
}

// 40029: invalid code, 40163: code already used, 40226: user blocked by WeChat's risk control.
const codeRejections = new Set([40029, 40163, 40226])
const requestTimeoutMs = 8_000

const isRecord = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null

/** WeChat's server API (code2Session, access token, wxacode.getUnlimited) at the configured base URL. */
export const createWechat = (config: WechatConfig, fetchImpl: typeof fetch = fetch): Wechat => {
  let accessToken: { value: string; renewAt: number } | undefined
  let accessTokenInFlight: Promise<string> | undefined

  const call = async (path: string, init?: RequestInit): Promise<Response> => {
    try {
      return await fetchImpl(`${config.apiBaseUrl}${path}`, { ...init, signal: AbortSignal.timeout(requestTimeoutMs) })
    } catch (cause) {
      throw new AppError('WECHAT_UNAVAILABLE', { cause })
    }
  }

  const readJson = async (response: Response): Promise<Record<string, unknown>> => {
    const body: unknown = await response.json().catch(() => null)
    if (!response.ok || !isRecord(body)) throw new AppError('WECHAT_UNAVAILABLE', { cause: new Error(`WeChat answered HTTP ${response.status}`) })
    return body
  }

  const fetchAccessToken = async (): Promise<string> => {
    const query = new URLSearchParams({ grant_type: 'client_credential', appid: config.appId, secret: config.appSecret })
    const body = await readJson(await call(`/cgi-bin/token?${query}`))
    if (typeof body.access_token !== 'string') {
      throw new AppError('WECHAT_UNAVAILABLE', { cause: new Error(`access token refused: ${String((body as WechatErrorBody).errmsg)}`) })
    }
    const lifetimeSeconds = typeof body.expires_in === 'number' ? body.expires_in : 7200
    // Renewed five minutes early, so a token never expires between reading it and using it.
    accessToken = { value: body.access_token, renewAt: Date.now() + Math.max(60, lifetimeSeconds - 300) * 1000 }
    return body.access_token
  }

  const currentAccessToken = async (): Promise<string> => {
    if (accessToken !== undefined && Date.now() < accessToken.renewAt) return accessToken.value
    accessTokenInFlight ??= fetchAccessToken().finally(() => {
      accessTokenInFlight = undefined
    })
    return accessTokenInFlight
  }

  return {
    codeToSession: async (code) => {
      const query = new URLSearchParams({ appid: config.appId, secret: config.appSecret, js_code: code, grant_type: 'authorization_code' })
      const body = await readJson(await call(`/sns/jscode2session?${query}`))
      const errcode = typeof body.errcode === 'number' ? body.errcode : 0
      if (errcode !== 0) {
        throw new AppError(codeRejections.has(errcode) ? 'WECHAT_CODE_INVALID' : 'WECHAT_UNAVAILABLE', {
          cause: new Error(`code2Session errcode ${errcode}: ${String(body.errmsg)}`),
        })
      }
      if (typeof body.openid !== 'string' || body.openid === '') throw new AppError('WECHAT_UNAVAILABLE')
      return { openId: body.openid, unionId: typeof body.unionid === 'string' ? body.unionid : null }
    },

    miniProgramCode: async (scene, page) => {
      const request = async (token: string) =>
        call(`/wxa/getwxacodeunlimit?access_token=${encodeURIComponent(token)}`, {
          method: 'POST',
          headers: { 'Content-Type': 'application/json' },
          body: JSON.stringify({ scene, page, check_path: false, width: 430 }),
        })
      let response = await request(await currentAccessToken())
      let contentType = response.headers.get('content-type') ?? ''
      if (contentType.includes('json')) {
        const body = (await response.json().catch(() => ({}))) as WechatErrorBody
        // 40001 / 42001: the token was revoked or expired early; one fresh token is worth a second try.
        if (body.errcode === 40001 || body.errcode === 42001) {
          accessToken = undefined
          response = await request(await currentAccessToken())
          contentType = response.headers.get('content-type') ?? ''
        } else {
          throw new AppError('WECHAT_UNAVAILABLE', { cause: new Error(`getwxacodeunlimit errcode ${body.errcode}: ${body.errmsg}`) })
        }
      }
      if (!response.ok || !contentType.startsWith('image/')) {
        throw new AppError('WECHAT_UNAVAILABLE', { cause: new Error(`getwxacodeunlimit answered ${response.status} ${contentType}`) })
      }
      return { contentType, image: Buffer.from(await response.arrayBuffer()) }
    },
  }
}
