import { z } from 'zod'
import type { ZodOpenApiPathsObject } from 'zod-openapi'
import {
  exampleCustomer,
  exampleCustomerSummary,
  exampleIds,
  exampleManager,
  exampleTrashedCustomer,
} from '../../http/openapi-examples.js'
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
  '409': { description, content: jsonContent(CustomerConflictError, duplicatePhone) },
})

const newCustomer: z.input<typeof CustomerInput> = {
  name: '陈晓明',
  gender: 'male',
  birthday: '1988-06-15',
  occupation: '工程师',
  company: '杭州清源科技有限公司',
  industry: '软件',
  source: '门店到访',
  levelId: exampleIds.vipLevel,
  lifecycleStatus: 'new',
  notes: '偏好周末到店，关注净水器滤芯更换',
  consent: { marketing: true, channel: 'in_store' },
  phones: [{ type: 'mobile', number: '138-1234-5678', primary: true }],
  emails: [{ address: 'chenxm@qingyuan-tech.cn', primary: true }],
  addresses: [
    { type: 'home', provinceCode: '330000', cityCode: '330100', districtCode: '330106', street: '文三路 90 号', houseNumber: '3 幢 1201 室', postcode: '310012', primary: true },
  ],
  tagIds: [exampleIds.loyalTag],
  newTags: ['团购'],
  groupIds: [exampleIds.hangzhouGroup],
  customFields: { wechat_id: 'chen_xm', vip_since: '2023-05-01' },
}
const createdCustomer: z.input<typeof Customer> = {
  ...exampleCustomer,
  version: 1,
  lifecycleStatus: 'new',
  tags: [...exampleCustomer.tags, { id: exampleIds.groupBuyTag, name: '团购', color: 'blue' }],
  orderCount: 0,
  totalSpent: '0.00',
  lastPurchaseAt: null,
  lastContactAt: null,
  lastActivityAt: '2025-11-25T02:10:44.000Z',
  createdAt: '2025-11-25T02:10:44.000Z',
  updatedAt: '2025-11-25T02:10:44.000Z',
  consent: { marketing: true, givenAt: '2025-11-25T02:10:44.000Z', channel: 'in_store', note: null },
  metrics: { orderCount: 0, totalSpent: '0.00', averageOrderValue: null, firstPurchaseAt: null, lastPurchaseAt: null, purchaseFrequencyDays: null },
}
// Phones and emails already stored are kept by id: a form never needs (or sees) the full values.
const customerChange: z.input<typeof CustomerPatch> = {
  version: 3,
  company: '杭州清源科技有限公司',
  lifecycleStatus: 'active',
  phones: [{ id: exampleIds.phone, primary: true }, { type: 'work', number: '0571-8765 4321' }],
}
const updatedCustomer: z.input<typeof Customer> = {
  ...exampleCustomer,
  version: 4,
  phones: [
    ...exampleCustomer.phones,
    { id: 'c3d4e5f6-a7b8-4c9d-8e0f-1a2b3c4d5e6f', type: 'work', number: '571****4321', display: '571****4321', primary: false, masked: true },
  ],
  updatedAt: '2025-11-25T03:02:18.000Z',
}
const duplicatePhone: z.input<typeof CustomerConflictError> = {
  code: 'CUSTOMER_DUPLICATE',
  message: '已有客户使用相同的电话或邮箱',
  details: [{ field: 'phones.0.number', message: '该电话号码已属于另一位客户', existingCustomerId: exampleIds.customer }],
}
const customerPage: z.input<typeof CustomerList> = {
  items: [
    { ...exampleCustomerSummary, match: { field: 'pinyin' } },
    {
      ...exampleCustomerSummary,
      id: exampleIds.mergedCustomer,
      version: 2,
      name: '陈静',
      gender: 'female',
      age: 31,
      company: '杭州云栖文化传媒有限公司',
      primaryPhone: '186****3307',
      primaryEmail: null,
      level: null,
      lifecycleStatus: 'new',
      source: '小程序自助登记',
      tags: [],
      groups: [],
      orderCount: 0,
      totalSpent: '0.00',
      lastPurchaseAt: null,
      lastContactAt: null,
      lastActivityAt: '2025-11-20T10:44:05.000Z',
      customFields: {},
      createdAt: '2025-11-20T10:44:05.000Z',
      updatedAt: '2025-11-20T10:44:05.000Z',
      match: { field: 'pinyin' },
    },
  ],
  total: 156,
  totalIsEstimate: false,
  // Opaque; made for this very query (keyword `chen` here), so it works only with the same filters and sort.
  nextCursor: Buffer.from(JSON.stringify(['k7Qv2XbN9sLm', 0, '2025-11-20T10:44:05.000Z', exampleIds.mergedCustomer])).toString('base64url'),
}
const survivor: z.input<typeof Customer> = {
  ...exampleCustomer,
  version: 5,
  phones: [
    ...exampleCustomer.phones,
    { id: 'a1b2c3d4-e5f6-4a7b-8c9d-0e1f2a3b4c5d', type: 'mobile', number: '139****0812', display: '139****0812', primary: false, masked: true },
  ],
  mergedFrom: [{ id: exampleIds.mergedCustomer, name: '陈小明', mergedAt: '2025-11-25T03:15:00.000Z' }],
  updatedAt: '2025-11-25T03:15:00.000Z',
}

