import type { ZodOpenApiPathsObject } from 'zod-openapi'
import { errorResponses, jsonContent } from '../../http/schemas.js'
import {
  Customer,
  CustomerIdParams,
  CustomerInput,
  CustomerList,
  CustomerListQuery,
  CustomerPatch,
} from './customers.schemas.js'

export const customersPaths: ZodOpenApiPathsObject = {
  '/api/customers': {
    get: {
      operationId: 'listCustomers',
      tags: ['customers'],
      summary: "Customers in the caller's scope, newest first",
      requestParams: { query: CustomerListQuery },
      responses: {
        '200': { description: 'One page of customers and the total count', content: jsonContent(CustomerList) },
        ...errorResponses(401, 403, 422),
      },
    },
    post: {
      operationId: 'createCustomer',
      tags: ['customers'],
      summary: 'Create a customer (owned by the caller unless ownerId says otherwise)',
      requestBody: { required: true, content: jsonContent(CustomerInput) },
      responses: {
        '201': { description: 'Created', content: jsonContent(Customer) },
        ...errorResponses(400, 401, 403, 422),
      },
    },
  },
  '/api/customers/{id}': {
    get: {
      operationId: 'getCustomer',
      tags: ['customers'],
      summary: 'One customer',
      requestParams: { path: CustomerIdParams },
      responses: {
        '200': { description: 'The customer', content: jsonContent(Customer) },
        ...errorResponses(401, 403, 404),
      },
    },
    patch: {
      operationId: 'updateCustomer',
      tags: ['customers'],
      summary: 'Change some fields of a customer',
      requestParams: { path: CustomerIdParams },
      requestBody: { required: true, content: jsonContent(CustomerPatch) },
      responses: {
        '200': { description: 'The updated customer', content: jsonContent(Customer) },
        ...errorResponses(400, 401, 403, 404, 422),
      },
    },
    delete: {
      operationId: 'deleteCustomer',
      tags: ['customers'],
      summary: 'Delete a customer (soft delete: it disappears from lists and lookups)',
      requestParams: { path: CustomerIdParams },
      responses: {
        '204': { description: 'Deleted' },
        ...errorResponses(401, 403, 404),
      },
    },
  },
}
