import { describe, expect, it } from 'vitest'
import { createChannelTokens, maxChannelTokenLength } from './channel-tokens.js'

describe('channel and form tokens', () => {
  const tokens = createChannelTokens('a-jwt-secret-for-this-test', 600)

  it('a channel token fits a mini-program scene and verifies only at the version it was signed for', () => {
    const code = tokens.newCode()
    expect(code).toMatch(/^[0-9A-Za-z]{10}$/)
    const token = tokens.sign(code, 3)
    expect(token.length).toBe(maxChannelTokenLength)
    expect(maxChannelTokenLength).toBeLessThanOrEqual(32)
    expect(tokens.codeOf(token)).toBe(code)
    expect(tokens.verify(token, 3)).toBe(true)
    expect(tokens.verify(token, 4)).toBe(false)
    expect(tokens.verify(`${tokens.newCode()}.${token.split('.')[1]}`, 3)).toBe(false)
    expect(createChannelTokens('another-secret', 600).verify(token, 3)).toBe(false)
    expect(tokens.codeOf('no.token')).toBeNull()
  })

  it('a form token carries the channel, version and device, and is refused when forged or expired', () => {
    const issued = tokens.issueFormToken({ channelId: 'c1', tokenVersion: 2, deviceHash: 'd1' })
    expect(tokens.checkFormToken(issued.token)).toEqual({ ok: true, claims: { channelId: 'c1', tokenVersion: 2, deviceHash: 'd1', formTokenId: issued.formTokenId } })
    expect(issued.expiresAt.getTime()).toBeGreaterThan(Date.now() + 590_000)
    expect(createChannelTokens('another-secret', 600).checkFormToken(issued.token)).toEqual({ ok: false, reason: 'invalid' })
    const expired = createChannelTokens('a-jwt-secret-for-this-test', -1).issueFormToken({ channelId: 'c1', tokenVersion: 2, deviceHash: 'd1' })
    expect(tokens.checkFormToken(expired.token)).toEqual({ ok: false, reason: 'expired' })
    // A channel token is no form token, though both come from the same secret.
    expect(tokens.checkFormToken(tokens.sign(tokens.newCode(), 1))).toEqual({ ok: false, reason: 'invalid' })
  })
})
