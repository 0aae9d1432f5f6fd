import type { ZodOpenApiPathsObject } from 'zod-openapi'
import { errorResponses, jsonContent } from '../../http/schemas.js'
import { TimelinePage, TimelineParams, TimelineQuery } from './timeline.schemas.js'

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
        '200': { description: 'One page; pass nextCursor as cursor for the next', content: jsonContent(TimelinePage) },
        ...errorResponses(401, 403, 404, 422),
      },
    },
  },
}
