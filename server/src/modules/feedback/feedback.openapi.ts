import { z } from 'zod'
import type { ZodOpenApiPathsObject } from 'zod-openapi'
import {
  exampleCursor,
  exampleFeedbackDetail,
  exampleFeedbackNote,
  exampleFeedbackSummary,
  exampleIds,
  exampleManager,
  exampleStore,
} from '../../http/openapi-examples.js'
import { errorResponses, jsonContent } from '../../http/schemas.js'
import {
  FeedbackCustomerInput,
  FeedbackDetail,
  FeedbackNote,
  FeedbackNoteInput,
  FeedbackPage,
  FeedbackParams,
  FeedbackPatch,
  FeedbackPhotoParams,
  FeedbackQuery,
  FeedbackStats,
  FeedbackStatsQuery,
  type FeedbackSummary,
  RevealedFeedbackPhone,
} from './feedback.schemas.js'

const scopeNote = "Within the caller's feedback scope (own: attributed or assigned to them; team: their stores; all); other ids answer 404 FEEDBACK_NOT_FOUND."
const complaint: z.input<typeof FeedbackSummary> = {
  ...exampleFeedbackSummary,
  id: 'e26d7e8f-0a1b-4c2d-9e3f-4a5b6c7d8e9f',
  number: 1025,
  createdAt: '2025-11-24T09:41:57.000Z',
  status: 'new',
  category: 'complaint',
  rating: 2,
  nps: 3,
  excerpt: '滤芯到货比约定晚了一周，客服电话一直占线',
  staff: null,
  assignee: null,
  customer: null,
  phoneMasked: '186****3307',
  photoCount: 0,
}
const feedbackPage: z.input<typeof FeedbackPage> = {
  items: [complaint, exampleFeedbackSummary],
  nextCursor: exampleCursor(exampleFeedbackSummary.createdAt, exampleFeedbackSummary.id),
  total: 57,
}
const score = (count: number, ratingAverage: number, csat: number, promoters: number, passives: number, detractors: number, nps: number) => ({
  count, ratingAverage, csat, npsResponses: promoters + passives + detractors, promoters, passives, detractors, nps,
})
const stats: z.input<typeof FeedbackStats> = {
  from: '2025-09-01',
  to: '2025-11-30',
  granularity: 'month',
  total: score(120, 4.3, 84.2, 48, 28, 14, 37.8),
  stores: [
    { ...score(72, 4.4, 84.7, 31, 17, 7, 43.6), team: exampleStore },
    { ...score(48, 4.2, 83.3, 17, 11, 7, 28.6), team: { id: exampleIds.jinganStore, name: '上海静安店' } },
  ],
  periods: [
    { ...score(35, 4.2, 82.9, 13, 9, 4, 34.6), period: '2025-09-01' },
    { ...score(41, 4.2, 82.9, 16, 9, 6, 32.3), period: '2025-10-01' },
    { ...score(44, 4.4, 86.4, 19, 10, 4, 45.5), period: '2025-11-01' },
  ],
}
const resolved: z.input<typeof FeedbackDetail> = {
  ...exampleFeedbackDetail,
  status: 'resolved',
  assignee: exampleManager,
  resolvedAt: '2025-11-25T06:30:00.000Z',
}
const image = { schema: z.string().meta({ format: 'binary' }) }

export const feedbackTags = [{ name: 'feedback', description: 'The feedback inbox and its CSAT / NPS figures' }]

