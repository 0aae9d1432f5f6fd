import { randomInt } from 'node:crypto'
import { generateSecret, generateURI, verifySync } from 'otplib'
import QRCode from 'qrcode'
import { hashSecret } from './principal.js'

/** Shown in authenticator apps above the account name. */
export const totpIssuer = '客知 CRM'
const period = 30

export interface TotpEnrolment {
  secret: string
  otpauthUrl: string
  qrCodeDataUrl: string
}

/** A new secret (Base32, 20 bytes) with the link and QR code an authenticator app reads. */
export const newTotpEnrolment = async (accountName: string): Promise<TotpEnrolment> => {
  const secret = generateSecret()
  const otpauthUrl = generateURI({ issuer: totpIssuer, label: accountName, secret, period })
  return { secret, otpauthUrl, qrCodeDataUrl: await QRCode.toDataURL(otpauthUrl, { margin: 1, width: 240 }) }
}

export interface TotpCheck {
  /** Remembers per user the last time step a code was accepted for, so a code works once (replay protection). */
  verify(userId: string, secret: string, code: string): boolean
}

/**
 * Accepts the current code and those of one step before and after (clocks of phones drift), each once: a code
 * seen before (or one older than the last accepted) is refused. The memory is per process, which is enough to
 * stop someone replaying a code they watched being typed within its window.
 */
export const createTotpCheck = (): TotpCheck => {
  const lastStep = new Map<string, number>()
  return {
    verify: (userId, secret, code) => {
      if (!/^\d{6}$/.test(code)) return false
      const after = lastStep.get(userId)
      let result: ReturnType<typeof verifySync>
      try {
        result = verifySync({ secret, token: code, period, epochTolerance: period, ...(after === undefined ? {} : { afterTimeStep: after }) })
      } catch {
        return false
      }
      if (!result.valid || !('timeStep' in result)) return false
      lastStep.set(userId, result.timeStep)
      // Old entries cannot match anything any more; dropping them keeps the map as small as the active users.
      if (lastStep.size > 10_000) {
        const current = Math.floor(Date.now() / 1000 / period)
        for (const [user, step] of lastStep) if (step < current - 2) lastStep.delete(user)
      }
      return true
    },
  }
}

// No look-alike characters (0/o, 1/l/i): recovery codes are printed or written down and typed by hand.
const recoveryAlphabet = 'abcdefghjkmnpqrstuvwxyz23456789'
export const recoveryCodeCount = 10

/** Ten fresh codes like `k3m9q-x7h2p`, shown once; only their hashes are stored. */
export const newRecoveryCodes = (): string[] =>
  Array.from({ length: recoveryCodeCount }, () => {
    const characters = Array.from({ length: 10 }, () => recoveryAlphabet[randomInt(recoveryAlphabet.length)]).join('')
    return `${characters.slice(0, 5)}-${characters.slice(5)}`
  })

/** The stored form of a recovery code: case, spaces and dashes do not matter when typed back. */
export const hashRecoveryCode = (code: string): string => hashSecret(code.toLowerCase().replace(/[\s-]/g, ''))
