import { mkdir, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { makeTempDir, startTestServer, type TestServer } from '../test/support.js'

describe('serving the front ends', () => {
  let server: TestServer
  let fixtures: { path: string; remove: () => Promise<void> }
  const bigScript = `console.log(${JSON.stringify('客知'.repeat(2000))})\n`

  beforeAll(async () => {
    fixtures = await makeTempDir('dist')
    const console = join(fixtures.path, 'admin-web')
    await mkdir(join(console, 'assets'), { recursive: true })
    await writeFile(join(console, 'index.html'), '<!doctype html><title>console</title>')
    await writeFile(join(console, 'umi.3f9a12bc.js'), bigScript)
    await writeFile(join(console, 'favicon.ico'), 'icon')
    server = await startTestServer({
      seedDemo: false,
      // The H5 build is deliberately missing.
      frontEnds: { adminWebDist: console, intakeH5Dist: join(fixtures.path, 'not-built') },
    })
  })
  afterAll(async () => {
    await server.close()
    await fixtures.remove()
  })

  const get = (path: string, headers: Record<string, string> = {}) => fetch(new URL(path, server.url), { headers })
  // Reads the body too: an unread response keeps its connection busy and delays the server's shutdown.
  const statusOf = async (path: string) => {
    const response = await get(path)
    await response.arrayBuffer()
    return response.status
  }

  it('serves the console at / and its index.html for client-side routes, never cached', async () => {
    for (const path of ['/', '/customers', '/customers/123/edit']) {
      const response = await get(path)
      expect(response.status, path).toBe(200)
      expect(response.headers.get('cache-control'), path).toBe('no-cache')
      expect(await response.text()).toContain('<title>console</title>')
    }
  })

  it('lets browsers keep hashed assets for a year, compressed', async () => {
    const response = await get('/umi.3f9a12bc.js', { 'accept-encoding': 'gzip' })
    expect(response.status).toBe(200)
    expect(response.headers.get('cache-control')).toBe('public, max-age=31536000, immutable')
    expect(response.headers.get('content-encoding')).toBe('gzip')
    expect(await response.text()).toBe(bigScript)
  })

  it('does not mark unhashed files immutable, and missing files are 404 rather than the app', async () => {
    const icon = await get('/favicon.ico')
    expect(icon.status).toBe(200)
    await icon.arrayBuffer()
    expect(icon.headers.get('cache-control')).not.toContain('immutable')
    expect(await statusOf('/assets/missing.3f9a12bc.js')).toBe(404)
  })

  it('explains how to build the H5 app when it is not built yet', async () => {
    const response = await get('/m/register')
    expect(response.status).toBe(503)
    expect(await response.text()).toContain('pnpm build')
  })

  it('keeps unknown API routes as JSON 404s instead of the app', async () => {
    const response = await server.api.get('/api/customers-typo')
    expect(response.status).toBe(404)
    expect(response.body).toMatchObject({ code: 'NOT_FOUND' })
  })

  it('serves the API docs page and its assets locally', async () => {
    const page = await get('/api/docs')
    expect(page.status).toBe(200)
    const html = await page.text()
    expect(html).toContain('/api/docs/assets/swagger-ui-bundle.js')
    expect(await statusOf('/api/docs/assets/swagger-ui-bundle.js')).toBe(200)
    expect(await statusOf('/api/docs/assets/swagger-ui.css')).toBe(200)
    expect(await (await get('/api/docs/init.js')).text()).toContain('/api/openapi.json')
  })
})
