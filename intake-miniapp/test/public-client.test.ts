import { beforeEach, describe, expect, it, vi } from 'vitest'
import type { HttpRequest, HttpResponse } from '../src/api/transport'

// Our public client against a scripted transport (answers as the contract documents them) and an in-memory
// Taro storage. Photo uploads go through a recording uploader in place of WeChat's / the browser's.
const storage = new Map<string, unknown>()
vi.mock('@tarojs/taro', () => ({
  default: {
    getStorageSync: (key: string) => storage.get(key) ?? '',
    setStorageSync: (key: string, value: unknown) => storage.set(key, value),
    removeStorageSync: (key: string) => storage.delete(key),
    getAppBaseInfo: () => ({ language: 'zh_CN' }),
  },
}))

type Reply = HttpResponse | 'offline'
const sent: HttpRequest[] = []
let replies: Reply[] = []
vi.mock('../src/api/transport', () => ({
  sendHttp: async (request: HttpRequest): Promise<HttpResponse> => {
    sent.push(request)
    const reply = replies.shift()
    if (!reply) throw new Error(`no scripted reply for ${request.method} ${request.url}`)
    if (reply === 'offline') throw { errMsg: 'request:fail timeout' }
    return reply
  },
}))

const { ApiError } = await import('../src/api/client')
const { DEVICE_STORAGE_KEY } = await import('../src/public/device-id')
const { PublicFormSession, isDeadChannel } = await import('../src/public/form-session')
const { PhotoUploads } = await import('../src/public/photo-uploads')
const { SubmissionKey } = await import('../src/public/submission-key')
const { sendFeedback, sendRegistration } = await import('../src/public/submissions')
const { emptyFeedbackForm } = await import('../src/public/feedback-form')
type PickedPhoto = import('../src/public/photos').PickedPhoto

const DEVICE = 'dev1ce_ID-0123456789abcdefghijkl'
const CHANNEL_TOKEN = 'k3J9xQ2b.Zm9vYmFyYmF6'
const limits = { maxPhotos: 3, maxPhotoBytes: 5242880, photoTypes: ['image/jpeg', 'image/png', 'image/webp'], maxTextLength: 2000 }
const opening = (formToken: string): HttpResponse => ({
  status: 200,
  data: {
    channel: { kind: 'feedback', storeName: '杭州西湖店', staffName: '李娜' },
    formToken,
    expiresAt: '2026-11-23T10:30:00.000Z',
    limits,
  },
})
const failure = (status: number, code: string, details: unknown[] = []): HttpResponse => ({
  status,
  data: { code, message: code, details },
})
const receipt: HttpResponse = { status: 201, data: { number: 1024, receivedAt: '2026-11-23T10:05:00.000Z' } }
const form = { ...emptyFeedbackForm(), rating: 5, category: 'service' as const, text: '服务很好' }

function recordingUploader() {
  const calls: Array<{ localId: string; formToken: string }> = []
  const failures: Array<InstanceType<typeof ApiError>> = []
  const upload = async (photo: PickedPhoto, formToken: string) => {
    calls.push({ localId: photo.localId, formToken })
    const failureNow = failures.shift()
    if (failureNow) throw failureNow
    return { id: `${photo.localId}@${formToken}`, contentType: 'image/jpeg' as const, byteSize: 1000 }
  }
  return { calls, failures, upload }
}
const picked = (localId: string): PickedPhoto => ({
  localId,
  source: `wxfile://${localId}.jpg`,
  previewUrl: `wxfile://${localId}.jpg`,
  contentType: 'image/jpeg',
  byteSize: 1000,
  fileName: `${localId}.jpg`,
})

async function openSession(formToken = 'form-1') {
  replies = [opening(formToken)]
  const session = await PublicFormSession.open(CHANNEL_TOKEN)
  sent.length = 0
  return session
}

beforeEach(() => {
  storage.clear()
  storage.set(DEVICE_STORAGE_KEY, DEVICE)
  sent.length = 0
  replies = []
})

