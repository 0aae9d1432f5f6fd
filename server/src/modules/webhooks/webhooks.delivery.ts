import { createHmac } from 'node:crypto'
import pg from 'pg'
import type { Logger } from 'pino'
import type { DataTransferConfig } from '../../config.js'
import type { Db } from '../../db/prisma.js'
import type { DataCipher } from '../../lib/crypto.js'
import { webhookNotifyChannel, webhookTestEventType } from './webhook-events.js'

/** What a delivery keeps of the receiver's answer. */
const keptResponseBytes = 2048
/** Deliveries one server sends at the same time; a slot is refilled as soon as its delivery is recorded. */
const concurrency = 10
const pollIntervalMs = 1_000

/** `v1=<hex HMAC-SHA256(secret, "<timestamp>.<raw body>")>`: what the receiver recomputes to trust a delivery. */
export const signatureOf = (secret: string, timestamp: number, rawBody: string): string =>
  `v1=${createHmac('sha256', secret).update(`${timestamp}.${rawBody}`, 'utf8').digest('hex')}`

export const webhookUserAgent = 'Kezhi-Webhooks/1'

/** Attempt n failed: the next one waits base × 2^(n−1), ±10 % so a crowd of retries does not arrive together. */
export const retryDelayMs = (baseSeconds: number, failedAttempt: number, random = Math.random()): number =>
  Math.round(baseSeconds * 1000 * 2 ** (failedAttempt - 1) * (0.9 + 0.2 * random))

interface ClaimedDelivery {
  id: string
  event_id: string
  event_type: string
  payload: unknown
  attempts: number
  url: string
  secret_encrypted: Uint8Array
  key_id: string
}

interface AttemptOutcome {
  ok: boolean
  responseStatus: number | null
  responseBody: string | null
  error: string | null
  durationMs: number
}

/** The first bytes of the answer, read no further (a receiver may answer with an endless body). */
const readStart = async (response: Response): Promise<string> => {
  if (response.body === null) return ''
  const reader = response.body.getReader()
  const chunks: Uint8Array[] = []
  let length = 0
  try {
    while (length < keptResponseBytes) {
      const { done, value } = await reader.read()
      if (done) break
      chunks.push(value)
      length += value.length
    }
  } finally {
    await reader.cancel().catch(() => undefined)
  }
  return new TextDecoder().decode(Buffer.concat(chunks).subarray(0, keptResponseBytes))
}

const describeFailure = (error: unknown, timeoutMs: number): string => {
  if (error instanceof Error && (error.name === 'TimeoutError' || error.name === 'AbortError')) return `timeout after ${timeoutMs} ms`
  const cause = error instanceof Error ? (error.cause as { code?: string; message?: string } | undefined) : undefined
  const detail = cause?.code ?? cause?.message ?? (error instanceof Error ? error.message : String(error))
  return `network error: ${detail}`.slice(0, 500)
}

export interface DeliveryWorker {
  start(): Promise<void>
  /** Looks for due deliveries now (after a commit that queued some). */
  nudge(): void
  /** Stops looking and waits for the deliveries on their way. */
  stop(): Promise<void>
}

