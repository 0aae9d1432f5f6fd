import type { ZodOpenApiPathsObject } from 'zod-openapi'
import { errorResponses, jsonContent } from '../../http/schemas.js'
import { PermissionCatalogue, RoleDto, RoleIdParams, RoleInput, RoleList, RolePatch } from './roles.schemas.js'

export const rolesPaths: ZodOpenApiPathsObject = {
  '/api/permissions': {
    get: {
      operationId: 'listPermissions',
      'x-permission': 'authenticated',
      tags: ['administration'],
      summary: "The permission catalogue with labels in the request's language (everyone signed in)",
      responses: { '200': { description: 'The catalogue', content: jsonContent(PermissionCatalogue) }, ...errorResponses(401) },
    },
  },
  '/api/roles': {
    get: {
      operationId: 'listRoles',
      'x-permission': 'role:manage',
      tags: ['administration'],
      summary: 'Every role with its user count (role:manage, or user:manage to pick roles for users)',
      responses: { '200': { description: 'The roles', content: jsonContent(RoleList) }, ...errorResponses(401, 403) },
    },
    post: {
      operationId: 'createRole',
      'x-permission': 'role:manage',
      tags: ['administration'],
      summary: 'Add a custom role (permissions from the catalogue, scopes, MFA requirement)',
      requestBody: { required: true, content: jsonContent(RoleInput) },
      responses: { '201': { description: 'Created', content: jsonContent(RoleDto) }, ...errorResponses(400, 401, 403, 409, 422) },
    },
  },
  '/api/roles/{id}': {
    get: {
      operationId: 'getRole',
      'x-permission': 'role:manage',
      tags: ['administration'],
      summary: 'One role (role:manage or user:manage)',
      requestParams: { path: RoleIdParams },
      responses: { '200': { description: 'The role', content: jsonContent(RoleDto) }, ...errorResponses(401, 403, 404) },
    },
    patch: {
      operationId: 'updateRole',
      'x-permission': 'role:manage',
      tags: ['administration'],
      summary: 'Change a role; its users get the change on their next request (admin: 409 ROLE_BUILT_IN)',
      requestParams: { path: RoleIdParams },
      requestBody: { required: true, content: jsonContent(RolePatch) },
      responses: { '200': { description: 'Updated', content: jsonContent(RoleDto) }, ...errorResponses(400, 401, 403, 404, 409, 422) },
    },
    delete: {
      operationId: 'deleteRole',
      'x-permission': 'role:manage',
      tags: ['administration'],
      summary: 'Delete a custom role (409 ROLE_BUILT_IN for built-in ones, ROLE_IN_USE while users or API keys hold it)',
      requestParams: { path: RoleIdParams },
      responses: { '204': { description: 'Deleted' }, ...errorResponses(401, 403, 404, 409) },
    },
  },
}
