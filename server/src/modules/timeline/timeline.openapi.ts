import type { z } from 'zod'
import type { ZodOpenApiPathsObject } from 'zod-openapi'
import { exampleActivity, exampleAuditEntry, exampleCursor, exampleFeedbackSummary, exampleOrder, exampleStaff } from '../../http/openapi-examples.js'
import { errorResponses, jsonContent } from '../../http/schemas.js'
import { TimelinePage, TimelineParams, TimelineQuery } from './timeline.schemas.js'

const timelinePage: z.input<typeof TimelinePage> = {
  items: [
    {
      id: exampleActivity.id,
      kind: 'activity',
      occurredAt: exampleActivity.occurredAt,
      actor: exampleStaff,
      summary: `电话：${exampleActivity.content}`,
      activity: exampleActivity,
    },
    {
      id: exampleFeedbackSummary.id,
      kind: 'feedback',
      occurredAt: exampleFeedbackSummary.createdAt,
      actor: null,
      summary: '反馈 #1024：4 星，服务 — 安装师傅很专业，就是预约等了三天',
      feedback: {
        id: exampleFeedbackSummary.id,
        number: exampleFeedbackSummary.number,
        rating: 4,
        nps: 9,
        category: 'service',
        status: 'in_progress',
        excerpt: exampleFeedbackSummary.excerpt,
        store: exampleFeedbackSummary.store,
      },
    },
    {
      id: exampleOrder.id,
      kind: 'order',
      occurredAt: exampleOrder.orderedAt,
      actor: exampleStaff,
      summary: '订单 KZ20251123-000123，金额 ¥1280.00（已付款）',
      order: exampleOrder,
    },
    {
      id: exampleAuditEntry.id,
      kind: 'change',
      occurredAt: '2025-11-20T02:14:09.000Z',
      actor: exampleStaff,
      summary: '修改了 2 项客户资料',
      changes: [
        { field: 'company', from: '杭州清源贸易', to: '杭州清源科技有限公司' },
        { field: 'lifecycleStatus', from: 'new', to: 'active' },
      ],
    },
  ],
  nextCursor: exampleCursor('2025-11-20T02:14:09.000Z', exampleAuditEntry.id),
}

export const timelinePaths: ZodOpenApiPathsObject = {
  '/api/customers/{id}/timeline': {
    get: {
      operationId: 'getCustomerTimeline',
      'x-permission': 'customer:read',
      'x-customer-scope': true,
      tags: ['timeline'],
      summary: 'Everything that happened to the customer, newest first: activities, orders, changes, merges…',
      requestParams: { path: TimelineParams, query: TimelineQuery },
      responses: {
        '200': { description: 'One page; pass nextCursor as cursor for the next', content: jsonContent(TimelinePage, timelinePage) },
        ...errorResponses(401, 403, 404, 422),
      },
    },
  },
}
