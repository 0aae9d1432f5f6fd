import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { startTestServer, type TestServer, type ErrorBody } from '../../test/support.js'


describe('preferences and the user list', () => {
  let server: TestServer
  let sales1: string
  let sales2: string

  beforeAll(async () => {
    server = await startTestServer()
    ;[sales1, sales2] = await Promise.all([server.login('sales1'), server.login('sales2')])
  })
  afterAll(() => server.close())

  const url = '/api/me/preferences/customers.columns'

  it('a user keeps her column settings; unset reads as null; null clears; others do not see them', async () => {
    expect((await server.api.get(url, { token: sales1 })).body).toEqual({ key: 'customers.columns', value: null })
    const value = { order: ['name', 'primaryPhone', 'owner'], hidden: ['email'], widths: { name: 160 } }
    const saved = await server.api.put(url, { token: sales1, body: { value } })
    expect(saved.status).toBe(200)
    expect(saved.body).toEqual({ key: 'customers.columns', value })
    expect((await server.api.get(url, { token: sales1 })).body).toEqual({ key: 'customers.columns', value })
    expect((await server.api.get(url, { token: sales2 })).body).toEqual({ key: 'customers.columns', value: null })

    // Any JSON value: replacing with a list, then a string.
    expect((await server.api.put(url, { token: sales1, body: { value: ['a', 1, true] } })).body).toEqual({ key: 'customers.columns', value: ['a', 1, true] })
    expect((await server.api.put(url, { token: sales1, body: { value: 'compact' } })).body).toEqual({ key: 'customers.columns', value: 'compact' })
    expect((await server.api.put(url, { token: sales1, body: { value: null } })).body).toEqual({ key: 'customers.columns', value: null })
    expect((await server.api.get(url, { token: sales1 })).body).toEqual({ key: 'customers.columns', value: null })
  })

  it('refuses values over 16 KB, missing values, bad keys and anonymous callers', async () => {
    const big = await server.api.put<ErrorBody>(url, { token: sales1, body: { value: 'x'.repeat(16 * 1024) } })
    expect(big.status).toBe(422)
    expect(big.body.details).toEqual([{ field: 'value', message: '内容不能超过 16 KB' }])
    const fits = await server.api.put(url, { token: sales1, body: { value: 'x'.repeat(16 * 1024 - 2) } })
    expect(fits.status).toBe(200)
    const missing = await server.api.put<ErrorBody>(url, { token: sales1, body: {} })
    expect(missing.body.details).toEqual([{ field: 'value', message: '必填' }])
    const badKey = await server.api.put<ErrorBody>('/api/me/preferences/%20bad%20key', { token: sales1, body: { value: 1 } })
    expect(badKey.status).toBe(422)
    expect(badKey.body.details[0]?.field).toBe('key')
    expect((await server.api.get(url)).status).toBe(401)
    expect((await server.api.put(url, { body: { value: 1 } })).status).toBe(401)
  })

  it('lists the active staff for owner pickers, to everyone signed in', async () => {
    const listed = await server.api.get<{ items: { username: string; displayName: string; teamId: string }[] }>('/api/users', { token: sales2 })
    expect(listed.status).toBe(200)
    expect(listed.body.items.map((user) => user.username).sort()).toEqual(['admin', 'manager', 'sales1', 'sales2', 'service1'])
    // Exactly the picker's needs: nothing about roles, security state or passwords.
    expect(listed.body.items.find((user) => user.username === 'sales1')).toEqual({
      id: expect.any(String), username: 'sales1', displayName: '李娜', teamId: expect.any(String),
    })
    expect(JSON.stringify(listed.body)).not.toContain('password')
    expect((await server.api.get('/api/users')).status).toBe(401)
  })
})
