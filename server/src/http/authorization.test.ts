import { readFileSync } from 'node:fs'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { builtInRoleKeys, builtInRoles, isPermission } from '../auth/permissions.js'
import { fixtures, type PreparedRequest } from '../test/authorization/fixtures.js'
import { buildWorld, type RoleKey, type Target, type World } from '../test/authorization/world.js'
import { startTestServer, type ApiResponse, type TestServer } from '../test/support.js'
import { startWechatStandIn, type WechatStandIn } from '../test/wechat-stand-in.js'

/**
 * The generated authorisation test: every operation of the committed OpenAPI document, called by a user of each
 * built-in role, on records inside and outside their scope. It proves that no out-of-scope read or write succeeds
 * (404, the record unchanged, nothing of it in any answer) and that no permitted in-scope call is refused.
 */

interface Operation {
  operationId: string
  method: 'get' | 'post' | 'put' | 'patch' | 'delete'
  path: string
  permission: unknown
  customerScope: boolean
}

const document = JSON.parse(readFileSync(new URL('../../openapi.json', import.meta.url), 'utf8')) as {
  paths: Record<string, Record<string, { operationId?: string; 'x-permission'?: unknown; 'x-customer-scope'?: unknown }>>
}
const methods = ['get', 'post', 'put', 'patch', 'delete'] as const
const operations: Operation[] = Object.entries(document.paths).flatMap(([path, item]) =>
  methods.flatMap((method) => {
    const operation = item[method]
    if (operation === undefined) return []
    return [{ operationId: operation.operationId ?? `${method} ${path}`, method, path, permission: operation['x-permission'], customerScope: operation['x-customer-scope'] === true }]
  }),
)

const holds = (role: RoleKey, permission: string) =>
  permission === 'public' || permission === 'authenticated' || role === 'admin' || (builtInRoles[role].permissions as readonly string[]).includes(permission)
const seesEveryCustomer = (role: RoleKey) => builtInRoles[role].scopes.customer === 'all'
const isSuccess = (status: number) => status >= 200 && status < 300

const urlOf = (operation: Operation, request: PreparedRequest) => {
  const path = operation.path.replace(/\{(\w+)\}/g, (_whole, name: string) => {
    const value = request.path?.[name]
    if (value === undefined) throw new Error(`the fixture of ${operation.operationId} gives no path parameter ${name}`)
    return encodeURIComponent(value)
  })
  const query = new URLSearchParams(request.query ?? {}).toString()
  return query === '' ? path : `${path}?${query}`
}