export const feedbackPaths: ZodOpenApiPathsObject = {
  '/api/feedback': {
    get: {
      operationId: 'listFeedback',
      'x-permission': 'feedback:read',
      'x-customer-scope': true,
      tags: ['feedback'],
      summary: 'The inbox, newest first, with filters and keyset paging',
      description: `${scopeNote} A \`customerId\` outside the caller's customer scope answers 404 CUSTOMER_NOT_FOUND.`,
      requestParams: { query: FeedbackQuery },
      responses: { '200': { description: 'One page', content: jsonContent(FeedbackPage, feedbackPage) }, ...errorResponses(401, 403, 404, 422) },
    },
  },
  '/api/feedback/stats': {
    get: {
      operationId: 'getFeedbackStats',
      'x-permission': 'feedback:read',
      tags: ['feedback'],
      summary: 'CSAT and NPS in total, per store and per day, week or month (China time; default: the last 30 days)',
      description: scopeNote,
      requestParams: { query: FeedbackStatsQuery },
      responses: { '200': { description: 'The figures', content: jsonContent(FeedbackStats, stats) }, ...errorResponses(401, 403, 422) },
    },
  },
  '/api/feedback/{id}': {
    get: {
      operationId: 'getFeedback',
      'x-permission': 'feedback:read',
      tags: ['feedback'],
      summary: 'One feedback with its text, photos and notes',
      description: scopeNote,
      requestParams: { path: FeedbackParams },
      responses: { '200': { description: 'The feedback', content: jsonContent(FeedbackDetail, exampleFeedbackDetail) }, ...errorResponses(401, 403, 404) },
    },
    patch: {
      operationId: 'updateFeedback',
      'x-permission': 'feedback:manage',
      tags: ['feedback'],
      summary: 'Change the status or the assignee (audited: update / assign)',
      description: `${scopeNote} The assignee must be an active user who holds feedback:read (else 422 on assigneeId).`,
      requestParams: { path: FeedbackParams },
      requestBody: { required: true, content: jsonContent(FeedbackPatch, { status: 'resolved', assigneeId: exampleIds.manager }) },
      responses: { '200': { description: 'The feedback as it is now', content: jsonContent(FeedbackDetail, resolved) }, ...errorResponses(401, 403, 404, 422) },
    },
  },
  '/api/feedback/{id}/notes': {
    post: {
      operationId: 'addFeedbackNote',
      'x-permission': 'feedback:manage',
      tags: ['feedback'],
      summary: 'Add an internal note or the record of a reply (a reply moves new feedback to in_progress; audited: note)',
      description: scopeNote,
      requestParams: { path: FeedbackParams },
      requestBody: { required: true, content: jsonContent(FeedbackNoteInput, { kind: 'reply', body: exampleFeedbackNote.body, replyChannel: 'phone' }) },
      responses: { '201': { description: 'The note', content: jsonContent(FeedbackNote, exampleFeedbackNote) }, ...errorResponses(401, 403, 404, 422) },
    },
  },
  '/api/feedback/{id}/customer': {
    put: {
      operationId: 'linkFeedbackCustomer',
      'x-permission': 'feedback:manage',
      'x-customer-scope': true,
      tags: ['feedback'],
      summary: 'Link the feedback to a customer, or unlink it with null (audited: link)',
      description: `${scopeNote} A customer outside the caller's customer scope answers 404 CUSTOMER_NOT_FOUND.`,
      requestParams: { path: FeedbackParams },
      requestBody: { required: true, content: jsonContent(FeedbackCustomerInput, { customerId: exampleIds.customer }) },
      responses: { '200': { description: 'The feedback as it is now', content: jsonContent(FeedbackDetail, { ...exampleFeedbackDetail, customerLink: 'manual' }) }, ...errorResponses(401, 403, 404, 422) },
    },
  },
  '/api/feedback/{id}/reveal': {
    post: {
      operationId: 'revealFeedbackPhone',
      'x-permission': 'customer:reveal_phone',
      tags: ['feedback'],
      summary: "The customer's full phone number (needs feedback:read too; every call writes an audit entry: reveal)",
      description: scopeNote,
      requestParams: { path: FeedbackParams },
      responses: { '200': { description: 'The number', content: jsonContent(RevealedFeedbackPhone, { phone: '138 1234 5678' }) }, ...errorResponses(401, 403, 404) },
    },
  },
  '/api/feedback/{id}/photos/{photoId}': {
    get: {
      operationId: 'getFeedbackPhoto',
      'x-permission': 'feedback:read',
      tags: ['feedback'],
      summary: 'The bytes of a photo sent with the feedback (Cache-Control: private)',
      description: `${scopeNote} A photo of another feedback answers 404 PHOTO_NOT_FOUND.`,
      requestParams: { path: FeedbackPhotoParams },
      responses: {
        '200': { description: 'The image', content: { 'image/jpeg': image, 'image/png': image, 'image/webp': image } },
        ...errorResponses(401, 403, 404),
      },
    },
  },
}
