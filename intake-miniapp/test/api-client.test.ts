import { beforeEach, describe, expect, it, vi } from 'vitest'
import type { HttpRequest, HttpResponse } from '../src/api/transport'

// The client is exercised against a scripted transport and an in-memory Taro storage.
const storage = new Map<string, unknown>()
vi.mock('@tarojs/taro', () => ({
  default: {
    getStorageSync: (key: string) => storage.get(key) ?? '',
    setStorageSync: (key: string, value: unknown) => storage.set(key, value),
    removeStorageSync: (key: string) => storage.delete(key),
    getAppBaseInfo: () => ({ language: 'zh_CN' }),
  },
}))

const sent: HttpRequest[] = []
let replies: HttpResponse[] = []
vi.mock('../src/api/transport', () => ({
  sendHttp: async (request: HttpRequest): Promise<HttpResponse> => {
    sent.push(request)
    const reply = replies.shift()
    if (!reply) throw new Error(`no scripted reply for ${request.method} ${request.url}`)
    return reply
  },
}))

const goToLogin = vi.fn()
vi.mock('../src/routes', () => ({ goToLogin: (options: { expired?: boolean }) => goToLogin(options) }))

const { ApiError, apiRequest, buildUrl } = await import('../src/api/client')
const { AUTH_STORAGE_KEY } = await import('../src/auth/session')

const user = {
  id: '7d7c1f5e-0000-4000-8000-000000000001',
  username: 'sales1',
  displayName: '李娜',
  role: 'sales' as const,
  roleId: '7d7c1f5e-0000-4000-8000-0000000000r1',
  roleName: '销售',
  teamId: '7d7c1f5e-0000-4000-8000-0000000000t1',
  permissions: ['customer:read' as const, 'customer:create' as const, 'customer:update' as const],
  scopes: { customer: 'own' as const, audit: 'own' as const },
  passwordChangeRequired: false,
}
const signedIn = { accessToken: 'access-1', refreshToken: 'refresh-1', user }
const customer = {
  id: '7d7c1f5e-0000-4000-8000-0000000000aa',
  name: '陈晓明',
  gender: 'male',
  phone: null,
  email: null,
  province: null,
  city: null,
  tags: [],
  notes: null,
  owner: { id: user.id, displayName: user.displayName },
  createdAt: '2026-11-23T00:00:00.000Z',
  updatedAt: '2026-11-23T00:00:00.000Z',
}
const unauthenticated = { status: 401, data: { code: 'UNAUTHENTICATED', message: '请先登录', details: [] } }

beforeEach(() => {
  storage.clear()
  sent.length = 0
  replies = []
  goToLogin.mockReset()
})

