import { createHash } from 'node:crypto'
import type { Request } from 'express'
import type { Prisma } from '../generated/prisma/client.js'
import { AppError } from './errors.js'

/** The header clients send so that a retried submission is recognised (see docs/contract.md). */
export const idempotencyHeader = 'Idempotency-Key'
/** Set on an answer that repeats an earlier one instead of doing the work again. */
export const idempotentReplayHeader = 'Idempotent-Replayed'
const keyShape = /^[A-Za-z0-9_-]{8,100}$/

/** Keys older than this are forgotten (a retry after a week is a new submission). */
export const idempotencyKeyLifetimeDays = 7

/** The request's Idempotency-Key, undefined when it sent none; a malformed one is a validation error. */
export const readIdempotencyKey = (req: Request): string | undefined => {
  const given = req.get(idempotencyHeader)
  if (given === undefined) return undefined
  if (!keyShape.test(given)) {
    throw new AppError('VALIDATION_FAILED', {
      fieldProblems: [{ field: idempotencyHeader, messageKey: 'validation.idempotency_key' }],
    })
  }
  return given
}

/** JSON with object keys sorted, so the same body always hashes the same however its keys were ordered. */
const canonicalJson = (value: unknown): string => {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`
  if (value !== null && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([, entry]) => entry !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    return `{${entries.map(([key, entry]) => `${JSON.stringify(key)}:${canonicalJson(entry)}`).join(',')}}`
  }
  return JSON.stringify(value) ?? 'null'
}

export const requestFingerprint = (body: unknown): string => createHash('sha256').update(canonicalJson(body)).digest('hex')

export interface IdempotencyClaim {
  /** Whose keys these are: `user:<id>` or `device:<hash>`; one person's key never meets another's. */
  scope: string
  key: string
  /** What the request does, e.g. `customers.create`; the same key for another operation is a reuse. */
  operation: string
  /** The parsed request body. */
  body: unknown
}

export interface ClaimOutcome {
  /** The resource the same request created before (answer with it), or null when the key is new. */
  replayOf: string | null
  /** For a new key: records what the work created, in the same transaction. */
  complete(resourceId: string): Promise<void>
}

/**
 * Claims an idempotency key inside the caller's transaction. The key row commits or rolls back together with the
 * work, so a request that failed leaves the key free for its retry, and one that committed is found by it. A
 * concurrent request with the same key waits on the unique index until the first transaction ends.
 */
export const claimIdempotencyKey = async (tx: Prisma.TransactionClient, claim: IdempotencyClaim): Promise<ClaimOutcome> => {
  const fingerprint = requestFingerprint(claim.body)
  const inserted = await tx.$queryRaw<{ id: string }[]>`
    INSERT INTO idempotency_keys (id, scope, key, operation, fingerprint)
    VALUES (gen_random_uuid(), ${claim.scope}, ${claim.key}, ${claim.operation}, ${fingerprint})
    ON CONFLICT (scope, key) DO NOTHING
    RETURNING id`
  const row = inserted[0]
  if (row !== undefined) {
    return {
      replayOf: null,
      complete: async (resourceId) => {
        await tx.$executeRaw`UPDATE idempotency_keys SET resource_id = ${resourceId} WHERE id = ${row.id}::uuid`
      },
    }
  }
  const existing = await tx.idempotencyKey.findUnique({ where: { scope_key: { scope: claim.scope, key: claim.key } } })
  if (existing === null || existing.resourceId === null) {
    // Only possible if a transaction claimed the key without completing it; treat like a reuse rather than guess.
    throw new AppError('IDEMPOTENCY_KEY_REUSED')
  }
  if (existing.operation !== claim.operation || existing.fingerprint !== fingerprint) throw new AppError('IDEMPOTENCY_KEY_REUSED')
  return { replayOf: existing.resourceId, complete: async () => undefined }
}

/** Forgets keys past their lifetime; run by the daily housekeeping job. */
export const purgeExpiredIdempotencyKeys = async (db: { $executeRaw: Prisma.TransactionClient['$executeRaw'] }): Promise<number> =>
  db.$executeRaw`DELETE FROM idempotency_keys WHERE created_at < now() - make_interval(days => ${idempotencyKeyLifetimeDays})`
