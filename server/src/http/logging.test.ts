import { Writable } from 'node:stream'
import pino from 'pino'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { startTestServer, type TestServer } from '../test/support.js'

describe('request logs', () => {
  let server: TestServer
  const lines: string[] = []

  beforeAll(async () => {
    const sink = new Writable({
      write(chunk: Buffer, _encoding, done) {
        lines.push(chunk.toString('utf8'))
        done()
      },
    })
    server = await startTestServer({ logger: pino({ level: 'info' }, sink) })
  })
  afterAll(() => server.close())

  it('name each call without its bearer token or what was searched for', async () => {
    const token = await server.login('manager')
    const response = await server.api.get('/api/customers?keyword=13812345678', { token })
    expect(response.status).toBe(200)
    const logged = lines.join('')
    expect(logged).toContain('"path":"/api/customers"')
    expect(logged).not.toContain(token)
    expect(logged).not.toContain('13812345678')
  })
})
