import { describe, expect, it } from 'vitest'
import { readMigrations } from './db/migrate.js'
import { repoPaths } from './config.js'
import { startServer } from './server.js'
import { createApi, makeTempDir, testDemoPassword, testServerOptions } from './test/support.js'

describe('running on its own embedded PostgreSQL', () => {
  it('a restart with the same DATA_DIR keeps the data, applies no migration twice and seeds only once', async () => {
    const dataDir = await makeTempDir('restart')
    // No databaseUrl and no jwtSecret: the server creates its database and secret under DATA_DIR.
    const options = testServerOptions({
      dataDir: dataDir.path,
      databaseUrl: undefined,
      jwtSecret: undefined,
      embeddedPostgresSettings: { fsync: 'off' },
    })
    try {
      const first = await startServer(options)
      let customerId: string
      let refreshToken: string
      try {
        expect(first.appliedMigrations).toEqual((await readMigrations(repoPaths.migrationsDir)).map((m) => m.name))
        expect(first.seed).toBe('seeded')
        const api = createApi(first.url)
        const login = await api.post<{ accessToken: string; refreshToken: string }>('/api/auth/login', {
          body: { username: 'sales1', password: testDemoPassword },
        })
        refreshToken = login.body.refreshToken
        const created = await api.post<{ id: string }>('/api/customers', {
          token: login.body.accessToken,
          body: { name: '重启后仍在' },
        })
        customerId = created.body.id
      } finally {
        await first.close()
      }

      const second = await startServer(options)
      try {
        expect(second.appliedMigrations).toEqual([])
        expect(second.seed).toBe('already-done')
        const api = createApi(second.url)
        // The refresh token and the JWT secret survived the restart too.
        const refreshed = await api.post<{ accessToken: string }>('/api/auth/refresh', { body: { refreshToken } })
        expect(refreshed.status).toBe(200)
        const fetched = await api.get<{ name: string }>(`/api/customers/${customerId}`, { token: refreshed.body.accessToken })
        expect(fetched.body.name).toBe('重启后仍在')
        const adminToken = (
          await api.post<{ accessToken: string }>('/api/auth/login', { body: { username: 'admin', password: options.adminPassword } })
        ).body.accessToken
        const all = await api.get<{ total: number }>('/api/customers?limit=1', { token: adminToken })
        expect(all.body.total).toBe(201)
      } finally {
        await second.close()
      }
    } finally {
      await dataDir.remove()
    }
  })
})
