import { z } from 'zod'
import type { ZodOpenApiPathsObject } from 'zod-openapi'
import { errorResponses } from '../../http/schemas.js'
import { webhookEventTypes } from './webhook-events.js'
import {
  deliveryExample,
  Webhook,
  WebhookDelivery,
  WebhookDeliveryList,
  WebhookDeliveryQuery,
  WebhookEvent,
  webhookEventExample,
  WebhookEventList,
  webhookExample,
  WebhookInput,
  WebhookList,
  WebhookPatch,
  WebhookSecret,
  WebhookWithSecret,
} from './webhooks.schemas.js'

const idParam = { path: z.object({ id: z.uuid() }) }
const secretExample = 'whsec_3q2-7wF0kL5mNvXbYc8dZr1aQe4tUiOpAsDfGhJkLx9Qa'
const json = <T extends z.ZodType>(schema: T, example: unknown) => ({ 'application/json': { schema, example } })

const testDeliveryExample = {
  ...deliveryExample,
  eventType: 'webhook.test',
  status: 'pending',
  attempts: 0,
  nextAttemptAt: '2025-03-01T02:10:00.000Z',
  lastAttemptAt: null,
  responseStatus: null,
  responseBody: null,
  durationMs: null,
  createdAt: '2025-03-01T02:10:00.000Z',
  payload: { id: '1d2e3f4a-5b6c-4d7e-8f9a-0b1c2d3e4f5a', type: 'webhook.test', createdAt: '2025-03-01T02:10:00.000Z', data: { webhookId: webhookExample.id, message: 'Kezhi webhook test' } },
  attemptLog: [],
}
testDeliveryExample.eventId = testDeliveryExample.payload.id

const replayExample = {
  ...deliveryExample,
  id: '9c8b7a6f-5e4d-4c3b-a2a1-0f9e8d7c6b5a',
  status: 'pending',
  attempts: 0,
  nextAttemptAt: '2025-03-02T09:00:00.000Z',
  lastAttemptAt: null,
  responseStatus: null,
  responseBody: null,
  durationMs: null,
  replayOfId: deliveryExample.id,
  createdAt: '2025-03-02T09:00:00.000Z',
  attemptLog: [],
}

export const webhooksPaths: ZodOpenApiPathsObject = {
  '/api/webhooks': {
    get: {
      operationId: 'listWebhooks',
      tags: ['webhooks'],
      summary: 'The webhook subscriptions (deleted ones left out), newest first, with their delivery counts',
      'x-permission': 'webhook:manage',
      responses: { '200': { description: 'The subscriptions', content: json(WebhookList, { items: [webhookExample] }) }, ...errorResponses(401, 403) },
    },
    post: {
      operationId: 'createWebhook',
      tags: ['webhooks'],
      summary: 'Subscribe a URL to events; the answer holds the signing secret, shown only this once',
      'x-permission': 'webhook:manage',
      requestBody: {
        required: true,
        content: json(WebhookInput, { name: webhookExample.name, url: webhookExample.url, events: webhookExample.events, description: webhookExample.description }),
      },
      responses: {
        '201': { description: 'Created', content: json(WebhookWithSecret, { ...webhookExample, stats: { succeeded: 0, failed: 0, pending: 0 }, secret: secretExample }) },
        ...errorResponses(401, 403, 422),
      },
    },
  },
  '/api/webhooks/events': {
    get: {
      operationId: 'listWebhookEvents',
      tags: ['webhooks'],
      summary: 'The event types a subscription can ask for',
      'x-permission': 'webhook:manage',
      responses: {
        '200': {
          description: 'The event types',
          content: json(WebhookEventList, { items: webhookEventTypes.slice(0, 2).map((type) => ({ type, description: type === 'customer.created' ? '新建了客户' : '修改了客户资料' })) }),
        },
        ...errorResponses(401, 403),
      },
    },
  },
  '/api/webhooks/{id}': {
    patch: {
      operationId: 'updateWebhook',
      tags: ['webhooks'],
      summary: 'Change the name, URL, events or description; `active: false` pauses deliveries until enabled again',
      'x-permission': 'webhook:manage',
      requestParams: idParam,
      requestBody: { required: true, content: json(WebhookPatch, { active: false }) },
      responses: { '200': { description: 'The subscription', content: json(Webhook, { ...webhookExample, active: false }) }, ...errorResponses(401, 403, 404, 422) },
    },
    delete: {
      operationId: 'deleteWebhook',
      tags: ['webhooks'],
      summary: 'Delete a subscription (kept in the trash); deliveries still waiting are given up',
      'x-permission': 'webhook:manage',
      requestParams: idParam,
      responses: { '204': { description: 'Deleted' }, ...errorResponses(401, 403, 404) },
    },
  },
  '/api/webhooks/{id}/rotate-secret': {
    post: {
      operationId: 'rotateWebhookSecret',
      tags: ['webhooks'],
      summary: 'A new signing secret, shown only this once; deliveries from now on are signed with it',
      'x-permission': 'webhook:manage',
      requestParams: idParam,
      responses: { '200': { description: 'The new secret', content: json(WebhookSecret, { secret: secretExample }) }, ...errorResponses(401, 403, 404) },
    },
  },
  '/api/webhooks/{id}/test': {
    post: {
      operationId: 'testWebhook',
      tags: ['webhooks'],
      summary: 'Send a `webhook.test` event to this subscription (also when it is paused)',
      'x-permission': 'webhook:manage',
      requestParams: idParam,
      responses: { '202': { description: 'The delivery, on its way', content: json(WebhookDelivery, testDeliveryExample) }, ...errorResponses(401, 403, 404) },
    },
  },
  '/api/webhooks/{id}/deliveries': {
    get: {
      operationId: 'listWebhookDeliveries',
      tags: ['webhooks'],
      summary: 'The delivery log of a subscription, newest first, with every attempt',
      'x-permission': 'webhook:manage',
      requestParams: { ...idParam, query: WebhookDeliveryQuery },
      responses: {
        '200': { description: 'One page of deliveries', content: json(WebhookDeliveryList, { items: [deliveryExample], nextCursor: null }) },
        ...errorResponses(401, 403, 404, 422),
      },
    },
  },
  '/api/webhooks/deliveries/{id}/replay': {
    post: {
      operationId: 'replayWebhookDelivery',
      tags: ['webhooks'],
      summary: 'Send the event of a delivery again: same event id and body, new delivery id, timestamp and signature',
      'x-permission': 'webhook:manage',
      requestParams: idParam,
      responses: { '202': { description: 'The new delivery', content: json(WebhookDelivery, replayExample) }, ...errorResponses(401, 403, 404) },
    },
  },
}

