import { ApiError } from '../api/client'
import { openChannel, type ChannelOpening, type PublicChannel, type PublicLimits } from './public-api'

// A form token lives FORM_TOKEN_TTL_SECONDS (30 minutes by default); a customer who lingers longer, or whose
// stored device id changed meanwhile, gets a new one without noticing.
const RENEWABLE_CODES: ReadonlySet<string> = new Set(['FORM_TOKEN_EXPIRED', 'FORM_TOKEN_INVALID'])

export function needsNewFormToken(error: unknown): boolean {
  return error instanceof ApiError && RENEWABLE_CODES.has(error.code)
}

/** A channel that answers 403/410 is not coming back: the page shows the "ask for a new code" message. */
export function isDeadChannel(error: unknown): boolean {
  return error instanceof ApiError && (error.code === 'CHANNEL_TOKEN_INVALID' || error.code === 'CHANNEL_EXPIRED')
}

/** One open public form: the channel it came through and its current form token. */
export class PublicFormSession {
  private opening: ChannelOpening
  private renewal: Promise<void> | undefined

  private constructor(
    readonly channelToken: string,
    opening: ChannelOpening,
  ) {
    this.opening = opening
  }

  static async open(channelToken: string): Promise<PublicFormSession> {
    return new PublicFormSession(channelToken, await openChannel(channelToken))
  }

  get formToken(): string {
    return this.opening.formToken
  }

  get channel(): PublicChannel {
    return this.opening.channel
  }

  get limits(): PublicLimits {
    return this.opening.limits
  }

  /** Fetches a new form token; calls that fail together share one renewal. */
  renew(): Promise<void> {
    if (!this.renewal) {
      this.renewal = openChannel(this.channelToken)
        .then((opening) => {
          this.opening = opening
        })
        .finally(() => {
          this.renewal = undefined
        })
    }
    return this.renewal
  }

  /**
   * Runs `call` with the current form token. When the server says the token has expired (or belongs to
   * another device), a new one is fetched and `call` runs once more with it; any other failure, or a second
   * refusal, is passed on.
   */
  async withFormToken<Result>(call: (formToken: string) => Promise<Result>): Promise<Result> {
    const used = this.formToken
    try {
      return await call(used)
    } catch (error) {
      if (!needsNewFormToken(error)) throw error
      // Another call may have renewed the token already while this one was under way.
      if (this.formToken === used) await this.renew()
      return call(this.formToken)
    }
  }
}
