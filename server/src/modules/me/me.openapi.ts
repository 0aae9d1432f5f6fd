import type { ZodOpenApiPathsObject } from 'zod-openapi'
import { errorResponses, jsonContent } from '../../http/schemas.js'
import { User } from '../auth/auth.schemas.js'
import { RegistrationPage, RegistrationsQuery } from './me.schemas.js'

export const mePaths: ZodOpenApiPathsObject = {
  '/api/me': {
    get: {
      operationId: 'getMe',
      tags: ['me'],
      summary: 'The signed-in user',
      description: 'Answers even while a password change is required (`passwordChangeRequired`).',
      'x-permission': 'authenticated',
      responses: {
        '200': { description: 'The signed-in user', content: jsonContent(User) },
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
        '200': { description: 'A page of registrations', content: jsonContent(RegistrationPage) },
        ...errorResponses(401, 403, 422),
      },
    },
  },
}
