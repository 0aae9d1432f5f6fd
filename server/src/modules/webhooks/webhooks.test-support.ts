import { createHmac, timingSafeEqual } from 'node:crypto'
import { createServer, type IncomingHttpHeaders, type ServerResponse } from 'node:http'
import type { AddressInfo } from 'node:net'
import type { WebhookEventBody } from './webhook-events.js'

/** One request the receiver got, with its body exactly as it arrived. */
export interface Received {
  path: string
  headers: IncomingHttpHeaders
  raw: string
  body: WebhookEventBody
}

/** How the receiver answers the n-th request on a path (1-based); `hold` never answers. */
export type Answer = { status: number; body?: string; headers?: Record<string, string> } | 'hold'

/**
 * A real HTTP receiver on 127.0.0.1, what an integrator would run: it keeps every request and answers as told per
 * path (200 by default).
 */
export const startReceiver = async () => {
  const received: Received[] = []
  const answers = new Map<string, (nth: number) => Answer>()
  const held: { path: string; response: ServerResponse }[] = []
  const server = createServer((req, res) => {
    const chunks: Buffer[] = []
    req.on('data', (chunk: Buffer) => chunks.push(chunk))
    req.on('end', () => {
      const raw = Buffer.concat(chunks).toString('utf8')
      const path = req.url ?? '/'
      let body: WebhookEventBody
      try {
        body = JSON.parse(raw) as WebhookEventBody
      } catch {
        body = { id: '', type: '', createdAt: '', data: {} }
      }
      received.push({ path, headers: req.headers, raw, body })
      const nth = received.filter((entry) => entry.path === path).length
      const answer = answers.get(path)?.(nth) ?? { status: 200, body: '{"ok":true}' }
      if (answer === 'hold') {
        held.push({ path, response: res })
        return
      }
      res.writeHead(answer.status, { 'content-type': 'application/json', ...answer.headers }).end(answer.body ?? '')
    })
  })
  server.listen(0, '127.0.0.1')
  await new Promise((resolve) => server.once('listening', resolve))
  const { port } = server.address() as AddressInfo

  const on = (path: string) => received.filter((entry) => entry.path === path)

  /** Waits (up to a generous deadline, which only a broken delivery reaches) until `find` returns something. */
  const waitFor = async <T>(what: string, find: () => T | undefined | null | false): Promise<T> => {
    const deadline = Date.now() + 20_000
    for (;;) {
      const found = find()
      if (found !== undefined && found !== null && found !== false) return found
      if (Date.now() > deadline) throw new Error(`no ${what} arrived; received: ${JSON.stringify(received.map((entry) => [entry.path, entry.body.type]))}`)
      await new Promise((resolve) => setTimeout(resolve, 25))
    }
  }

  return {
    received,
    url: (path: string) => `http://127.0.0.1:${port}${path}`,
    answer: (path: string, answer: (nth: number) => Answer) => answers.set(path, answer),
    on,
    waitFor,
    /** The first request on `path` about this event type whose body `matches`. */
    event: (path: string, type: string, matches: (body: WebhookEventBody) => boolean = () => true) =>
      waitFor(`${type} on ${path}`, () => on(path).find((entry) => entry.body.type === type && matches(entry.body))),
    /** Whether a held request on `path` is still open: neither answered nor given up by the sender. */
    holding: (path: string) => held.some((entry) => entry.path === path && !entry.response.writableEnded && !entry.response.destroyed),
    /** Answers the held requests on `path` with 200. */
    release: (path: string) => {
      for (const entry of held.filter((candidate) => candidate.path === path)) {
        if (!entry.response.destroyed) entry.response.writeHead(200, { 'content-type': 'application/json' }).end('{"ok":true}')
      }
    },
    close: async () => {
      for (const { response } of held) response.destroy()
      server.closeAllConnections()
      await new Promise((resolve) => server.close(resolve))
    },
  }
}

export type Receiver = Awaited<ReturnType<typeof startReceiver>>

/** What a receiver does to trust a delivery: recompute the signature over the raw body and the timestamp. */
export const verifySignature = (secret: string, headers: IncomingHttpHeaders, raw: string): boolean => {
  const timestamp = String(headers['x-kezhi-timestamp'] ?? '')
  const given = Buffer.from(String(headers['x-kezhi-signature'] ?? ''))
  const expected = Buffer.from(`v1=${createHmac('sha256', secret).update(`${timestamp}.${raw}`).digest('hex')}`)
  return given.length === expected.length && timingSafeEqual(given, expected)
}
