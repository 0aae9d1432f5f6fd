import { z } from 'zod'
import type { ZodOpenApiPathsObject } from 'zod-openapi'
import { exampleIds } from '../../http/openapi-examples.js'
import { errorResponses, jsonContent } from '../../http/schemas.js'
import { otherErrorResponses } from '../channels/channels.openapi.js'
import { FeedbackReceipt, FeedbackSubmission, intakeLimits, PhotoReceipt, PublicChannel, RegistrationReceipt, RegistrationSubmission } from './public-intake.schemas.js'

const deviceId = z
  .string()
  .regex(/^[A-Za-z0-9_-]{16,64}$/)
  .meta({
    description: 'Made once per device (16–64 characters `A-Z a-z 0-9 _ -`) and kept; limits are counted per device. Missing or malformed → 422 on `X-Device-Id`.',
    example: 'dev_2f8c1e4b9a7d4c0e8f1a',
  })
const formToken = z.string().meta({ description: 'The `formToken` of GET /api/public/channels/{token}: names the channel and this device; expires' })
const idempotencyKey = z
  .string()
  .regex(/^[A-Za-z0-9_-]{8,100}$/)
  .optional()
  .meta({
    description:
      'Made once per submission and sent again with every retry: the same key and body answer as the first time (201, `Idempotent-Replayed: true`) without creating anything; another body → 422 `IDEMPOTENCY_KEY_REUSED`. Keys belong to the device and are kept 7 days.',
  })

const formTokenExample = [
  Buffer.from(JSON.stringify({ alg: 'HS256', typ: 'JWT' })).toString('base64url'),
  Buffer.from(JSON.stringify({ ch: exampleIds.channel, v: 1, dev: 'Jr0k3nP9x1vQ7hYt2LmE5a', aud: 'kezhi-form', jti: '3f9c1a7e-2b4d-4e6f-8a1c-5d7e9f0b2c4e', iat: 1764045489, exp: 1764049089 })).toString('base64url'),
  'mQ3vT8zL1pX6wR9kB2nY5cF0hJ4sD7gA1eU3iO6tK8w',
].join('.')
const openedChannel: z.input<typeof PublicChannel> = {
  channel: { kind: 'feedback', storeName: '杭州西湖店', staffName: '李娜' },
  formToken: formTokenExample,
  expiresAt: '2025-11-25T05:38:09.000Z',
  limits: intakeLimits,
}
const feedbackSubmission: z.input<typeof FeedbackSubmission> = {
  rating: 4,
  nps: 9,
  category: 'service',
  text: '安装师傅很专业，就是预约等了三天，希望以后能快一点。',
  photoIds: [exampleIds.photo],
  phone: '138 1234 5678',
  contactConsent: true,
}

const DeviceHeader = z.object({ 'X-Device-Id': deviceId })
const SubmissionHeaders = z.object({ 'X-Device-Id': deviceId, 'X-Form-Token': formToken, 'Idempotency-Key': idempotencyKey })
const UploadHeaders = z.object({ 'X-Device-Id': deviceId, 'X-Form-Token': formToken })
const ReplayedHeader = z.object({
  'Idempotent-Replayed': z.literal('true').optional().meta({ description: 'The answer repeats an earlier request with the same Idempotency-Key' }),
})

const formRefusals = otherErrorResponses({
  '403': 'The form token is forged, of another device or of another kind of channel (`FORM_TOKEN_INVALID`)',
  '410': 'The form token expired (`FORM_TOKEN_EXPIRED`) or the channel was disabled, deleted or reissued meanwhile (`CHANNEL_EXPIRED`)',
  '503': 'Too many public submissions at once (`SERVICE_BUSY`): try again in a moment',
})

export const publicIntakePaths: ZodOpenApiPathsObject = {
  '/api/public/channels/{token}': {
    get: {
      operationId: 'openPublicChannel',
      tags: ['public'],
      summary: 'Open the form of a printed QR code: the store, a form token for this device, the limits',
      'x-permission': 'public',
      security: [],
      requestParams: {
        path: z.object({ token: z.string().meta({ description: 'The channel token of the QR code (`c` or `scene`)' }) }),
        header: DeviceHeader,
      },
      responses: {
        '200': { description: 'The channel as the customer sees it', content: jsonContent(PublicChannel, openedChannel) },
        ...errorResponses(422, 429),
        ...otherErrorResponses({
          '403': 'The token\'s signature does not verify (`CHANNEL_TOKEN_INVALID`)',
          '410': 'The channel was disabled, deleted or reissued, or its end date passed (`CHANNEL_EXPIRED`)',
        }),
      },
    },
  },
  '/api/public/photos': {
    post: {
      operationId: 'uploadPublicPhoto',
      tags: ['public'],
      summary: 'Upload one photo for the feedback form (JPEG, PNG or WebP by content, ≤ 5 MB, ≤ 3 per form)',
      'x-permission': 'public',
      security: [],
      requestParams: { header: UploadHeaders },
      requestBody: {
        required: true,
        content: {
          'multipart/form-data': {
            schema: z.object({ photo: z.string().meta({ description: 'The image file', format: 'binary' }) }),
            // A file part has no JSON form: the docs show its name, the client sends the bytes.
            example: { photo: 'IMG_20251124_121530.jpg' },
          },
        },
      },
      responses: {
        '201': { description: 'Stored; send its id in `photoIds`', content: jsonContent(PhotoReceipt, { id: exampleIds.photo, contentType: 'image/jpeg', byteSize: 482133 }) },
        ...errorResponses(400, 422, 429),
        ...formRefusals,
        ...otherErrorResponses({
          '413': 'Larger than 5 MB (`PHOTO_TOO_LARGE`)',
          '415': 'Not a JPEG, PNG or WebP image (`PHOTO_TYPE_NOT_ALLOWED`)',
        }),
      },
    },
  },
  '/api/public/feedback': {
    post: {
      operationId: 'submitPublicFeedback',
      tags: ['public'],
      summary: 'Send feedback through a feedback channel; a phone (with consent) links it to the customer who has it',
      'x-permission': 'public',
      security: [],
      requestParams: { header: SubmissionHeaders },
      requestBody: { required: true, content: jsonContent(FeedbackSubmission, feedbackSubmission) },
      responses: {
        '201': { description: 'Received (or, replayed, received before)', headers: ReplayedHeader, content: jsonContent(FeedbackReceipt, { number: 1024, receivedAt: '2025-11-24T04:18:09.000Z' }) },
        ...errorResponses(400, 422, 429),
        ...formRefusals,
      },
    },
  },
  '/api/public/registrations': {
    post: {
      operationId: 'submitPublicRegistration',
      tags: ['public'],
      summary: 'Register oneself through a self-registration channel; the same answer whether the phone was known or not',
      'x-permission': 'public',
      security: [],
      requestParams: { header: SubmissionHeaders },
      requestBody: { required: true, content: jsonContent(RegistrationSubmission, { name: '陈静', phone: '186 5712 3307', consent: true, client: 'miniapp' }) },
      responses: {
        '201': { description: 'Received', headers: ReplayedHeader, content: jsonContent(RegistrationReceipt, { received: true }) },
        ...errorResponses(400, 422, 429),
        ...formRefusals,
      },
    },
  },
}
