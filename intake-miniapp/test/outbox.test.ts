import { beforeEach, describe, expect, it, vi } from 'vitest'
import type { HttpRequest, HttpResponse } from '../src/api/transport'
import { storage } from './support/taro-storage'

vi.mock('@tarojs/taro', async () => (await import('./support/taro-storage')).taroStorageModule())

// The network: each request takes the next scripted outcome, an answer or a lost connection.
type Outcome = HttpResponse | 'no answer'
const sent: HttpRequest[] = []
let outcomes: Outcome[] = []
vi.mock('../src/api/transport', () => ({
  sendHttp: async (request: HttpRequest): Promise<HttpResponse> => {
    sent.push(request)
    const outcome = outcomes.shift()
    if (!outcome) throw new Error(`no scripted outcome for ${request.method} ${request.url}`)
    if (outcome === 'no answer') throw { errMsg: 'request:fail' }
    return outcome
  },
}))
vi.mock('../src/routes', () => ({ goToLogin: () => undefined }))

const { ApiError } = await import('../src/api/client')
const { AUTH_STORAGE_KEY } = await import('../src/auth/session')
const { emptyCustomerForm } = await import('../src/register/customer-form')
const { OUTBOX_STORAGE_KEY, discardOutboxItem, enqueueSubmission, failureKind, flushOutbox, outboxOf, readOutbox, takeOutboxItem } =
  await import('../src/outbox/outbox')

const LINA = 'user-lina'
const ZHANGWEI = 'user-zhangwei'
const session = (userId: string) => ({
  accessToken: `access-${userId}`,
  refreshToken: `refresh-${userId}`,
  user: { id: userId, displayName: '李娜', permissions: ['customer:create'] },
})
const created = (name: string): HttpResponse => ({ status: 201, data: { id: `customer-${name}`, name } })
const duplicate: HttpResponse = {
  status: 409,
  data: {
    code: 'CUSTOMER_DUPLICATE',
    message: '该手机号已被其他客户使用',
    details: [{ field: 'phones.0.number', message: '该手机号已被其他客户使用', existingCustomerId: 'customer-old' }],
  },
}

function submission(key: string, name: string, userId = LINA) {
  const form = { ...emptyCustomerForm('杭州西湖店'), name }
  return { key, userId, body: { name, gender: 'unknown' as const }, phoneRows: [], form }
}

const keysSent = () => sent.map((request) => request.headers['Idempotency-Key'])

beforeEach(() => {
  storage.clear()
  sent.length = 0
  outcomes = []
  storage.set(AUTH_STORAGE_KEY, session(LINA))
  // Module state is rebuilt from storage; start each story with an empty outbox in both.
  for (const item of readOutbox()) discardOutboxItem(item.key)
})

