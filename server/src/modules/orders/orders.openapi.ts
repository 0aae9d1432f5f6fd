import type { z } from 'zod'
import type { ZodOpenApiPathsObject } from 'zod-openapi'
import { exampleOrder } from '../../http/openapi-examples.js'
import { errorResponses, jsonContent } from '../../http/schemas.js'
import { Order, OrderInput, OrderList, OrderListQuery, OrderParams, OrderPatch } from './orders.schemas.js'

const CustomerParams = OrderParams.pick({ id: true })

// The amount follows from the items when it is left out; amounts may be numbers or decimal strings.
const newOrder: z.input<typeof OrderInput> = {
  orderNo: 'KZ20251123-000123',
  orderedAt: '2025-11-23T08:00:00.000Z',
  channel: '门店',
  status: 'paid',
  items: [
    { product: '家用净水器 RO-600', category: '净水设备', quantity: 1, unitPrice: '1080.00' },
    { product: 'PP 棉滤芯', category: '滤芯耗材', quantity: 2, unitPrice: 100 },
  ],
  notes: '含上门安装',
}
const earlierOrder: z.input<typeof Order> = {
  ...exampleOrder,
  id: '6e7f8091-a2b3-4c4d-9e5f-708192a3b4c5',
  orderNo: 'KZ20250712-000087',
  orderedAt: '2025-07-12T05:30:00.000Z',
  channel: '天猫旗舰店',
  status: 'completed',
  items: [{ product: 'RO 反渗透滤芯', category: '滤芯耗材', quantity: 1, unitPrice: '699.00', lineTotal: '699.00' }],
  amount: '699.00',
  notes: null,
  createdAt: '2025-07-12T05:31:40.000Z',
  updatedAt: '2025-07-15T02:00:00.000Z',
}

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
        '200': { description: 'One page of orders and the total count', content: jsonContent(OrderList, { items: [exampleOrder, earlierOrder], total: 4 }) },
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
      requestBody: { required: true, content: jsonContent(OrderInput, newOrder) },
      responses: {
        '201': { description: 'Created', content: jsonContent(Order, exampleOrder) },
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
      requestBody: { required: true, content: jsonContent(OrderPatch, { status: 'completed', notes: '已上门安装，客户验收签字' }) },
      responses: {
        '200': { description: 'The updated order', content: jsonContent(Order, { ...exampleOrder, status: 'completed', notes: '已上门安装，客户验收签字', updatedAt: '2025-11-25T06:12:09.000Z' }) },
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
