import { describe, expect, it } from 'vitest'
import { isIdempotencyKey, newIdempotencyKey } from '../src/outbox/idempotency-key'

describe('idempotency keys', () => {
  it('have the shape the server accepts: 8–100 characters of letters, digits, _ and -', () => {
    for (let round = 0; round < 200; round += 1) {
      const key = newIdempotencyKey()
      expect(key).toMatch(/^[A-Za-z0-9_-]{8,100}$/)
      expect(isIdempotencyKey(key)).toBe(true)
    }
  })

  it('differ for every submission, even within the same millisecond', () => {
    const at = new Date('2026-11-24T02:00:00Z')
    const keys = new Set(Array.from({ length: 1000 }, () => newIdempotencyKey(at)))
    expect(keys.size).toBe(1000)
  })

  it('refuses what the server would refuse', () => {
    expect(isIdempotencyKey('short')).toBe(false)
    expect(isIdempotencyKey('has space in it')).toBe(false)
    expect(isIdempotencyKey('x'.repeat(101))).toBe(false)
  })
})