describe('apiRequest', () => {
  it('sends the bearer token and the language, and returns the body', async () => {
    storage.set(AUTH_STORAGE_KEY, signedIn)
    replies = [{ status: 201, data: customer }]

    const created = await apiRequest('post', '/api/customers', { body: { name: '陈晓明', gender: 'male' } })

    expect(created.name).toBe('陈晓明')
    expect(sent[0]).toMatchObject({
      method: 'post',
      url: '/api/customers',
      body: { name: '陈晓明', gender: 'male' },
      headers: { Authorization: 'Bearer access-1', 'Accept-Language': 'zh-CN', 'Content-Type': 'application/json' },
    })
  })

  it('refreshes once on 401, keeps the new tokens and retries with them', async () => {
    storage.set(AUTH_STORAGE_KEY, signedIn)
    const renewed = { accessToken: 'access-2', refreshToken: 'refresh-2', user }
    replies = [unauthenticated, { status: 200, data: renewed }, { status: 201, data: customer }]

    await apiRequest('post', '/api/customers', { body: { name: '陈晓明' } })

    expect(sent.map((request) => [request.url, request.headers.Authorization])).toEqual([
      ['/api/customers', 'Bearer access-1'],
      ['/api/auth/refresh', undefined],
      ['/api/customers', 'Bearer access-2'],
    ])
    expect(sent[1].body).toEqual({ refreshToken: 'refresh-1' })
    expect(storage.get(AUTH_STORAGE_KEY)).toEqual(renewed)
    expect(goToLogin).not.toHaveBeenCalled()
  })

  it('goes back to login when the refresh fails, without a second refresh', async () => {
    storage.set(AUTH_STORAGE_KEY, signedIn)
    replies = [unauthenticated, unauthenticated]

    await expect(apiRequest('get', '/api/me', {})).rejects.toMatchObject({ status: 401, code: 'UNAUTHENTICATED' })

    expect(sent).toHaveLength(2)
    expect(storage.has(AUTH_STORAGE_KEY)).toBe(false)
    expect(goToLogin).toHaveBeenCalledWith({ expired: true })
  })

  it('goes back to login when the retried call is refused again', async () => {
    storage.set(AUTH_STORAGE_KEY, signedIn)
    replies = [unauthenticated, { status: 200, data: { ...signedIn, accessToken: 'access-2' } }, unauthenticated]

    await expect(apiRequest('get', '/api/me', {})).rejects.toBeInstanceOf(ApiError)

    expect(sent).toHaveLength(3)
    expect(goToLogin).toHaveBeenCalledWith({ expired: true })
  })

  it('reports wrong credentials on login without trying to refresh', async () => {
    replies = [{ status: 401, data: { code: 'INVALID_CREDENTIALS', message: '用户名或密码错误', details: [] } }]

    await expect(
      apiRequest('post', '/api/auth/login', { body: { username: 'sales1', password: 'nope' }, authenticated: false }),
    ).rejects.toMatchObject({ code: 'INVALID_CREDENTIALS', message: '用户名或密码错误' })

    expect(sent).toHaveLength(1)
    expect(sent[0].headers.Authorization).toBeUndefined()
    expect(goToLogin).not.toHaveBeenCalled()
  })

  it('passes the field errors of a 422 on', async () => {
    storage.set(AUTH_STORAGE_KEY, signedIn)
    const details = [{ field: 'phones.0.number', message: '请输入有效的电话号码' }]
    replies = [{ status: 422, data: { code: 'VALIDATION_FAILED', message: '请求参数有误', details } }]

    const failure = await apiRequest('post', '/api/customers', { body: { name: '陈', phones: [{ type: 'mobile', number: '1', primary: true }] } }).catch(
      (error: unknown) => error,
    )

    expect(failure).toBeInstanceOf(ApiError)
    expect(failure).toMatchObject({ status: 422, code: 'VALIDATION_FAILED', details })
  })

  it('sends the language the user chose', async () => {
    storage.set(AUTH_STORAGE_KEY, signedIn)
    const { setLanguage } = await import('../src/i18n/language')
    setLanguage('en-US')
    replies = [{ status: 200, data: user }]

    await apiRequest('get', '/api/me', {})

    expect(sent[0].headers['Accept-Language']).toBe('en-US')
    expect(storage.get('kezhi.intake.lang')).toBe('en-US')
    setLanguage('zh-CN')
  })
})

describe('extra request headers', () => {
  it('sends the Idempotency-Key and the time limit with the request, alongside its own headers', async () => {
    storage.set(AUTH_STORAGE_KEY, signedIn)
    replies = [{ status: 201, data: customer }]

    await apiRequest('post', '/api/customers', {
      body: { name: '陈晓明' },
      headers: { 'Idempotency-Key': 'ik_0123456789abcdef' },
      timeoutMs: 15_000,
    })

    expect(sent[0].headers).toMatchObject({
      'Idempotency-Key': 'ik_0123456789abcdef',
      Authorization: 'Bearer access-1',
      'Accept-Language': 'zh-CN',
    })
    expect(sent[0].timeoutMs).toBe(15_000)
  })

  it('keeps the extra headers on the retry after a refresh', async () => {
    storage.set(AUTH_STORAGE_KEY, signedIn)
    replies = [unauthenticated, { status: 200, data: { ...signedIn, accessToken: 'access-2', refreshToken: 'refresh-2' } }, { status: 201, data: customer }]

    await apiRequest('post', '/api/customers', { body: { name: '陈晓明' }, headers: { 'Idempotency-Key': 'ik_retry_after_refresh' } })

    expect(sent.map((request) => request.url)).toEqual(['/api/customers', '/api/auth/refresh', '/api/customers'])
    expect(sent[2].headers).toMatchObject({ 'Idempotency-Key': 'ik_retry_after_refresh', Authorization: 'Bearer access-2' })
    expect(sent[1].headers['Idempotency-Key']).toBeUndefined()
  })

  it('cannot replace the bearer token through extra headers', async () => {
    storage.set(AUTH_STORAGE_KEY, signedIn)
    replies = [{ status: 200, data: { items: [] } }]

    await apiRequest('get', '/api/tags', { headers: { Authorization: 'Bearer forged' } })

    expect(sent[0].headers.Authorization).toBe('Bearer access-1')
  })
})

describe('buildUrl', () => {
  it('fills path parameters and appends the query', () => {
    expect(buildUrl('/api/customers/{id}', { id: 'a b' }, undefined)).toBe('/api/customers/a%20b')
    expect(buildUrl('/api/customers', undefined, { keyword: '陈', page: 2, pageSize: undefined })).toBe(
      '/api/customers?keyword=%E9%99%88&page=2',
    )
  })
})
