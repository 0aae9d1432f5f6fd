import type { Request, RequestHandler } from 'express'
import { rateLimit } from 'express-rate-limit'
import { AppError } from './errors.js'

/** At most `limit` requests per `windowSeconds` from one IP address. */
export interface RateLimit {
  limit: number
  windowSeconds: number
}

export interface RateLimitOptions {
  /** Sign-in steps under /api/auth (password, MFA code, refresh): slows down password and code guessing. */
  auth: RateLimit
  /** Endpoints anyone may call without signing in (e.g. the customer intake form). */
  public: RateLimit
  /** Public submissions and photo uploads from one device (the X-Device-Id header). */
  device: RateLimit
}

export const defaultRateLimits: RateLimitOptions = {
  auth: { limit: 20, windowSeconds: 60 },
  public: { limit: 30, windowSeconds: 60 },
  device: { limit: 10, windowSeconds: 60 },
}

interface RateLimitedRequest extends Request {
  rateLimit?: { resetTime?: Date | undefined }
}

/**
 * Counts requests per key in memory (one process serves the CRM) and answers 429 RATE_LIMITED with the usual error
 * body and `Retry-After` once the limit is passed. The key is the client IP unless `keyOf` names another (a
 * device). Each call makes an independent counter.
 */
export const rateLimitBy = ({ limit, windowSeconds }: RateLimit, keyOf?: (req: Request) => string): RequestHandler =>
  rateLimit({
    windowMs: windowSeconds * 1000,
    limit,
    standardHeaders: 'draft-7',
    legacyHeaders: false,
    ...(keyOf === undefined ? {} : { keyGenerator: keyOf }),
    handler: (req: RateLimitedRequest, res, next) => {
      const resetTime = req.rateLimit?.resetTime
      const seconds = resetTime === undefined ? windowSeconds : Math.max(1, Math.ceil((resetTime.getTime() - Date.now()) / 1000))
      res.setHeader('Retry-After', String(seconds))
      next(new AppError('RATE_LIMITED'))
    },
  })

/** The limit for public endpoints: mount it in front of any route that answers without signing in. */
export const publicRateLimit = (limits: Partial<RateLimitOptions> = {}): RequestHandler =>
  rateLimitBy(limits.public ?? defaultRateLimits.public)

/** The limit for the sign-in steps under /api/auth. */
export const authRateLimit = (limits: Partial<RateLimitOptions> = {}): RequestHandler =>
  rateLimitBy(limits.auth ?? defaultRateLimits.auth)
