import type { ZodOpenApiPathsObject } from 'zod-openapi'
import { errorResponses, jsonContent } from '../../http/schemas.js'
import { UserList } from './users.schemas.js'

export const usersPaths: ZodOpenApiPathsObject = {
  '/api/users': {
    get: {
      operationId: 'listUsers',
      'x-permission': 'authenticated',
      tags: ['users'],
      summary: 'Active staff, for owner pickers (everyone signed in)',
      responses: { '200': { description: 'The users', content: jsonContent(UserList) }, ...errorResponses(401) },
    },
  },
}