const signedHeaders = {
  'X-Kezhi-Event': { description: 'The event type', required: true, schema: { type: 'string', example: 'customer.created' } },
  'X-Kezhi-Delivery': { description: 'The delivery id (a replay has a new one; the event id in the body stays)', required: true, schema: { type: 'string', format: 'uuid' } },
  'X-Kezhi-Timestamp': { description: 'Unix seconds when this attempt was signed; refuse old ones to stop replays by others', required: true, schema: { type: 'string', example: '1740794700' } },
  'X-Kezhi-Signature': {
    description:
      '`v1=` + hex HMAC-SHA256, keyed with the whole secret (`whsec_…` as UTF-8 text), of `<X-Kezhi-Timestamp>.<raw request body>`. ' +
      'Compute it over the bytes received, before parsing the JSON, and compare in constant time.',
    required: true,
    schema: { type: 'string', example: 'v1=5257a869e7ecebeda32affa62cdca3fa51cad7e77a0e56ff536d0ce8e108d8bd' },
  },
  'User-Agent': { description: 'Always `Kezhi-Webhooks/1`', required: true, schema: { type: 'string', example: 'Kezhi-Webhooks/1' } },
} as const

/**
 * The document's top-level `webhooks` (OpenAPI 3.1): what Kezhi POSTs to a subscription's URL. Any 2xx within
 * WEBHOOK_TIMEOUT_MS counts as delivered; anything else (redirects too) is retried with exponential backoff.
 */
export const webhooksOutgoing = {
  kezhiEvent: {
    post: {
      operationId: 'receiveKezhiEvent',
      tags: ['webhooks'],
      summary: 'An event, POSTed to the URL of every active subscription that asked for its type',
      description:
        'Answer 2xx within the timeout (10 s by default) to acknowledge. Other answers, timeouts and network errors are ' +
        'retried after 30 s × 2^(n−1) (±10 %) up to WEBHOOK_MAX_ATTEMPTS times. Deliveries may arrive more than once or ' +
        'out of order: use the event id to ignore repeats.',
      parameters: Object.entries(signedHeaders).map(([name, header]) => ({ in: 'header' as const, name, ...header })),
      requestBody: { required: true, content: json(WebhookEvent, webhookEventExample) },
      responses: { '200': { description: 'Any 2xx acknowledges the delivery' } },
    },
  },
}
