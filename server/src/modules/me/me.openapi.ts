import type { z } from 'zod'
import type { ZodOpenApiPathsObject } from 'zod-openapi'
import { exampleCursor, exampleCustomerSummary, exampleUser } from '../../http/openapi-examples.js'
import { errorResponses, jsonContent } from '../../http/schemas.js'
import { User } from '../auth/auth.schemas.js'
import { RegistrationPage, RegistrationsQuery } from './me.schemas.js'

const registeredAt = '2025-11-25T02:10:44.000Z'
const registrationPage: z.input<typeof RegistrationPage> = {
  items: [
    {
      ...exampleCustomerSummary,
      version: 1,
      lifecycleStatus: 'new',
      level: null,
      tags: [],
      groups: [],
      orderCount: 0,
      totalSpent: '0.00',
      lastPurchaseAt: null,
      lastContactAt: null,
      lastActivityAt: registeredAt,
      customFields: {},
      createdAt: registeredAt,
      updatedAt: registeredAt,
    },
  ],
  nextCursor: exampleCursor(registeredAt, exampleCustomerSummary.id),
}

export const mePaths: ZodOpenApiPathsObject = {
  '/api/me': {
    get: {
      operationId: 'getMe',
      tags: ['me'],
      summary: 'The signed-in user',
      description: 'Answers even while a password change is required (`passwordChangeRequired`).',
      'x-permission': 'authenticated',
      responses: {
        '200': { description: 'The signed-in user', content: jsonContent(User, exampleUser) },
        ...errorResponses(401),
      },
    },
  },
  '/api/me/registrations': {
    get: {
      operationId: 'listMyRegistrations',
      tags: ['me'],
      summary: 'Customers the signed-in user registered today or this week (China time), newest first',
      description:
        'Only customers the caller created that are still within their customer scope (a customer handed to someone outside it no longer shows). Keyset paging with `cursor`.',
      'x-permission': 'customer:read',
      requestParams: { query: RegistrationsQuery },
      responses: {
        '200': { description: 'A page of registrations', content: jsonContent(RegistrationPage, registrationPage) },
        ...errorResponses(401, 403, 422),
      },
    },
  },
}
