import { describe, expect, it } from 'vitest'
import { channelTokenFromParams } from '../src/public/channel-token'

const token = 'k3J9xQ2b.Zm9vYmFyYmF6cXV4'

describe('channel token from the page parameters', () => {
  it('reads ?c= of the H5 link', () => {
    expect(channelTokenFromParams({ c: token })).toBe(token)
  })

  it('decodes a URL-encoded c', () => {
    expect(channelTokenFromParams({ c: encodeURIComponent('a.b~c') })).toBe('a.b~c')
  })

  it('reads the scene of a WeChat mini-program code, which WeChat hands over encoded', () => {
    expect(channelTokenFromParams({ scene: encodeURIComponent(token) })).toBe(token)
    expect(channelTokenFromParams({ scene: 'a%2Eb%7Ec' })).toBe('a.b~c')
  })

  it('accepts c in WeChat too, before the scene', () => {
    expect(channelTokenFromParams({ c: token, scene: 'other.one' })).toBe(token)
  })

  it('has none when the page was opened without a code', () => {
    expect(channelTokenFromParams({})).toBeUndefined()
    expect(channelTokenFromParams({ c: '', scene: '  ' })).toBeUndefined()
  })

  it('keeps a malformed escape as typed rather than failing', () => {
    expect(channelTokenFromParams({ c: 'abc%E0%A4%A' })).toBe('abc%E0%A4%A')
  })
})
