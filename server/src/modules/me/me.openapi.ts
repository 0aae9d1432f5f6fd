import type { ZodOpenApiPathsObject } from 'zod-openapi'
import { errorResponses, jsonContent } from '../../http/schemas.js'
import { User } from '../auth/auth.schemas.js'

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
}
