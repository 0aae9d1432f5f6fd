import { z } from 'zod'
import type { ZodOpenApiPathsObject } from 'zod-openapi'
import { errorResponses, jsonContent } from '../../http/schemas.js'
import {
  BulkInput,
  BulkResult,
  Customer,
  CustomerConflictError,
  CustomerIdParams,
  CustomerInput,
  CustomerList,
  CustomerListQuery,
  CustomerPatch,
  CustomerSources,
  DuplicateMatches,
  DuplicatesQuery,
  MergeInput,
  PageQuery,
  RevealedContacts,
  TrashedCustomerList,
} from './customers.schemas.js'

const IdempotencyKeyHeader = z.object({
  'Idempotency-Key': z
    .string()
    .regex(/^[A-Za-z0-9_-]{8,100}$/)
    .optional()
    .meta({
      description:
        'A key the client makes once per submission (8–100 characters `A-Z a-z 0-9 _ -`) and sends again with every retry of it. The same key with the same body answers with the customer created the first time (201, `Idempotent-Replayed: true`) instead of creating another; with another body → 422 `IDEMPOTENCY_KEY_REUSED`. A concurrent duplicate waits for the first and then replays. Keys belong to the calling user and are kept 7 days; a request that failed keeps nothing, so its corrected retry may use the same key. Malformed → 422 `VALIDATION_FAILED` on `Idempotency-Key`.',
      example: '01JD3K6Q5W8Y9Z0A1B2C3D4E5F',
    }),
})

const ReplayedHeader = z.object({
  'Idempotent-Replayed': z
    .literal('true')
    .optional()
    .meta({ description: 'Present when the answer repeats an earlier request with the same Idempotency-Key: nothing new was created' }),
})

const conflict = (description: string) => ({
  '409': { description, content: jsonContent(CustomerConflictError) },
})