export const customersPaths: ZodOpenApiPathsObject = {
  '/api/customer-sources': {
    get: {
      operationId: 'listCustomerSources',
      'x-permission': 'customer:read',
      'x-customer-scope': true,
      tags: ['customers'],
      summary: "Sources in use within the caller's scope, most used first (for the source filter)",
      responses: { '200': { description: 'Sources', content: jsonContent(CustomerSources, { items: [{ source: '门店到访', count: 412 }, { source: '小程序自助登记', count: 187 }, { source: '老客户转介绍', count: 63 }] }) }, ...errorResponses(401, 403) },
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
        '200': { description: 'One page, the total (estimated past 10,000) and the next cursor', content: jsonContent(CustomerList, customerPage) },
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
      requestBody: { required: true, content: jsonContent(CustomerInput, newCustomer) },
      responses: {
        '201': { description: 'Created (or, replayed, created before by the same request)', headers: ReplayedHeader, content: jsonContent(Customer, createdCustomer) },
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
        '200': { description: 'Matches; names only of customers in the caller\'s scope', content: jsonContent(DuplicateMatches, { matches: [{ customerId: exampleIds.customer, name: '陈晓明', field: 'phone' }] }) },
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
      requestBody: { required: true, content: jsonContent(MergeInput, { survivorId: exampleIds.customer, mergedId: exampleIds.mergedCustomer, fields: { birthday: 'merged', company: 'survivor' } }) },
      responses: {
        '200': { description: 'The survivor', content: jsonContent(Customer, survivor) },
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
      requestBody: { required: true, content: jsonContent(BulkInput, { filter: { lifecycleStatuses: ['dormant'], ownerIds: ['me'] }, action: 'assignOwner', ownerId: exampleManager.id }) },
      responses: {
        '200': { description: 'How many customers the action changed', content: jsonContent(BulkResult, { affected: 37 }) },
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
        '200': { description: 'The customer', content: jsonContent(Customer, exampleCustomer) },
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
      requestBody: { required: true, content: jsonContent(CustomerPatch, customerChange) },
      responses: {
        '200': { description: 'The updated customer', content: jsonContent(Customer, updatedCustomer) },
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
        '200': { description: 'Full values, by entry id', content: jsonContent(RevealedContacts, {
          phones: [{ id: exampleIds.phone, number: '+8613812345678', display: '138 1234 5678' }],
          emails: [{ id: exampleIds.email, address: 'chenxm@qingyuan-tech.cn' }],
          contacts: [
            {
              id: exampleIds.contact,
              phones: [{ id: exampleIds.contactPhone, number: '+8613957096721', display: '139 5709 6721' }],
              emails: [{ id: exampleIds.contactEmail, address: 'wangfang@qingyuan-tech.cn' }],
            },
          ],
        }),
      },
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
        '200': { description: 'The restored customer', content: jsonContent(Customer, { ...exampleCustomer, version: 4 }) },
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
        '200': { description: 'One page of the trash', content: jsonContent(TrashedCustomerList, { items: [exampleTrashedCustomer], total: 1 }) },
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