describe('opening a channel', () => {
  it('asks for the channel with the device id and the language, no session', async () => {
    replies = [opening('form-1')]

    const session = await PublicFormSession.open(CHANNEL_TOKEN)

    expect(session.channel.storeName).toBe('杭州西湖店')
    expect(session.formToken).toBe('form-1')
    expect(sent[0]?.method).toBe('get')
    expect(sent[0]?.url).toBe(`/api/public/channels/${encodeURIComponent(CHANNEL_TOKEN)}`)
    expect(sent[0]?.headers).toEqual({ 'Accept-Language': 'zh-CN', 'X-Device-Id': DEVICE })
  })

  it.each([
    [403, 'CHANNEL_TOKEN_INVALID'],
    [410, 'CHANNEL_EXPIRED'],
  ])('reports a %s %s as a dead channel', async (status, code) => {
    replies = [failure(status, code)]

    const error = await PublicFormSession.open(CHANNEL_TOKEN).catch((caught: unknown) => caught)

    expect(isDeadChannel(error)).toBe(true)
  })

  it('does not take a rate limit for a dead channel', async () => {
    replies = [failure(429, 'RATE_LIMITED')]

    const error = await PublicFormSession.open(CHANNEL_TOKEN).catch((caught: unknown) => caught)

    expect(isDeadChannel(error)).toBe(false)
    expect(error).toMatchObject({ code: 'RATE_LIMITED' })
  })
})

