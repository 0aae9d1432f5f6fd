import type { ZodOpenApiPathsObject } from 'zod-openapi'
import { errorResponses, jsonContent } from '../../http/schemas.js'
import { Activity, ActivityInput, ActivityList, ActivityListQuery, ActivityParams, ActivityPatch } from './activities.schemas.js'

const CustomerParams = ActivityParams.pick({ id: true })

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
        '200': { description: 'One page of activities and the total count', content: jsonContent(ActivityList) },
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
      requestBody: { required: true, content: jsonContent(ActivityInput) },
      responses: {
        '201': { description: 'Created', content: jsonContent(Activity) },
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
      requestBody: { required: true, content: jsonContent(ActivityPatch) },
      responses: {
        '200': { description: 'The updated activity', content: jsonContent(Activity) },
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
