import type { ZodOpenApiPathsObject } from 'zod-openapi'
import { errorResponses, jsonContent } from '../../http/schemas.js'
import { Order, OrderInput, OrderList, OrderListQuery, OrderParams, OrderPatch } from './orders.schemas.js'

const CustomerParams = OrderParams.pick({ id: true })

export const ordersPaths: ZodOpenApiPathsObject = {
  '/api/customers/{id}/orders': {
    get: {
      operationId: 'listCustomerOrders',
      'x-permission': 'customer:read',
      'x-customer-scope': true,
      tags: ['orders'],
      summary: "The customer's orders, newest first (by orderedAt)",
      requestParams: { path: CustomerParams, query: OrderListQuery },
      responses: {
        '200': { description: 'One page of orders and the total count', content: jsonContent(OrderList) },
        ...errorResponses(401, 403, 404, 422),
      },
    },
    post: {
      operationId: 'createCustomerOrder',
      'x-permission': 'customer:update',
      'x-customer-scope': true,
      tags: ['orders'],
      summary: 'Record an order; the customer\'s metrics are recomputed in the same transaction',
      requestParams: { path: CustomerParams },
      requestBody: { required: true, content: jsonContent(OrderInput) },
      responses: {
        '201': { description: 'Created', content: jsonContent(Order) },
        ...errorResponses(400, 401, 403, 404, 409, 422),
      },
    },
  },
  '/api/customers/{id}/orders/{orderId}': {
    patch: {
      operationId: 'updateCustomerOrder',
      'x-permission': 'customer:update',
      'x-customer-scope': true,
      tags: ['orders'],
      summary: 'Change an order (status, lines, amount…); the metrics follow',
      requestParams: { path: OrderParams },
      requestBody: { required: true, content: jsonContent(OrderPatch) },
      responses: {
        '200': { description: 'The updated order', content: jsonContent(Order) },
        ...errorResponses(400, 401, 403, 404, 409, 422),
      },
    },
    delete: {
      operationId: 'deleteCustomerOrder',
      'x-permission': 'customer:update',
      'x-customer-scope': true,
      tags: ['orders'],
      summary: 'Delete an order (soft); the metrics follow',
      requestParams: { path: OrderParams },
      responses: {
        '204': { description: 'Deleted' },
        ...errorResponses(401, 403, 404),
      },
    },
  },
}
