import { z } from 'zod'
import type { ZodOpenApiPathsObject } from 'zod-openapi'
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
  RevealedFeedbackPhone,
} from './feedback.schemas.js'

const scopeNote = "Within the caller's feedback scope (own: attributed or assigned to them; team: their stores; all); other ids answer 404 FEEDBACK_NOT_FOUND."
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
      responses: { '200': { description: 'One page', content: jsonContent(FeedbackPage) }, ...errorResponses(401, 403, 404, 422) },
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
      responses: { '200': { description: 'The figures', content: jsonContent(FeedbackStats) }, ...errorResponses(401, 403, 422) },
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
      responses: { '200': { description: 'The feedback', content: jsonContent(FeedbackDetail) }, ...errorResponses(401, 403, 404) },
    },
    patch: {
      operationId: 'updateFeedback',
      'x-permission': 'feedback:manage',
      tags: ['feedback'],
      summary: 'Change the status or the assignee (audited: update / assign)',
      description: `${scopeNote} The assignee must be an active user who holds feedback:read (else 422 on assigneeId).`,
      requestParams: { path: FeedbackParams },
      requestBody: { required: true, content: jsonContent(FeedbackPatch) },
      responses: { '200': { description: 'The feedback as it is now', content: jsonContent(FeedbackDetail) }, ...errorResponses(401, 403, 404, 422) },
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
      requestBody: { required: true, content: jsonContent(FeedbackNoteInput) },
      responses: { '201': { description: 'The note', content: jsonContent(FeedbackNote) }, ...errorResponses(401, 403, 404, 422) },
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
      requestBody: { required: true, content: jsonContent(FeedbackCustomerInput) },
      responses: { '200': { description: 'The feedback as it is now', content: jsonContent(FeedbackDetail) }, ...errorResponses(401, 403, 404, 422) },
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
      responses: { '200': { description: 'The number', content: jsonContent(RevealedFeedbackPhone) }, ...errorResponses(401, 403, 404) },
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
