import { gzipSync } from 'node:zlib'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { readConfig } from '../config.js'
import { startTestServer, type TestServer } from '../test/support.js'

const allowed = 'https://crm.example.com'

describe('HTTP hardening: security headers, CORS allow-list, request size limits', () => {
  let open: TestServer
  let sameOrigin: TestServer

  beforeAll(async () => {
    ;[open, sameOrigin] = await Promise.all([
      startTestServer({ seedDemo: false, corsOrigins: [allowed, 'http://localhost:5173'] }),
      startTestServer({ seedDemo: false }),
    ])
  })
  afterAll(async () => {
    await Promise.all([open?.close(), sameOrigin?.close()])
  })

  it('API answers, errors included, carry helmet’s headers and do not name the framework', async () => {
    for (const response of [await sameOrigin.api.get('/api/health'), await sameOrigin.api.get('/api/customers'), await sameOrigin.api.get('/api/nothing-here')]) {
      expect(response.headers.get('x-content-type-options')).toBe('nosniff')
      expect(response.headers.get('x-frame-options')).toBe('SAMEORIGIN')
      expect(response.headers.get('strict-transport-security')).toMatch(/max-age=\d+/)
      expect(response.headers.get('referrer-policy')).toBe('no-referrer')
      expect(response.headers.get('cross-origin-opener-policy')).toBe('same-origin')
      expect(response.headers.get('cross-origin-resource-policy')).toBe('same-origin')
      expect(response.headers.get('x-powered-by')).toBeNull()
    }
  })

  it('without CORS_ORIGINS no page of another site may read an answer', async () => {
    const simple = await sameOrigin.api.get('/api/health', { headers: { origin: allowed } })
    expect(simple.headers.get('access-control-allow-origin')).toBeNull()
    const preflight = await fetch(new URL('/api/customers', sameOrigin.url), {
      method: 'OPTIONS',
      headers: { origin: allowed, 'access-control-request-method': 'POST', 'access-control-request-headers': 'authorization,content-type' },
    })
    expect(preflight.headers.get('access-control-allow-origin')).toBeNull()
    expect(preflight.headers.get('access-control-allow-methods')).toBeNull()
  })

  it('with CORS_ORIGINS the listed origins may call the API, with a token in the header, and others may not', async () => {
    const simple = await open.api.get('/api/health', { headers: { origin: allowed } })
    expect(simple.headers.get('access-control-allow-origin')).toBe(allowed)
    expect(simple.headers.get('vary')).toMatch(/origin/i)
    expect(simple.headers.get('access-control-allow-credentials')).toBeNull()

    const preflight = await fetch(new URL('/api/customers', open.url), {
      method: 'OPTIONS',
      headers: { origin: 'http://localhost:5173', 'access-control-request-method': 'PATCH', 'access-control-request-headers': 'authorization,content-type' },
    })
    expect(preflight.status).toBe(204)
    expect(preflight.headers.get('access-control-allow-origin')).toBe('http://localhost:5173')
    expect(preflight.headers.get('access-control-allow-methods')).toContain('PATCH')
    expect(preflight.headers.get('access-control-allow-headers')).toBe('authorization,content-type')

    for (const stranger of ['https://evil.example.com', 'https://crm.example.com.evil.example.com', 'http://crm.example.com']) {
      const refused = await open.api.get('/api/health', { headers: { origin: stranger } })
      expect(refused.headers.get('access-control-allow-origin'), stranger).toBeNull()
    }
  })

  it('a JSON body over 256 KB is refused before anything reads it, also when it arrives compressed', async () => {
    const big = JSON.stringify({ name: 'x'.repeat(300 * 1024) })
    const plain = await sameOrigin.api.post<{ code: string }>('/api/customers', { body: big })
    expect(plain.status).toBe(413)
    expect(plain.body.code).toBe('PAYLOAD_TOO_LARGE')

    const zipped = await fetch(new URL('/api/customers', sameOrigin.url), {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'content-encoding': 'gzip' },
      body: gzipSync(big),
    })
    expect(zipped.status).toBe(413)
  })

  it('forms, text and binary bodies are never parsed: the strict schemas refuse the missing JSON', async () => {
    for (const [type, body] of [
      ['application/x-www-form-urlencoded', 'username=admin&password=admin-password-1'],
      ['text/plain', JSON.stringify({ username: 'admin', password: 'admin-password-1' })],
      ['application/octet-stream', 'x'.repeat(2 * 1024 * 1024)],
    ] as const) {
      const response = await sameOrigin.api.post<{ code: string }>('/api/auth/login', { body, headers: { 'content-type': type } })
      expect(response.status, type).toBeGreaterThanOrEqual(400)
      expect(response.status, type).toBeLessThan(500)
      expect(response.body.code, type).not.toBe('INTERNAL')
    }
  })

  it('CORS_ORIGINS takes a comma-separated list of origins and refuses anything else', () => {
    expect(readConfig({ CORS_ORIGINS: ' https://crm.example.com, http://localhost:5173 ' }).corsOrigins).toEqual([
      'https://crm.example.com',
      'http://localhost:5173',
    ])
    expect(readConfig({}).corsOrigins).toEqual([])
    expect(() => readConfig({ CORS_ORIGINS: 'https://crm.example.com/app' })).toThrow(/CORS_ORIGINS/)
    expect(() => readConfig({ CORS_ORIGINS: 'crm.example.com' })).toThrow(/CORS_ORIGINS/)
  })
})
