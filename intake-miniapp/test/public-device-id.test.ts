import { beforeEach, describe, expect, it, vi } from 'vitest'

// An in-memory Taro storage stands in for the phone's.
const storage = new Map<string, unknown>()
vi.mock('@tarojs/taro', () => ({
  default: {
    getStorageSync: (key: string) => storage.get(key) ?? '',
    setStorageSync: (key: string, value: unknown) => storage.set(key, value),
  },
}))

const { DEVICE_STORAGE_KEY, forgetCachedDeviceId, getDeviceId } = await import('../src/public/device-id')
const { randomId } = await import('../src/public/random-id')

const DEVICE_ID_SHAPE = /^[A-Za-z0-9_-]{32}$/

beforeEach(() => {
  storage.clear()
  forgetCachedDeviceId()
})

describe('device id', () => {
  it('is made on first use as 32 characters the server accepts, and stored under kezhi.intake.device', () => {
    const id = getDeviceId()

    expect(id).toMatch(DEVICE_ID_SHAPE)
    expect(storage.get(DEVICE_STORAGE_KEY)).toBe(id)
  })

  it('stays the same on the next visit (read back from storage)', () => {
    const first = getDeviceId()
    forgetCachedDeviceId()

    expect(getDeviceId()).toBe(first)
  })

  it('differs between two phones', () => {
    const first = getDeviceId()
    storage.clear()
    forgetCachedDeviceId()

    expect(getDeviceId()).not.toBe(first)
  })

  it('replaces a stored value the server would refuse', () => {
    storage.set(DEVICE_STORAGE_KEY, 'too short')

    const id = getDeviceId()

    expect(id).toMatch(DEVICE_ID_SHAPE)
    expect(storage.get(DEVICE_STORAGE_KEY)).toBe(id)
  })
})

describe('random ids', () => {
  it('have the asked length and only [A-Za-z0-9_-]', () => {
    for (const length of [8, 32, 100]) expect(randomId(length)).toMatch(new RegExp(`^[A-Za-z0-9_-]{${length}}$`))
  })

  it('still work where the platform has no crypto (WeChat)', () => {
    vi.stubGlobal('crypto', undefined)
    try {
      expect(randomId(32)).toMatch(DEVICE_ID_SHAPE)
    } finally {
      vi.unstubAllGlobals()
    }
  })
})
