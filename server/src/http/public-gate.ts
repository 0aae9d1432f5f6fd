import { createHash } from 'node:crypto'
import type { Request, RequestHandler } from 'express'
import { AppError } from './errors.js'
import { rateLimitBy, type RateLimit } from './rate-limit.js'

/**
 * What stands between the public endpoints (no sign-in) and the database the console needs: every caller names its
 * device, each device has its own request budget on top of the per-IP one, and only a few public writes run at once.
 */

export const deviceIdHeader = 'X-Device-Id'
const deviceIdShape = /^[A-Za-z0-9_-]{16,64}$/

const deviceHashes = new WeakMap<Request, string>()

/** sha256 of the device id: what is stored and what limits are counted by (the id itself is never kept). */
export const hashDeviceId = (deviceId: string): string => createHash('sha256').update(deviceId, 'utf8').digest('hex')

/** Requires a well-formed X-Device-Id (422 on field `X-Device-Id` otherwise) and remembers its hash. */
export const requireDevice: RequestHandler = (req, _res, next) => {
  const given = req.get(deviceIdHeader)
  if (given === undefined || !deviceIdShape.test(given)) {
    throw new AppError('VALIDATION_FAILED', { fieldProblems: [{ field: deviceIdHeader, messageKey: 'validation.device_id' }] })
  }
  deviceHashes.set(req, hashDeviceId(given))
  next()
}

/** The device hash of a request that passed `requireDevice`. */
export const deviceHashOf = (req: Request): string => {
  const hash = deviceHashes.get(req)
  if (hash === undefined) throw new Error('requireDevice must run before deviceHashOf')
  return hash
}

/** At most `limit` requests per `windowSeconds` from one device (after `requireDevice`); 429 + Retry-After beyond. */
export const deviceRateLimit = (limits: RateLimit): RequestHandler => rateLimitBy(limits, deviceHashOf)

export interface ConcurrencyGateOptions {
  /** Requests let through at once. */
  concurrent: number
  /** How long a request waits for a free place before it is turned away with 503 SERVICE_BUSY. */
  waitMs: number
}

/**
 * Lets at most `concurrent` requests past at once; the others queue (first come, first served) for up to `waitMs`,
 * then answer 503 SERVICE_BUSY. A place is given back when the answer is sent or the client goes away, so a burst
 * of public writes can hold only a few database connections and the console keeps the rest.
 */
export const concurrencyGate = ({ concurrent, waitMs }: ConcurrencyGateOptions): RequestHandler => {
  let running = 0
  const waiting: (() => void)[] = []

  const release = () => {
    const next = waiting.shift()
    if (next === undefined) running -= 1
    else next()
  }

  return (_req, res, next) => {
    const enter = () => {
      let released = false
      const releaseOnce = () => {
        if (released) return
        released = true
        release()
      }
      res.once('finish', releaseOnce)
      res.once('close', releaseOnce)
      next()
    }
    if (running < concurrent) {
      running += 1
      enter()
      return
    }
    const admit = () => {
      clearTimeout(timer)
      enter()
    }
    const timer = setTimeout(() => {
      const index = waiting.indexOf(admit)
      if (index >= 0) waiting.splice(index, 1)
      next(new AppError('SERVICE_BUSY'))
    }, waitMs)
    waiting.push(admit)
    // A client that gave up while queued must not be served later, nor hold its place in the queue.
    res.once('close', () => {
      const index = waiting.indexOf(admit)
      if (index < 0) return
      waiting.splice(index, 1)
      clearTimeout(timer)
    })
  }
}

/** Public writes at once (docs/contract.md): the database pool has 10 connections, the console keeps the rest. */
export const publicWriteGate = { concurrent: 4, waitMs: 2_000 } as const satisfies ConcurrencyGateOptions
