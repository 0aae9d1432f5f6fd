import type { ZodOpenApiPathsObject } from 'zod-openapi'
import { errorResponses, jsonContent } from '../../http/schemas.js'
import { Contact, ContactInput, ContactList, ContactParams, ContactPatch } from './contacts.schemas.js'

const CustomerParams = ContactParams.pick({ id: true })

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
        '200': { description: 'The contacts', content: jsonContent(ContactList) },
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
      requestBody: { required: true, content: jsonContent(ContactInput) },
      responses: {
        '201': { description: 'Created', content: jsonContent(Contact) },
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
      requestBody: { required: true, content: jsonContent(ContactPatch) },
      responses: {
        '200': { description: 'The updated contact', content: jsonContent(Contact) },
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