describe('submitting feedback', () => {
  it('sends the form token, the device id and the idempotency key with the body', async () => {
    const session = await openSession()
    const { upload } = recordingUploader()
    replies = [receipt]

    const answer = await sendFeedback({ session, uploads: new PhotoUploads(session, upload), idempotencyKey: 'key-00000001', form, photos: [] })

    expect(answer.number).toBe(1024)
    expect(sent[0]).toMatchObject({
      method: 'post',
      url: '/api/public/feedback',
      body: { rating: 5, category: 'service', text: '服务很好' },
      headers: {
        'X-Form-Token': 'form-1',
        'X-Device-Id': DEVICE,
        'Idempotency-Key': 'key-00000001',
        'Content-Type': 'application/json',
      },
    })
  })

  it('fetches a new form token when the old one expired and sends again once, with the same key', async () => {
    const session = await openSession('form-old')
    const { upload } = recordingUploader()
    replies = [failure(410, 'FORM_TOKEN_EXPIRED'), opening('form-new'), receipt]

    const answer = await sendFeedback({ session, uploads: new PhotoUploads(session, upload), idempotencyKey: 'key-00000002', form, photos: [] })

    expect(answer.number).toBe(1024)
    expect(sent.map((request) => `${request.method} ${request.url}`)).toEqual([
      'post /api/public/feedback',
      `get /api/public/channels/${encodeURIComponent(CHANNEL_TOKEN)}`,
      'post /api/public/feedback',
    ])
    expect(sent[2]?.headers['X-Form-Token']).toBe('form-new')
    expect(sent[2]?.headers['Idempotency-Key']).toBe('key-00000002')
    expect(session.formToken).toBe('form-new')
  })

  it('gives up after one renewal when the new token is refused too', async () => {
    const session = await openSession()
    const { upload } = recordingUploader()
    replies = [failure(410, 'FORM_TOKEN_EXPIRED'), opening('form-2'), failure(410, 'FORM_TOKEN_EXPIRED')]

    const error = await sendFeedback({ session, uploads: new PhotoUploads(session, upload), idempotencyKey: 'key-00000003', form, photos: [] }).catch(
      (caught: unknown) => caught,
    )

    expect(error).toMatchObject({ code: 'FORM_TOKEN_EXPIRED' })
    expect(sent).toHaveLength(3)
  })

  it('tells a channel that died meanwhile apart, without renewing', async () => {
    const session = await openSession()
    const { upload } = recordingUploader()
    replies = [failure(410, 'CHANNEL_EXPIRED')]

    const error = await sendFeedback({ session, uploads: new PhotoUploads(session, upload), idempotencyKey: 'key-00000004', form, photos: [] }).catch(
      (caught: unknown) => caught,
    )

    expect(isDeadChannel(error)).toBe(true)
    expect(sent).toHaveLength(1)
  })

  it('after a network failure, pressing submit again sends the same idempotency key', async () => {
    const session = await openSession()
    const { upload } = recordingUploader()
    const uploads = new PhotoUploads(session, upload)
    const submission = new SubmissionKey()
    replies = ['offline', receipt]

    const firstKey = submission.keyFor({ form, photos: [] })
    const error = await sendFeedback({ session, uploads, idempotencyKey: firstKey, form, photos: [] }).catch((caught: unknown) => caught)
    expect(error).toMatchObject({ code: 'NETWORK_ERROR', status: 0 })
    const retryKey = submission.keyFor({ form, photos: [] })
    await sendFeedback({ session, uploads, idempotencyKey: retryKey, form, photos: [] })

    expect(retryKey).toBe(firstKey)
    expect(firstKey).toMatch(/^[A-Za-z0-9_-]{8,100}$/)
    expect(sent.map((request) => request.headers['Idempotency-Key'])).toEqual([firstKey, firstKey])
  })

  it('makes a new key for edited content and after a submission went through', () => {
    const submission = new SubmissionKey()
    const first = submission.keyFor({ form, photos: [] })

    expect(submission.keyFor({ form: { ...form, text: '服务很好！' }, photos: [] })).not.toBe(first)
    const current = submission.keyFor({ form, photos: [] })
    submission.settle()
    expect(submission.keyFor({ form, photos: [] })).not.toBe(current)
  })

  it('uploads photos once per form token and again under a renewed one', async () => {
    const session = await openSession('form-old')
    const { calls, upload } = recordingUploader()
    const uploads = new PhotoUploads(session, upload)
    const photos = [picked('a'), picked('b')]
    await uploads.add(photos[0]!, 1)
    await uploads.add(photos[1]!, 2)
    replies = [failure(410, 'FORM_TOKEN_EXPIRED'), opening('form-new'), receipt]

    await sendFeedback({ session, uploads, idempotencyKey: 'key-00000005', form, photos })

    expect(calls).toEqual([
      { localId: 'a', formToken: 'form-old' },
      { localId: 'b', formToken: 'form-old' },
      { localId: 'a', formToken: 'form-new' },
      { localId: 'b', formToken: 'form-new' },
    ])
    expect(sent[0]?.body).toMatchObject({ photoIds: ['a@form-old', 'b@form-old'] })
    expect(sent[2]?.body).toMatchObject({ photoIds: ['a@form-new', 'b@form-new'] })
  })

  it('renews the form token when an upload finds it expired', async () => {
    const session = await openSession('form-old')
    const { calls, failures, upload } = recordingUploader()
    failures.push(new ApiError(410, 'FORM_TOKEN_EXPIRED', 'expired'))
    replies = [opening('form-new')]

    const id = await new PhotoUploads(session, upload).add(picked('a'), 1)

    expect(id).toBe('a@form-new')
    expect(calls.map((call) => call.formToken)).toEqual(['form-old', 'form-new'])
  })

  it('starts a fresh form token when the server counts removed photos against the limit', async () => {
    const session = await openSession('form-old')
    const { failures, upload } = recordingUploader()
    failures.push(new ApiError(422, 'TOO_MANY_PHOTOS', 'too many'))
    replies = [opening('form-new')]

    expect(await new PhotoUploads(session, upload).add(picked('d'), 3)).toBe('d@form-new')
  })

  it('passes a refused photo on (type or size)', async () => {
    const session = await openSession()
    const { failures, upload } = recordingUploader()
    failures.push(new ApiError(415, 'PHOTO_TYPE_NOT_ALLOWED', 'type'))

    await expect(new PhotoUploads(session, upload).add(picked('a'), 1)).rejects.toMatchObject({ code: 'PHOTO_TYPE_NOT_ALLOWED' })
  })
})

describe('self-registration', () => {
  it('posts name, phone and consent with the same headers, renewing an expired form token once', async () => {
    const session = await openSession('form-old')
    replies = [failure(410, 'FORM_TOKEN_EXPIRED'), opening('form-new'), { status: 201, data: { received: true } }]

    await sendRegistration(session, 'key-00000006', { name: '陈晓明', phone: '138 0013 8000', consent: true })

    expect(sent[2]).toMatchObject({
      method: 'post',
      url: '/api/public/registrations',
      body: { name: '陈晓明', phone: '13800138000', consent: true },
      headers: { 'X-Form-Token': 'form-new', 'X-Device-Id': DEVICE, 'Idempotency-Key': 'key-00000006' },
    })
  })
})
