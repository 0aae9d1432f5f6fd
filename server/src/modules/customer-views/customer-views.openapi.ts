import type { ZodOpenApiPathsObject } from 'zod-openapi'
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

export const customerViewsPaths: ZodOpenApiPathsObject = {
  '/api/customer-views': {
    get: {
      operationId: 'listCustomerViews',
      'x-permission': 'customer:read',
      'x-customer-scope': true,
      tags,
      summary: "The caller's saved views in their order, then views others shared, by name",
      responses: { '200': { description: 'Views', content: jsonContent(CustomerViewList) }, ...errorResponses(401, 403) },
    },
    post: {
      operationId: 'createCustomerView',
      'x-permission': 'customer:read',
      'x-customer-scope': true,
      tags,
      summary: 'Save a view (filters, columns, sort); shared views are visible to everyone',
      requestBody: { required: true, content: jsonContent(CustomerViewInput) },
      responses: { '201': { description: 'The new view', content: jsonContent(CustomerView) }, ...errorResponses(400, 401, 403, 409, 422) },
    },
  },
  '/api/customer-views/order': {
    put: {
      operationId: 'orderCustomerViews',
      'x-permission': 'customer:read',
      'x-customer-scope': true,
      tags,
      summary: "Set the order of the caller's own views",
      requestBody: { required: true, content: jsonContent(CustomerViewOrder) },
      responses: { '200': { description: 'Views in their new order', content: jsonContent(CustomerViewList) }, ...errorResponses(400, 401, 403, 422) },
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
      requestBody: { required: true, content: jsonContent(CustomerViewPatch) },
      responses: { '200': { description: 'The view', content: jsonContent(CustomerView) }, ...errorResponses(400, 401, 403, 404, 409, 422) },
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
      responses: { '200': { description: 'The view', content: jsonContent(CustomerView) }, ...errorResponses(401, 403, 404, 409) },
    },
  },
}
