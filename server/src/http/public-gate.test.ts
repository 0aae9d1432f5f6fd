import { once } from 'node:events'
import { createServer, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import express from 'express'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { concurrencyGate, deviceHashOf, deviceRateLimit, requireDevice } from './public-gate.js'

/**
 * The gate and the device limit on a small Express app of their own: the requests that are let through wait until
 * the test releases them, so what the gate does with the others is seen without any timing in the assertions.
 */
describe('the public write gate and the per-device limit', () => {
  let server: Server
  let base = ''
  const releases: (() => void)[] = []

  beforeAll(async () => {
    const app = express()
    app.post('/slow', concurrencyGate({ concurrent: 2, waitMs: 300 }), (_req, res) => {
      releases.push(() => res.status(201).end())
    })
    app.post('/device', requireDevice, deviceRateLimit({ limit: 2, windowSeconds: 60 }), (req, res) => {
      res.json({ device: deviceHashOf(req) })
    })
    app.use((error: { code?: string }, _req: express.Request, res: express.Response, _next: express.NextFunction) => {
      res.status(error.code === 'SERVICE_BUSY' ? 503 : error.code === 'RATE_LIMITED' ? 429 : 422).json({ code: error.code })
    })
    server = createServer(app).listen(0, '127.0.0.1')
    await once(server, 'listening')
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`
  })
  afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())))

  it('lets two through, turns the third away once its wait is over, and admits a waiting one when a place frees', async () => {
    const first = fetch(`${base}/slow`, { method: 'POST' })
    const second = fetch(`${base}/slow`, { method: 'POST' })
    while (releases.length < 2) await new Promise((resolve) => setTimeout(resolve, 10))
    const third = await fetch(`${base}/slow`, { method: 'POST' })
    expect(third.status).toBe(503)

    const fourth = fetch(`${base}/slow`, { method: 'POST' })
    releases.shift()?.()
    expect((await first).status).toBe(201)
    while (releases.length < 2) await new Promise((resolve) => setTimeout(resolve, 10))
    for (const release of releases.splice(0)) release()
    expect([(await second).status, (await fourth).status]).toEqual([201, 201])
  })

  it('counts per device: one device is limited, another is not, and a missing device id is refused', async () => {
    const post = (device?: string) => fetch(`${base}/device`, { method: 'POST', headers: device === undefined ? {} : { 'x-device-id': device } })
    const busy = 'device-busy-0000000001'
    expect([(await post(busy)).status, (await post(busy)).status, (await post(busy)).status]).toEqual([200, 200, 429])
    expect((await post('device-calm-0000000002')).status).toBe(200)
    expect((await post()).status).toBe(422)
    expect((await post('bad id')).status).toBe(422)
  })
})
