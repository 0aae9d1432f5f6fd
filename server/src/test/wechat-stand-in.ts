import { once } from 'node:events'
import { createServer, type IncomingMessage, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'

/**
 * A local stand-in for WeChat's server API (WeChat is another company's service, out of reach in tests): it answers
 * code2Session for the codes a test registers, hands out access tokens and returns a small PNG for
 * getwxacodeunlimit, and records every call so tests can see what the server asked for.
 */
export interface WechatStandIn {
  baseUrl: string
  appId: string
  appSecret: string
  /** The next `wx.login` code that maps to this openid (each code works once, like WeChat's). */
  issueCode(openId: string): string
  calls: { path: string; query: Record<string, string>; body: unknown }[]
  /** Makes every following call fail with this errcode (or HTTP 500 with `'down'`); `undefined` heals it. */
  failWith(errcode: number | 'down' | undefined): void
  close(): Promise<void>
}

// A 1×1 transparent PNG: enough for tests to check the content type and the bytes passed through.
export const standInPng = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==',
  'base64',
)

const readBody = async (req: IncomingMessage): Promise<unknown> => {
  const chunks: Buffer[] = []
  for await (const chunk of req) chunks.push(chunk as Buffer)
  const text = Buffer.concat(chunks).toString('utf8')
  if (text === '') return null
  try {
    return JSON.parse(text) as unknown
  } catch {
    return text
  }
}

export const startWechatStandIn = async (): Promise<WechatStandIn> => {
  const appId = 'wx-test-app'
  const appSecret = 'wx-test-secret'
  const codes = new Map<string, string>()
  const calls: WechatStandIn['calls'] = []
  let failure: number | 'down' | undefined
  let sequence = 0
  const tokens = new Set<string>()

  const server: Server = createServer((req, res) => {
    void (async () => {
      const url = new URL(req.url ?? '/', 'http://stand-in')
      const query = Object.fromEntries(url.searchParams)
      calls.push({ path: url.pathname, query, body: await readBody(req) })
      const json = (body: unknown, status = 200) => {
        res.writeHead(status, { 'Content-Type': 'application/json' })
        res.end(JSON.stringify(body))
      }
      if (failure === 'down') return json({ message: 'down' }, 500)
      if (failure !== undefined) return json({ errcode: failure, errmsg: 'stand-in failure' })

      if (url.pathname === '/sns/jscode2session') {
        if (query.appid !== appId || query.secret !== appSecret) return json({ errcode: 40125, errmsg: 'invalid appsecret' })
        const openId = codes.get(query.js_code ?? '')
        if (openId === undefined) return json({ errcode: 40029, errmsg: 'invalid code' })
        codes.delete(query.js_code ?? '')
        return json({ openid: openId, session_key: 'stand-in-session-key' })
      }
      if (url.pathname === '/cgi-bin/token') {
        if (query.appid !== appId || query.secret !== appSecret) return json({ errcode: 40125, errmsg: 'invalid appsecret' })
        const token = `token-${++sequence}`
        tokens.add(token)
        return json({ access_token: token, expires_in: 7200 })
      }
      if (url.pathname === '/wxa/getwxacodeunlimit') {
        if (!tokens.has(query.access_token ?? '')) return json({ errcode: 40001, errmsg: 'invalid credential' })
        res.writeHead(200, { 'Content-Type': 'image/png' })
        res.end(standInPng)
        return undefined
      }
      return json({ errcode: 404, errmsg: 'unknown path' }, 404)
    })()
  })
  server.listen(0, '127.0.0.1')
  await once(server, 'listening')
  const { port } = server.address() as AddressInfo

  return {
    baseUrl: `http://127.0.0.1:${port}`,
    appId,
    appSecret,
    issueCode: (openId) => {
      const code = `code-${++sequence}-${openId}`
      codes.set(code, openId)
      return code
    },
    calls,
    failWith: (errcode) => {
      failure = errcode
    },
    close: async () => {
      server.closeAllConnections()
      await new Promise<void>((resolve) => server.close(() => resolve()))
    },
  }
}
