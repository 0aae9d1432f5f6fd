import { createHmac, hkdfSync, randomInt, randomUUID, timingSafeEqual } from 'node:crypto'
import jwt from 'jsonwebtoken'

/**
 * The signed values of the QR channels (docs/contract.md, issue 6).
 *
 * A channel token is `<code>.<signature>`: `code` names the channel (10 base62 characters, stored), the signature
 * is HMAC-SHA256 over `code.tokenVersion`, cut to 16 base64url characters (96 bits). 27 characters in all, so it
 * fits the 32 characters of a mini-program code's `scene`. Raising the version refuses every token printed before.
 *
 * A form token is a short-lived JWT handed to the person who opened the form: it names the channel, the version
 * it was opened at and the device, so a submission proves it came through a real code on the same device.
 * Each kind of token has its own key, derived from the server's JWT secret, so no token passes for another.
 */

const base62 = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz'
const codeLength = 10
const signatureLength = 16
const tokenShape = /^([0-9A-Za-z]{10})\.([A-Za-z0-9_-]{16})$/
const formAudience = 'kezhi-form'

export interface FormTokenClaims {
  channelId: string
  tokenVersion: number
  deviceHash: string
  /** The token's own id: photos uploaded with it carry it, so only this form may attach them. */
  formTokenId: string
}

export type FormTokenCheck = { ok: true; claims: FormTokenClaims } | { ok: false; reason: 'invalid' | 'expired' }

export interface ChannelTokens {
  /** A fresh random channel code. */
  newCode(): string
  /** The token printed in the QR code of a channel at its current version. */
  sign(code: string, tokenVersion: number): string
  /** The code of a well-formed token, or null (the signature is checked with `verify`). */
  codeOf(token: string): string | null
  /** Whether the token's signature is the one of `code` at `tokenVersion`. */
  verify(token: string, tokenVersion: number): boolean
  issueFormToken(claims: Omit<FormTokenClaims, 'formTokenId'>): { token: string; expiresAt: Date; formTokenId: string }
  checkFormToken(token: string): FormTokenCheck
}

const deriveKey = (secret: string, purpose: string): Buffer =>
  Buffer.from(hkdfSync('sha256', Buffer.from(secret, 'utf8'), Buffer.alloc(0), `kezhi:${purpose}`, 32))

/** A fresh random channel code (what a QR code names; its signature is added by `sign`). */
export const newChannelCode = (): string => Array.from({ length: codeLength }, () => base62[randomInt(base62.length)]).join('')

const isRecord = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null

export const createChannelTokens = (jwtSecret: string, formTokenTtlSeconds: number): ChannelTokens => {
  const channelKey = deriveKey(jwtSecret, 'channel-token:v1')
  const formKey = deriveKey(jwtSecret, 'form-token:v1')

  const signature = (code: string, tokenVersion: number) =>
    createHmac('sha256', channelKey).update(`${code}.${tokenVersion}`).digest('base64url').slice(0, signatureLength)

  return {
    newCode: newChannelCode,

    sign: (code, tokenVersion) => `${code}.${signature(code, tokenVersion)}`,

    codeOf: (token) => tokenShape.exec(token)?.[1] ?? null,

    verify: (token, tokenVersion) => {
      const match = tokenShape.exec(token)
      if (match === null) return false
      const [, code = '', given = ''] = match
      return timingSafeEqual(Buffer.from(given), Buffer.from(signature(code, tokenVersion)))
    },

    issueFormToken: ({ channelId, tokenVersion, deviceHash }) => {
      const formTokenId = randomUUID()
      const token = jwt.sign({ ch: channelId, v: tokenVersion, dev: deviceHash }, formKey, {
        algorithm: 'HS256',
        audience: formAudience,
        jwtid: formTokenId,
        expiresIn: formTokenTtlSeconds,
      })
      const { exp } = jwt.decode(token) as { exp: number }
      return { token, expiresAt: new Date(exp * 1000), formTokenId }
    },

    checkFormToken: (token) => {
      let payload: unknown
      try {
        payload = jwt.verify(token, formKey, { algorithms: ['HS256'], audience: formAudience })
      } catch (error) {
        return { ok: false, reason: error instanceof jwt.TokenExpiredError ? 'expired' : 'invalid' }
      }
      if (!isRecord(payload)) return { ok: false, reason: 'invalid' }
      const { ch, v, dev, jti } = payload
      if (typeof ch !== 'string' || typeof v !== 'number' || typeof dev !== 'string' || typeof jti !== 'string') {
        return { ok: false, reason: 'invalid' }
      }
      return { ok: true, claims: { channelId: ch, tokenVersion: v, deviceHash: dev, formTokenId: jti } }
    },
  }
}

/** Longest a channel token gets: what a WeChat mini-program code's `scene` holds. */
export const maxChannelTokenLength = codeLength + 1 + signatureLength
