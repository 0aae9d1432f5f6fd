import Taro from '@tarojs/taro'
import { ApiError, apiRequest } from '../api/client'
import type { Customer, CustomerInput, FieldError } from '../api/types'
import type { CustomerFormState } from '../register/customer-form'

// Submissions that got no answer wait here until they can be sent again. Each keeps the Idempotency-Key it
// was first sent with, so a resend after a lost answer is recognised by the server and never makes a second
// customer. Stored with Taro, so they survive closing the app; each names the staff member who made it and
// is only ever sent with their session.

/** Storage key of the waiting submissions. */
export const OUTBOX_STORAGE_KEY = 'kezhi.intake.outbox'

/** How long a submission waits for its answer before it counts as lost. */
export const SUBMIT_TIMEOUT_MS = 15_000

/** Why the server refused a resend (kept so that the form can show it when the item is opened again). */
export interface OutboxProblem {
  status: number
  code: string
  message: string
  details: FieldError[]
}

export interface OutboxItem {
  /** The Idempotency-Key, sent unchanged with every attempt; also the item's id. */
  key: string
  userId: string
  body: CustomerInput
  /** The form row of each phone sent (to place server errors when the item is opened into the form). */
  phoneRows: number[]
  /** The form as it was submitted, to open it again for correction. */
  form: CustomerFormState
  /** When it was first submitted (ISO). */
  createdAt: string
  attempts: number
  lastAttemptAt?: string
  /** waiting: resent automatically; attention: the server refused it and a person has to decide. */
  state: 'waiting' | 'attention'
  problem?: OutboxProblem
}

const isRecord = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null

function isOutboxItem(value: unknown): value is OutboxItem {
  return (
    isRecord(value) &&
    typeof value.key === 'string' &&
    typeof value.userId === 'string' &&
    isRecord(value.body) &&
    isRecord(value.form) &&
    typeof value.createdAt === 'string' &&
    (value.state === 'waiting' || value.state === 'attention')
  )
}

const listeners = new Set<() => void>()
let cached: OutboxItem[] | undefined
let sending = false

function readStored(): OutboxItem[] {
  try {
    const stored: unknown = Taro.getStorageSync(OUTBOX_STORAGE_KEY)
    return Array.isArray(stored) ? stored.filter(isOutboxItem) : []
  } catch {
    return []
  }
}

/** Every waiting submission of this device, oldest first. */
export function readOutbox(): OutboxItem[] {
  cached ??= readStored()
  return cached
}

/** The submissions of one staff member, oldest first. */
export const outboxOf = (items: readonly OutboxItem[], userId: string): OutboxItem[] => items.filter((item) => item.userId === userId)

function update(change: (items: OutboxItem[]) => OutboxItem[]): void {
  // Read afresh: another page of the app may have changed the stored list since it was cached.
  const next = change(readStored())
  if (next.length) Taro.setStorageSync(OUTBOX_STORAGE_KEY, next)
  else Taro.removeStorageSync(OUTBOX_STORAGE_KEY)
  cached = next
  listeners.forEach((listener) => listener())
}

export function subscribeOutbox(listener: () => void): () => void {
  listeners.add(listener)
  return () => listeners.delete(listener)
}

/** Whether a resend is on its way (for the retry button's busy state). */
export const isOutboxSending = (): boolean => sending

export interface NewSubmission {
  key: string
  userId: string
  body: CustomerInput
  phoneRows: number[]
  form: CustomerFormState
}

/** Keeps a submission that got no answer; it is resent with the same key. */
export function enqueueSubmission(submission: NewSubmission, now: Date = new Date()): OutboxItem {
  const item: OutboxItem = { ...submission, createdAt: now.toISOString(), attempts: 1, lastAttemptAt: now.toISOString(), state: 'waiting' }
  update((items) => [...items.filter((existing) => existing.key !== item.key), item])
  return item
}

/** Drops a submission for good (after the person confirmed). */
export function discardOutboxItem(key: string): void {
  update((items) => items.filter((item) => item.key !== key))
}

/** Takes a submission out to open it in the form again; a new submission of it gets a new key. */
export function takeOutboxItem(key: string): OutboxItem | undefined {
  const found = readStored().find((item) => item.key === key)
  if (found) discardOutboxItem(key)
  return found
}

/** POST /api/customers with the submission's key; shared by the form and the outbox. */
export function submitCustomer(key: string, body: CustomerInput): Promise<Customer> {
  return apiRequest('post', '/api/customers', { body, headers: { 'Idempotency-Key': key }, timeoutMs: SUBMIT_TIMEOUT_MS })
}

/**
 * What a failed submission means. `retry`: no answer came (network, timeout), the server was unwell (5xx),
 * busy (429) or the session has to be renewed first (401): nothing was refused, so the same request goes
 * again later. `refused`: the server answered and said no (validation, duplicate, permission); resending the
 * same body would only be refused again.
 */
export function failureKind(error: unknown): 'retry' | 'refused' {
  if (!(error instanceof ApiError)) return 'retry'
  if (error.status === 0 || error.status >= 500 || error.status === 401 || error.status === 408 || error.status === 429) return 'retry'
  return 'refused'
}

const problemOf = (error: ApiError): OutboxProblem => ({
  status: error.status,
  code: error.code,
  message: error.message,
  details: error.details,
})

export interface FlushResult {
  sent: Customer[]
  waiting: number
  attention: number
}

let flushInFlight: Promise<FlushResult> | undefined

/**
 * Resends the staff member's waiting submissions, oldest first: a 2xx removes the item, a refusal marks it
 * for attention, anything else leaves it waiting. After a no-answer the rest wait for the next round (the
 * network is still down). Calls that come while a round runs share it.
 */
export function flushOutbox(userId: string, now: () => Date = () => new Date()): Promise<FlushResult> {
  flushInFlight ??= runFlush(userId, now).finally(() => {
    flushInFlight = undefined
    sending = false
    listeners.forEach((listener) => listener())
  })
  return flushInFlight
}

async function runFlush(userId: string, now: () => Date): Promise<FlushResult> {
  const sent: Customer[] = []
  const waitingItems = outboxOf(readStored(), userId).filter((item) => item.state === 'waiting')
  if (waitingItems.length) {
    sending = true
    listeners.forEach((listener) => listener())
  }
  for (const item of waitingItems) {
    try {
      sent.push(await submitCustomer(item.key, item.body))
      discardOutboxItem(item.key)
    } catch (error) {
      const kind = failureKind(error)
      const attemptAt = now().toISOString()
      update((items) =>
        items.map((stored) =>
          stored.key !== item.key
            ? stored
            : {
                ...stored,
                attempts: stored.attempts + 1,
                lastAttemptAt: attemptAt,
                ...(kind === 'refused' && error instanceof ApiError ? { state: 'attention' as const, problem: problemOf(error) } : {}),
              },
        ),
      )
      if (kind === 'retry') break
    }
  }
  const mine = outboxOf(readStored(), userId)
  return {
    sent,
    waiting: mine.filter((item) => item.state === 'waiting').length,
    attention: mine.filter((item) => item.state === 'attention').length,
  }
}
