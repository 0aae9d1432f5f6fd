import { randomId } from './random-id'

export const IDEMPOTENCY_KEY_LENGTH = 32

/**
 * The Idempotency-Key of one submission. It is made when the person presses submit and kept for every retry
 * of the same content, so a retry after a lost answer never files the feedback twice. Content edited after a
 * failure is a new submission and gets a new key (the server would refuse the old key with another body).
 */
export class SubmissionKey {
  private current: { key: string; content: string } | undefined

  /** The key for submitting `content` (anything JSON can describe: what the person entered). */
  keyFor(content: unknown): string {
    const fingerprint = JSON.stringify(content)
    if (!this.current || this.current.content !== fingerprint) {
      this.current = { key: randomId(IDEMPOTENCY_KEY_LENGTH), content: fingerprint }
    }
    return this.current.key
  }

  /** After a definite answer the key is done with; the next submission gets a new one. */
  settle(): void {
    this.current = undefined
  }
}
