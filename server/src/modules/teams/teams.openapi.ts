import type { ZodOpenApiPathsObject } from 'zod-openapi'
import { exampleIds, exampleTeam } from '../../http/openapi-examples.js'
import { errorResponses, jsonContent } from '../../http/schemas.js'
import { TeamDto, TeamIdParams, TeamInput, TeamList, TeamPatch } from './teams.schemas.js'

export const teamsPaths: ZodOpenApiPathsObject = {
  '/api/teams': {
    get: {
      operationId: 'listTeams',
      'x-permission': 'authenticated',
      tags: ['administration'],
      summary: 'The team tree, flat (everyone signed in)',
      responses: { '200': { description: 'The teams', content: jsonContent(TeamList, {
            items: [
              { id: exampleIds.headOffice, name: '总部', parentId: null, sortOrder: 0, memberCount: 3 },
              exampleTeam,
              { id: exampleIds.jinganStore, name: '上海静安店', parentId: exampleIds.headOffice, sortOrder: 20, memberCount: 5 },
            ],
          }),
        }, ...errorResponses(401) },
    },
    post: {
      operationId: 'createTeam',
      'x-permission': 'team:manage',
      tags: ['administration'],
      summary: 'Add a team below another one',
      requestBody: { required: true, content: jsonContent(TeamInput, { name: '杭州西湖店', parentId: exampleIds.headOffice, sortOrder: 10 }) },
      responses: { '201': { description: 'Created', content: jsonContent(TeamDto, { ...exampleTeam, memberCount: 0 }) }, ...errorResponses(400, 401, 403, 409, 422) },
    },
  },
  '/api/teams/{id}': {
    patch: {
      operationId: 'updateTeam',
      'x-permission': 'team:manage',
      tags: ['administration'],
      summary: 'Rename, move or reorder a team (a move under its own subtree is refused: validation.parent_team_cycle)',
      requestParams: { path: TeamIdParams },
      requestBody: { required: true, content: jsonContent(TeamPatch, { name: '杭州西湖旗舰店' }) },
      responses: { '200': { description: 'Updated', content: jsonContent(TeamDto, { ...exampleTeam, name: '杭州西湖旗舰店' }) }, ...errorResponses(400, 401, 403, 404, 409, 422) },
    },
    delete: {
      operationId: 'deleteTeam',
      'x-permission': 'team:manage',
      tags: ['administration'],
      summary: 'Delete an empty team (409 TEAM_NOT_EMPTY while it has members or sub-teams; the root team always)',
      requestParams: { path: TeamIdParams },
      responses: { '204': { description: 'Deleted' }, ...errorResponses(401, 403, 404, 409) },
    },
  },
}
