import type { ZodOpenApiPathsObject } from 'zod-openapi'
import { exampleIds } from '../../http/openapi-examples.js'
import { errorResponses, jsonContent } from '../../http/schemas.js'
import { UserList } from './users.schemas.js'

export const usersPaths: ZodOpenApiPathsObject = {
  '/api/users': {
    get: {
      operationId: 'listUsers',
      'x-permission': 'authenticated',
      tags: ['users'],
      summary: 'Active staff, for owner pickers (everyone signed in)',
      responses: { '200': { description: 'The users', content: jsonContent(UserList, {
            items: [
              { id: exampleIds.sales, username: 'sales1', displayName: '李娜', teamId: exampleIds.westLakeStore },
              { id: exampleIds.manager, username: 'manager1', displayName: '张伟', teamId: exampleIds.westLakeStore },
              { id: exampleIds.service, username: 'service1', displayName: '赵敏', teamId: exampleIds.jinganStore },
            ],
          }),
        }, ...errorResponses(401) },
    },
  },
}
