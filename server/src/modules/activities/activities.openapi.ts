import type { z } from 'zod'
import type { ZodOpenApiPathsObject } from 'zod-openapi'
import { exampleActivity, exampleManager } from '../../http/openapi-examples.js'
import { errorResponses, jsonContent } from '../../http/schemas.js'
import { Activity, ActivityInput, ActivityList, ActivityListQuery, ActivityParams, ActivityPatch } from './activities.schemas.js'

const CustomerParams = ActivityParams.pick({ id: true })

const storeVisit: z.input<typeof Activity> = {
  id: '9c0d1e2f-3a4b-4c5d-8e6f-a1b2c3d4e5f6',
  type: 'visit',
  occurredAt: '2025-11-23T07:40:00.000Z',
  content: '到店选购净水器，演示了 RO-600 的出水速度和滤芯寿命提醒',
  outcome: '当场下单，预约上门安装',
  author: exampleManager,
  createdAt: '2025-11-23T08:02:11.000Z',
}

export const activitiesPaths: ZodOpenApiPathsObject = {
  '/api/customers/{id}/activities': {
    get: {
      operationId: 'listCustomerActivities',
      'x-permission': 'customer:read',
      'x-customer-scope': true,
      tags: ['activities'],
      summary: "The customer's activities (calls, visits, WeChat…), newest first",
      requestParams: { path: CustomerParams, query: ActivityListQuery },
      responses: {
        '200': { description: 'One page of activities and the total count', content: jsonContent(ActivityList, { items: [exampleActivity, storeVisit], total: 9 }) },
        ...errorResponses(401, 403, 404, 422),
      },
    },
    post: {
      operationId: 'createCustomerActivity',
      'x-permission': 'customer:update',
      'x-customer-scope': true,
      tags: ['activities'],
      summary: "Record an activity by the caller; moves the customer's lastContactAt",
      requestParams: { path: CustomerParams },
      requestBody: { required: true, content: jsonContent(ActivityInput, { type: exampleActivity.type, occurredAt: exampleActivity.occurredAt, content: exampleActivity.content, outcome: exampleActivity.outcome }) },
      responses: {
        '201': { description: 'Created', content: jsonContent(Activity, exampleActivity) },
        ...errorResponses(400, 401, 403, 404, 422),
      },
    },
  },
  '/api/customers/{id}/activities/{activityId}': {
    patch: {
      operationId: 'updateCustomerActivity',
      'x-permission': 'customer:update',
      'x-customer-scope': true,
      tags: ['activities'],
      summary: 'Change an activity',
      requestParams: { path: ActivityParams },
      requestBody: { required: true, content: jsonContent(ActivityPatch, { outcome: '已约 12 月 6 日周六上午到店更换滤芯' }) },
      responses: {
        '200': { description: 'The updated activity', content: jsonContent(Activity, { ...exampleActivity, outcome: '已约 12 月 6 日周六上午到店更换滤芯' }) },
        ...errorResponses(400, 401, 403, 404, 422),
      },
    },
    delete: {
      operationId: 'deleteCustomerActivity',
      'x-permission': 'customer:update',
      'x-customer-scope': true,
      tags: ['activities'],
      summary: 'Delete an activity (soft)',
      requestParams: { path: ActivityParams },
      responses: {
        '204': { description: 'Deleted' },
        ...errorResponses(401, 403, 404),
      },
    },
  },
}
