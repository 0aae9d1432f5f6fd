import type { z } from 'zod'
import type { ZodOpenApiPathsObject } from 'zod-openapi'
import { exampleContact, exampleIds } from '../../http/openapi-examples.js'
import { errorResponses, jsonContent } from '../../http/schemas.js'
import { Contact, ContactInput, ContactList, ContactParams, ContactPatch } from './contacts.schemas.js'

const CustomerParams = ContactParams.pick({ id: true })

const newContact: z.input<typeof ContactInput> = {
  name: '王芳',
  title: '采购经理',
  phones: [{ type: 'mobile', number: '139 5709 6721', primary: true }],
  emails: [{ address: 'wangfang@qingyuan-tech.cn', primary: true }],
  relationshipTypeId: exampleIds.decisionMaker,
  reportsToId: null,
  notes: '负责公司净水设备采购，工作日上午方便联系',
}
// The stored phone is kept by its id; only the title changes.
const contactChange: z.input<typeof ContactPatch> = { title: '行政总监', phones: [{ id: exampleIds.contactPhone, primary: true }] }
const changedContact: z.input<typeof Contact> = { ...exampleContact, title: '行政总监', updatedAt: '2025-11-25T03:20:41.000Z' }
const assistant: z.input<typeof Contact> = {
  ...exampleContact,
  id: '71c2d3e4-f5a6-4b7c-8d9e-0f1a2b3c4d5e',
  name: '周婷',
  title: '行政助理',
  phones: [{ id: '82d3e4f5-a6b7-4c8d-9e0f-1a2b3c4d5e6f', type: 'work', number: '571****4400', display: '571****4400', primary: true, masked: true }],
  emails: [],
  relationshipType: null,
  reportsToId: exampleIds.contact,
  notes: null,
}

export const contactsPaths: ZodOpenApiPathsObject = {
  '/api/customers/{id}/contacts': {
    get: {
      operationId: 'listCustomerContacts',
      'x-permission': 'customer:read',
      'x-customer-scope': true,
      tags: ['contacts'],
      summary: "The customer's contacts, flat (the tree comes from reportsToId), oldest first",
      requestParams: { path: CustomerParams },
      responses: {
        '200': { description: 'The contacts', content: jsonContent(ContactList, { items: [exampleContact, assistant] }) },
        ...errorResponses(401, 403, 404),
      },
    },
    post: {
      operationId: 'createCustomerContact',
      'x-permission': 'customer:update',
      'x-customer-scope': true,
      tags: ['contacts'],
      summary: 'Add a contact (phones normalised to E.164 and stored encrypted)',
      requestParams: { path: CustomerParams },
      requestBody: { required: true, content: jsonContent(ContactInput, newContact) },
      responses: {
        '201': { description: 'Created', content: jsonContent(Contact, exampleContact) },
        ...errorResponses(400, 401, 403, 404, 422),
      },
    },
  },
  '/api/customers/{id}/contacts/{contactId}': {
    patch: {
      operationId: 'updateCustomerContact',
      'x-permission': 'customer:update',
      'x-customer-scope': true,
      tags: ['contacts'],
      summary: 'Change a contact; a reportsToId that would close a loop is refused with 422',
      requestParams: { path: ContactParams },
      requestBody: { required: true, content: jsonContent(ContactPatch, contactChange) },
      responses: {
        '200': { description: 'The updated contact', content: jsonContent(Contact, changedContact) },
        ...errorResponses(400, 401, 403, 404, 422),
      },
    },
    delete: {
      operationId: 'deleteCustomerContact',
      'x-permission': 'customer:update',
      'x-customer-scope': true,
      tags: ['contacts'],
      summary: 'Delete a contact (soft); whoever reported to it then reports to its manager',
      requestParams: { path: ContactParams },
      responses: {
        '204': { description: 'Deleted' },
        ...errorResponses(401, 403, 404),
      },
    },
  },
}