export const createDeliveryWorker = ({
  db,
  cipher,
  logger,
  databaseUrl,
  config,
}: {
  db: Db
  cipher: DataCipher
  logger: Logger
  databaseUrl: string
  config: DataTransferConfig
}): DeliveryWorker => {
  const timeoutMs = config.webhookTimeoutMs
  // A claimed delivery is not due again before this: long enough for its attempt, short enough that one a crashed
  // server claimed is retried soon.
  const leaseSeconds = Math.ceil(timeoutMs / 1000) + 60
  let stopped = true
  let running: Promise<void> | null = null
  let again = false
  const inFlight = new Set<Promise<void>>()
  let poll: NodeJS.Timeout | undefined
  const retryTimers = new Set<NodeJS.Timeout>()
  let listener: pg.Client | null = null

  /**
   * Takes due deliveries for this server. SKIP LOCKED passes over rows another server is claiming, and the lease
   * written in the same statement keeps them from being due for anyone else while their attempt runs.
   */
  const claim = (limit: number) =>
    db.$queryRaw<ClaimedDelivery[]>`
      WITH due AS (
        SELECT d.id FROM webhook_deliveries d JOIN webhook_subscriptions s ON s.id = d.subscription_id
        WHERE d.status = 'pending' AND d.next_attempt_at <= now()
          AND s.deleted_at IS NULL AND (s.active OR d.event_type = ${webhookTestEventType})
        ORDER BY d.next_attempt_at
        LIMIT ${limit}
        FOR UPDATE OF d SKIP LOCKED
      )
      UPDATE webhook_deliveries d SET next_attempt_at = now() + make_interval(secs => ${leaseSeconds})
      FROM due, webhook_subscriptions s
      WHERE d.id = due.id AND s.id = d.subscription_id
      RETURNING d.id, d.event_id, d.event_type, d.payload, d.attempts, s.url, s.secret_encrypted, s.key_id`

  const attempt = async (delivery: ClaimedDelivery): Promise<AttemptOutcome> => {
    const body = JSON.stringify(delivery.payload)
    const timestamp = Math.floor(Date.now() / 1000)
    const secret = cipher.open(delivery.secret_encrypted, delivery.key_id)
    const started = performance.now()
    const elapsed = () => Math.round(performance.now() - started)
    try {
      const response = await fetch(delivery.url, {
        method: 'POST',
        headers: {
          'Content-Type': 'application/json',
          'User-Agent': webhookUserAgent,
          'X-Kezhi-Event': delivery.event_type,
          'X-Kezhi-Delivery': delivery.id,
          'X-Kezhi-Timestamp': String(timestamp),
          'X-Kezhi-Signature': signatureOf(secret, timestamp, body),
        },
        body,
        // A redirect could point anywhere (an internal address): it counts as a failure, never followed.
        redirect: 'manual',
        signal: AbortSignal.timeout(timeoutMs),
      })
      const responseBody = await readStart(response)
      const ok = response.status >= 200 && response.status < 300
      const error = ok ? null : response.status >= 300 && response.status < 400 ? `redirect not followed (HTTP ${response.status})` : `HTTP ${response.status}`
      return { ok, responseStatus: response.status, responseBody, error, durationMs: elapsed() }
    } catch (error) {
      return { ok: false, responseStatus: null, responseBody: null, error: describeFailure(error, timeoutMs), durationMs: elapsed() }
    }
  }

  const deliver = async (delivery: ClaimedDelivery): Promise<void> => {
    const outcome = await attempt(delivery)
    const attemptNo = delivery.attempts + 1
    const givesUp = !outcome.ok && attemptNo >= config.webhookMaxAttempts
    const delayMs = outcome.ok || givesUp ? null : retryDelayMs(config.webhookRetryBaseSeconds, attemptNo)
    const now = new Date()
    await db.$transaction(async (tx) => {
      // Only if nobody recorded this attempt meanwhile (a lease that ran out while the receiver was slow).
      const updated = await tx.webhookDelivery.updateMany({
        where: { id: delivery.id, attempts: delivery.attempts, status: 'pending' },
        data: {
          attempts: attemptNo,
          status: outcome.ok ? 'succeeded' : givesUp ? 'failed' : 'pending',
          nextAttemptAt: delayMs === null ? null : new Date(now.getTime() + delayMs),
          lastAttemptAt: now,
          responseStatus: outcome.responseStatus,
          responseBody: outcome.responseBody,
          error: outcome.error,
          durationMs: outcome.durationMs,
        },
      })
      if (updated.count === 0) return
      await tx.webhookAttempt.create({
        data: {
          deliveryId: delivery.id,
          attemptNo,
          at: now,
          responseStatus: outcome.responseStatus,
          error: outcome.error,
          durationMs: outcome.durationMs,
        },
      })
    })
    // A retry due before the next poll is looked for on time.
    if (delayMs !== null && delayMs < pollIntervalMs && !stopped) {
      const timer = setTimeout(() => {
        retryTimers.delete(timer)
        nudge()
      }, delayMs)
      retryTimers.add(timer)
    }
  }

  /**
   * Fills the free slots with due deliveries. Each one frees its slot on its own, so a receiver that is slow to answer
   * holds up only its own deliveries, never the others claimed with it.
   */
  const cycle = async () => {
    while (!stopped && inFlight.size < concurrency) {
      const wanted = concurrency - inFlight.size
      const claimed = await claim(wanted)
      for (const delivery of claimed) {
        const sending: Promise<void> = deliver(delivery)
          .catch((error: unknown) => logger.error({ err: error, deliveryId: delivery.id }, 'webhook delivery could not be recorded'))
          .finally(() => {
            inFlight.delete(sending)
            nudge()
          })
        inFlight.add(sending)
      }
      if (claimed.length < wanted) return
    }
  }

  const nudge = () => {
    if (stopped) return
    if (running !== null) {
      again = true
      return
    }
    running = cycle()
      .catch((error: unknown) => logger.error({ err: error }, 'webhook deliveries could not be claimed'))
      .finally(() => {
        running = null
        if (again) {
          again = false
          nudge()
        }
      })
  }

  /** Commits that queue deliveries NOTIFY (from any server on the database): they go out right away. */
  const listen = async () => {
    const client = new pg.Client({ connectionString: databaseUrl })
    client.on('error', (error) => logger.warn({ err: error }, 'webhook notification listener lost; polling only'))
    client.on('notification', () => nudge())
    await client.connect()
    await client.query(`LISTEN ${client.escapeIdentifier(webhookNotifyChannel)}`)
    listener = client
  }

  return {
    start: async () => {
      stopped = false
      await listen().catch((error: unknown) => logger.warn({ err: error }, 'webhook notifications unavailable; polling only'))
      poll = setInterval(nudge, pollIntervalMs)
      poll.unref()
      nudge()
    },
    nudge,
    stop: async () => {
      stopped = true
      clearInterval(poll)
      for (const timer of retryTimers) clearTimeout(timer)
      retryTimers.clear()
      await running
      await Promise.all(inFlight)
      await listener?.end().catch(() => undefined)
      listener = null
    },
  }
}