describe('the outbox', () => {
  it('keeps a submission that got no answer, with its key, for the staff member who made it', () => {
    enqueueSubmission(submission('ik_first_attempt_1', '陈晓明'), new Date('2026-11-24T02:00:00Z'))

    const [item] = outboxOf(readOutbox(), LINA)
    expect(item).toMatchObject({ key: 'ik_first_attempt_1', state: 'waiting', attempts: 1, createdAt: '2026-11-24T02:00:00.000Z' })
    expect(storage.get(OUTBOX_STORAGE_KEY)).toHaveLength(1)
    expect(outboxOf(readOutbox(), ZHANGWEI)).toEqual([])
  })

  it('resends when the network is back and forgets the submission on 201', async () => {
    enqueueSubmission(submission('ik_resend_ok_001', '陈晓明'))
    outcomes = [created('陈晓明')]

    const result = await flushOutbox(LINA)

    expect(result).toMatchObject({ waiting: 0, attention: 0 })
    expect(result.sent.map((customer) => customer.name)).toEqual(['陈晓明'])
    expect(sent[0]).toMatchObject({ method: 'post', url: '/api/customers', body: { name: '陈晓明', gender: 'unknown' } })
    expect(readOutbox()).toEqual([])
    expect(storage.has(OUTBOX_STORAGE_KEY)).toBe(false)
  })

  it('sends the same idempotency key on every resend until one is answered', async () => {
    enqueueSubmission(submission('ik_same_key_each_time', '陈晓明'))
    outcomes = ['no answer', { status: 503, data: { code: 'SERVICE_BUSY', message: '服务繁忙', details: [] } }, created('陈晓明')]

    expect(await flushOutbox(LINA)).toMatchObject({ waiting: 1 })
    expect(await flushOutbox(LINA)).toMatchObject({ waiting: 1 })
    expect(outboxOf(readOutbox(), LINA)[0].attempts).toBe(3)
    expect(await flushOutbox(LINA)).toMatchObject({ waiting: 0 })

    expect(keysSent()).toEqual(['ik_same_key_each_time', 'ik_same_key_each_time', 'ik_same_key_each_time'])
  })

  it('marks a resend the server refuses as a duplicate for attention and stops resending it', async () => {
    enqueueSubmission(submission('ik_duplicate_0001', '陈晓明'))
    outcomes = [duplicate]

    expect(await flushOutbox(LINA)).toMatchObject({ waiting: 0, attention: 1 })
    const [item] = outboxOf(readOutbox(), LINA)
    expect(item.state).toBe('attention')
    expect(item.problem).toMatchObject({ status: 409, code: 'CUSTOMER_DUPLICATE', details: [{ existingCustomerId: 'customer-old' }] })

    await flushOutbox(LINA)
    expect(sent).toHaveLength(1)
  })

  it('marks a validation refusal for attention too, keeping the field errors', async () => {
    enqueueSubmission(submission('ik_validation_01', '陈晓明'))
    outcomes = [{ status: 422, data: { code: 'VALIDATION_FAILED', message: '请求数据无效', details: [{ field: 'phones.0.number', message: '手机号无效' }] } }]

    await flushOutbox(LINA)

    expect(outboxOf(readOutbox(), LINA)[0]).toMatchObject({ state: 'attention', problem: { code: 'VALIDATION_FAILED', details: [{ field: 'phones.0.number' }] } })
  })

  it('waits for the next round after a lost connection instead of trying the rest', async () => {
    enqueueSubmission(submission('ik_older_one_001', '陈晓明'))
    enqueueSubmission(submission('ik_newer_one_001', '王芳'))
    outcomes = ['no answer']

    expect(await flushOutbox(LINA)).toMatchObject({ waiting: 2 })
    expect(keysSent()).toEqual(['ik_older_one_001'])

    outcomes = [created('陈晓明'), created('王芳')]
    expect(await flushOutbox(LINA)).toMatchObject({ waiting: 0 })
    expect(keysSent()).toEqual(['ik_older_one_001', 'ik_older_one_001', 'ik_newer_one_001'])
  })

  it("never sends a colleague's waiting submission with this staff member's session", async () => {
    enqueueSubmission(submission('ik_colleague_0001', '王芳', ZHANGWEI))

    expect(await flushOutbox(LINA)).toEqual({ sent: [], waiting: 0, attention: 0 })
    expect(sent).toEqual([])
    expect(outboxOf(readOutbox(), ZHANGWEI)).toHaveLength(1)
  })

  it('shares one round between calls that arrive while it runs (online event, timer and button at once)', async () => {
    enqueueSubmission(submission('ik_one_round_only', '陈晓明'))
    outcomes = [created('陈晓明')]

    const [first, second] = await Promise.all([flushOutbox(LINA), flushOutbox(LINA)])

    expect(first).toBe(second)
    expect(sent).toHaveLength(1)
  })

  it('gives a submission back to open in the form, leaving the outbox', () => {
    enqueueSubmission(submission('ik_open_again_01', '陈晓明'))

    expect(takeOutboxItem('ik_open_again_01')?.form.name).toBe('陈晓明')
    expect(readOutbox()).toEqual([])
  })
})

describe('what a failed submission means', () => {
  it('retries what never got an answer, server trouble, rate limits and an expired session', () => {
    for (const status of [0, 500, 502, 503, 429, 408, 401]) {
      expect(failureKind(new ApiError(status, status ? 'INTERNAL_ERROR' : 'NETWORK_ERROR', '')), String(status)).toBe('retry')
    }
  })

  it('leaves refusals to a person', () => {
    for (const [status, code] of [[422, 'VALIDATION_FAILED'], [409, 'CUSTOMER_DUPLICATE'], [403, 'FORBIDDEN']] as const) {
      expect(failureKind(new ApiError(status, code, '')), code).toBe('refused')
    }
  })
})