export const customersPaths: ZodOpenApiPathsObject = {
  '/api/customer-sources': {
    get: {
      operationId: 'listCustomerSources',
      'x-permission': 'customer:read',
      'x-customer-scope': true,
      tags: ['customers'],
      summary: "Sources in use within the caller's scope, most used first (for the source filter)",
      responses: { '200': { description: 'Sources', content: jsonContent(CustomerSources) }, ...errorResponses(401, 403) },
    },
  },
  '/api/customers': {
    get: {
      operationId: 'listCustomers',
      'x-permission': 'customer:read',
      'x-customer-scope': true,
      tags: ['customers'],
      summary: "Search, filter and sort the customers in the caller's scope (keyset paging)",
      requestParams: { query: CustomerListQuery },
      responses: {
        '200': { description: 'One page, the total (estimated past 10,000) and the next cursor', content: jsonContent(CustomerList) },
        ...errorResponses(401, 403, 422),
      },
    },
    post: {
      operationId: 'createCustomer',
      'x-permission': 'customer:create',
      'x-customer-scope': true,
      tags: ['customers'],
      summary: 'Create a customer (owned by the caller unless ownerId says otherwise)',
      description: 'Send an `Idempotency-Key` so that a retry after a timeout never creates a second customer.',
      requestParams: { header: IdempotencyKeyHeader },
      requestBody: { required: true, content: jsonContent(CustomerInput) },
      responses: {
        '201': { description: 'Created (or, replayed, created before by the same request)', headers: ReplayedHeader, content: jsonContent(Customer) },
        ...errorResponses(400, 401, 403, 422),
        ...conflict('CUSTOMER_DUPLICATE (a phone or email of another live customer) or CUSTOM_FIELD_NOT_UNIQUE'),
      },
    },
  },
  '/api/customers/duplicates': {
    get: {
      operationId: 'findCustomerDuplicates',
      'x-permission': 'customer:read',
      'x-customer-scope': true,
      tags: ['customers'],
      summary: 'Live customers that already have this phone number or email (for forms, before saving)',
      requestParams: { query: DuplicatesQuery },
      responses: {
        '200': { description: 'Matches; names only of customers in the caller\'s scope', content: jsonContent(DuplicateMatches) },
        ...errorResponses(401, 403, 422),
      },
    },
  },
  '/api/customers/merge': {
    post: {
      operationId: 'mergeCustomers',
      'x-permission': 'customer:merge',
      'x-customer-scope': true,
      tags: ['customers'],
      summary: 'Merge one customer into another',
      description:
        'Phones, emails, addresses (without duplicates), contacts, orders, activities, tags and groups move to the survivor; ' +
        'the merged customer goes to the trash with mergedIntoId. Both timelines record the merge.',
      requestBody: { required: true, content: jsonContent(MergeInput) },
      responses: {
        '200': { description: 'The survivor', content: jsonContent(Customer) },
        ...errorResponses(400, 401, 403, 404, 422),
      },
    },
  },
  '/api/customers/bulk': {
    post: {
      operationId: 'bulkCustomers',
      'x-permission': 'customer:bulk',
      'x-customer-scope': true,
      tags: ['customers'],
      summary: 'Apply one action to many customers in one transaction',
      requestBody: { required: true, content: jsonContent(BulkInput) },
      responses: {
        '200': { description: 'How many customers the action changed', content: jsonContent(BulkResult) },
        ...errorResponses(400, 401, 403, 404, 422),
      },
    },
  },
  '/api/customers/{id}': {
    get: {
      operationId: 'getCustomer',
      'x-permission': 'customer:read',
      'x-customer-scope': true,
      tags: ['customers'],
      summary: 'One customer, the full record',
      requestParams: { path: CustomerIdParams },
      responses: {
        '200': { description: 'The customer', content: jsonContent(Customer) },
        ...errorResponses(401, 403, 404),
      },
    },
    patch: {
      operationId: 'updateCustomer',
      'x-permission': 'customer:update',
      'x-customer-scope': true,
      tags: ['customers'],
      summary: 'Change some fields of a customer (send the version it was read at)',
      requestParams: { path: CustomerIdParams },
      requestBody: { required: true, content: jsonContent(CustomerPatch) },
      responses: {
        '200': { description: 'The updated customer', content: jsonContent(Customer) },
        ...errorResponses(400, 401, 403, 404, 422),
        ...conflict('CUSTOMER_VERSION_CONFLICT (with `current`), CUSTOMER_DUPLICATE or CUSTOM_FIELD_NOT_UNIQUE'),
      },
    },
    delete: {
      operationId: 'deleteCustomer',
      'x-permission': 'customer:delete',
      'x-customer-scope': true,
      tags: ['customers'],
      summary: 'Move a customer to the trash',
      requestParams: { path: CustomerIdParams },
      responses: {
        '204': { description: 'In the trash' },
        ...errorResponses(401, 403, 404),
      },
    },
  },
  '/api/customers/{id}/reveal': {
    post: {
      operationId: 'revealCustomerContacts',
      'x-permission': 'customer:reveal_phone',
      'x-customer-scope': true,
      tags: ['customers'],
      summary: "The full phones and emails of a customer and its contacts (they are masked everywhere else)",
      description: 'Every call writes an audit entry (action `reveal`) that the customer timeline shows.',
      requestParams: { path: CustomerIdParams },
      responses: {
        '200': { description: 'Full values, by entry id', content: jsonContent(RevealedContacts) },
        ...errorResponses(401, 403, 404),
      },
    },
  },
  '/api/customers/{id}/restore': {
    post: {
      operationId: 'restoreCustomer',
      'x-permission': 'customer:delete',
      'x-customer-scope': true,
      tags: ['customers'],
      summary: 'Take a customer out of the trash',
      requestParams: { path: CustomerIdParams },
      responses: {
        '200': { description: 'The restored customer', content: jsonContent(Customer) },
        ...errorResponses(401, 403, 404),
      },
    },
  },
  '/api/trash/customers': {
    get: {
      operationId: 'listTrashedCustomers',
      'x-permission': 'customer:delete',
      'x-customer-scope': true,
      tags: ['customers'],
      summary: "Trashed customers in the caller's scope, most recently deleted first",
      requestParams: { query: PageQuery },
      responses: {
        '200': { description: 'One page of the trash', content: jsonContent(TrashedCustomerList) },
        ...errorResponses(401, 403, 422),
      },
    },
  },
  '/api/trash/customers/{id}': {
    delete: {
      operationId: 'purgeCustomer',
      'x-permission': 'customer:purge',
      'x-customer-scope': true,
      tags: ['customers'],
      summary: 'Delete a trashed customer for good, with everything that belongs to it (admin only)',
      requestParams: { path: CustomerIdParams },
      responses: {
        '204': { description: 'Purged' },
        ...errorResponses(401, 403, 404),
      },
    },
  },
}
