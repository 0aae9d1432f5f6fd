import type { z } from 'zod'
import type { ZodOpenApiPathsObject } from 'zod-openapi'
import { exampleIds, exampleStaff, exampleView } from '../../http/openapi-examples.js'
import { errorResponses, jsonContent } from '../../http/schemas.js'
import {
  CustomerView,
  CustomerViewInput,
  CustomerViewList,
  CustomerViewOrder,
  CustomerViewParams,
  CustomerViewPatch,
} from './customer-views.schemas.js'

const tags = ['customer-views']

const myView: z.input<typeof CustomerView> = {
  id: 'cf4a5b6c-7d8e-4f9a-8b0c-1d2e3f405162',
  name: '我的沉睡客户',
  filters: { ownerIds: ['me'], lifecycleStatuses: ['dormant'], tagIds: [exampleIds.loyalTag] },
  columns: ['name', 'primaryPhone', 'lastContactAt', 'totalSpent'],
  sort: { field: 'lastContactAt', order: 'asc' },
  shared: false,
  owner: exampleStaff,
  mine: true,
  position: 1,
  createdAt: '2025-11-25T03:40:00.000Z',
  updatedAt: '2025-11-25T03:40:00.000Z',
}
const newView: z.input<typeof CustomerViewInput> = {
  name: myView.name,
  filters: { ownerIds: ['me'], lifecycleStatuses: ['dormant'], tagIds: [exampleIds.loyalTag] },
  columns: myView.columns,
  sort: { field: 'lastContactAt', order: 'asc' },
  shared: false,
}
const renamedView: z.input<typeof CustomerView> = { ...myView, name: '沉睡老客户（待回访）', shared: true, updatedAt: '2025-11-25T04:05:31.000Z' }

export const customerViewsPaths: ZodOpenApiPathsObject = {
  '/api/customer-views': {
    get: {
      operationId: 'listCustomerViews',
      'x-permission': 'customer:read',
      'x-customer-scope': true,
      tags,
      summary: "The caller's saved views in their order, then views others shared, by name",
      responses: { '200': { description: 'Views', content: jsonContent(CustomerViewList, { items: [exampleView, myView] }) }, ...errorResponses(401, 403) },
    },
    post: {
      operationId: 'createCustomerView',
      'x-permission': 'customer:read',
      'x-customer-scope': true,
      tags,
      summary: 'Save a view (filters, columns, sort); shared views are visible to everyone',
      requestBody: { required: true, content: jsonContent(CustomerViewInput, newView) },
      responses: { '201': { description: 'The new view', content: jsonContent(CustomerView, myView) }, ...errorResponses(400, 401, 403, 409, 422) },
    },
  },
  '/api/customer-views/order': {
    put: {
      operationId: 'orderCustomerViews',
      'x-permission': 'customer:read',
      'x-customer-scope': true,
      tags,
      summary: "Set the order of the caller's own views",
      requestBody: { required: true, content: jsonContent(CustomerViewOrder, { ids: [myView.id, exampleView.id] }) },
      responses: { '200': { description: 'Views in their new order', content: jsonContent(CustomerViewList, { items: [{ ...myView, position: 0 }, { ...exampleView, position: 1 }] }) }, ...errorResponses(400, 401, 403, 422) },
    },
  },
  '/api/customer-views/{id}': {
    patch: {
      operationId: 'updateCustomerView',
      'x-permission': 'customer:read',
      'x-customer-scope': true,
      tags,
      summary: 'Change a view (its owner only)',
      requestParams: { path: CustomerViewParams },
      requestBody: { required: true, content: jsonContent(CustomerViewPatch, { name: renamedView.name, shared: true }) },
      responses: { '200': { description: 'The view', content: jsonContent(CustomerView, renamedView) }, ...errorResponses(400, 401, 403, 404, 409, 422) },
    },
    delete: {
      operationId: 'deleteCustomerView',
      'x-permission': 'customer:read',
      'x-customer-scope': true,
      tags,
      summary: 'Move a view to the trash (its owner, or an admin for a shared view)',
      requestParams: { path: CustomerViewParams },
      responses: { '204': { description: 'Deleted; POST …/restore undoes it' }, ...errorResponses(401, 403, 404) },
    },
  },
  '/api/customer-views/{id}/restore': {
    post: {
      operationId: 'restoreCustomerView',
      'x-permission': 'customer:read',
      'x-customer-scope': true,
      tags,
      summary: 'Undo deleting a view (its owner only)',
      requestParams: { path: CustomerViewParams },
      responses: { '200': { description: 'The view', content: jsonContent(CustomerView, myView) }, ...errorResponses(401, 403, 404, 409) },
    },
  },
}