describe('authorisation of every operation in the OpenAPI document', () => {
  let server: TestServer
  let world: World
  let wechat: WechatStandIn | undefined

  beforeAll(async () => {
    // WeChat configured (its API played by the local stand-in), so the WeChat operations run as in production.
    wechat = await startWechatStandIn()
    // Sign-in is rate limited per IP, and every request of this test comes from one.
    server = await startTestServer({
      seedDemo: false,
      rateLimits: { auth: { limit: 100_000, windowSeconds: 60 }, public: { limit: 100_000, windowSeconds: 60 } },
      wechat: { appId: wechat.appId, appSecret: wechat.appSecret, apiBaseUrl: wechat.baseUrl },
    })
    world = await buildWorld(server, { wechat })
  })
  afterAll(async () => {
    await server?.close()
    await wechat?.close()
  })

  it('every operation declares x-permission (a catalogue permission, authenticated or public) and has a fixture', () => {
    const problems = operations.flatMap((operation) => {
      const found: string[] = []
      const { permission } = operation
      if (typeof permission !== 'string' || !(permission === 'public' || permission === 'authenticated' || isPermission(permission))) {
        found.push(`${operation.operationId}: x-permission is ${JSON.stringify(permission)}`)
      }
      if (!(operation.operationId in fixtures)) found.push(`${operation.operationId}: no fixture in src/test/authorization/fixtures.ts`)
      return found
    })
    expect(problems).toEqual([])
    // Fixtures of operations that no longer exist would hide a renamed one.
    expect(Object.keys(fixtures).filter((id) => !operations.some((operation) => operation.operationId === id))).toEqual([])
  })

  const send = (operation: Operation, request: PreparedRequest, token: string): Promise<ApiResponse<unknown>> =>
    server.api[operation.method](urlOf(operation, request), { token: request.token ?? token, body: request.body, headers: request.headers })

  /** One call: what the answer must be, whether the watched record stayed as it was, and that nothing leaked. */
  const exercise = async (operation: Operation, role: RoleKey, target: Target, via: 'session' | 'api key'): Promise<string[]> => {
    const fixture = fixtures[operation.operationId]
    const permission = operation.permission as string
    if (fixture === undefined) return [`no fixture`]
    const actor = via === 'session' ? world.actors[role] : { ...world.actors[role], token: world.apiKeys[role] }
    const permitted = holds(role, permission)
    const request = await fixture({ role, target, world, actor, permitted })
    if (request === null) return target === 'in' ? ['the fixture has no in-scope request'] : []
    // Across (an out-of-scope record under an in-scope customer's path) is wrong for every role.
    const inScope = target === 'in' || (target === 'out' && seesEveryCustomer(role))
    const refused = !permitted || !inScope
    const before = request.watch === undefined || !refused ? undefined : await world.snapshot(request.watch)
    const otherBefore = request.unchanged === undefined || !refused ? undefined : await request.unchanged()

    const response = await send(operation, request, actor.token)
    const label = `${role}${via === 'api key' ? ' (API key)' : ''} × ${target}: ${operation.method.toUpperCase()} ${urlOf(operation, request)} → ${response.status}`
    const problems: string[] = []
    const body = typeof response.body === 'string' ? response.body : JSON.stringify(response.body)
    if (!permitted) {
      const allowed = target === 'in' ? [403] : [403, 404]
      if (!allowed.includes(response.status)) problems.push(`${label}, expected ${allowed.join(' or ')} (lacks ${permission}) ${body.slice(0, 200)}`)
    } else if (inScope) {
      if (!isSuccess(response.status)) problems.push(`${label}, expected 2xx (permitted, in scope): ${body.slice(0, 300)}`)
    } else if (request.hidden === true) {
      if (!isSuccess(response.status) && response.status !== 404) problems.push(`${label}, expected 2xx without the record, or 404`)
    } else if (!(request.refusals ?? [404]).includes(response.status)) {
      problems.push(`${label}, expected ${(request.refusals ?? [404]).join(' or ')} (${target === 'out' ? 'out of scope' : 'across'}): ${body.slice(0, 200)}`)
    }
    if (before !== undefined && request.watch !== undefined) {
      const after = await world.snapshot(request.watch)
      if (JSON.stringify(after) !== JSON.stringify(before)) problems.push(`${label}: the refused call changed customer ${request.watch}`)
    }
    if (otherBefore !== undefined && request.unchanged !== undefined && JSON.stringify(await request.unchanged()) !== JSON.stringify(otherBefore)) {
      problems.push(`${label}: the refused call changed what it must not`)
    }
    if (!seesEveryCustomer(role)) {
      if (body.includes(world.marker)) problems.push(`${label}: the answer shows an out-of-scope customer's name or source`)
      if (request.allowOutIds !== true) {
        const leaked = [...world.outIds].filter((id) => body.includes(id))
        if (leaked.length > 0) problems.push(`${label}: the answer holds out-of-scope customer ids ${leaked.join(', ')}`)
      }
    }
    return problems
  }

  describe.each(operations.map((operation) => [operation.operationId, operation] as const))('%s', (_id, operation) => {
    it('answers each role as its permission and scope say', async () => {
      expect(operation.operationId in fixtures, `no fixture for ${operation.operationId}`).toBe(true)
      // Across: a related record of another customer under an in-scope path, or another user's own record (a saved
      // view, a session); fixtures that have no such variant return null.
      const targets: Target[] = operation.customerScope ? ['in', 'out', 'cross'] : ['in', 'cross']
      const problems: string[] = []
      for (const role of builtInRoleKeys) {
        for (const target of targets) problems.push(...(await exercise(operation, role, target, 'session')))
      }
      // API keys act with their role's permissions and scope: every customer operation is walked with them too.
      if (operation.customerScope) {
        for (const role of builtInRoleKeys) {
          for (const target of targets) problems.push(...(await exercise(operation, role, target, 'api key')))
        }
      }
      expect(problems).toEqual([])
    })
  })
})
