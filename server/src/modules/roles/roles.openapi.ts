import type { z } from 'zod'
import type { ZodOpenApiPathsObject } from 'zod-openapi'
import { builtInRoles, permissions, scopedResources } from '../../auth/permissions.js'
import { translator, type MessageKey } from '../../http/i18n.js'
import { exampleIds, exampleRole } from '../../http/openapi-examples.js'
import { errorResponses, jsonContent } from '../../http/schemas.js'
import { PermissionCatalogue, RoleDto, RoleIdParams, RoleInput, RoleList, RolePatch } from './roles.schemas.js'

const t = translator('zh-CN')
const catalogue: z.input<typeof PermissionCatalogue> = {
  items: permissions.map((key) => ({
    key,
    resource: key.split(':')[0] ?? key,
    label: t(`permissions.${key.replace(':', '_')}` as MessageKey),
  })),
  scopedResources: [...scopedResources],
}
const storeManagerInput: z.input<typeof RoleInput> = {
  name: '店长',
  description: '管理本店客户、反馈和二维码渠道',
  permissions: [...builtInRoles.manager.permissions.filter((permission) => permission !== 'settings:manage')],
  scopes: { customer: 'team', audit: 'team', feedback: 'team' },
  mfaRequired: true,
}
const storeManager: z.input<typeof RoleDto> = {
  id: 'f1a2b3c4-d5e6-4f7a-8b9c-0d1e2f3a4b5c',
  key: null,
  name: '店长',
  description: storeManagerInput.description ?? null,
  permissions: [...builtInRoles.manager.permissions.filter((permission) => permission !== 'settings:manage')],
  scopes: { customer: 'team', audit: 'team', feedback: 'team' },
  mfaRequired: true,
  builtIn: false,
  userCount: 4,
}
const managerRole: z.input<typeof RoleDto> = {
  id: exampleIds.managerRole,
  key: 'manager',
  name: builtInRoles.manager.name,
  description: '管理团队的客户、导入导出和反馈',
  permissions: [...builtInRoles.manager.permissions],
  scopes: builtInRoles.manager.scopes,
  mfaRequired: false,
  builtIn: true,
  userCount: 3,
}

export const rolesPaths: ZodOpenApiPathsObject = {
  '/api/permissions': {
    get: {
      operationId: 'listPermissions',
      'x-permission': 'authenticated',
      tags: ['administration'],
      summary: "The permission catalogue with labels in the request's language (everyone signed in)",
      responses: { '200': { description: 'The catalogue', content: jsonContent(PermissionCatalogue, catalogue) }, ...errorResponses(401) },
    },
  },
  '/api/roles': {
    get: {
      operationId: 'listRoles',
      'x-permission': 'role:manage',
      tags: ['administration'],
      summary: 'Every role with its user count (role:manage, or user:manage to pick roles for users)',
      responses: { '200': { description: 'The roles', content: jsonContent(RoleList, { items: [managerRole, exampleRole, storeManager] }) }, ...errorResponses(401, 403) },
    },
    post: {
      operationId: 'createRole',
      'x-permission': 'role:manage',
      tags: ['administration'],
      summary: 'Add a custom role (permissions from the catalogue, scopes, MFA requirement)',
      requestBody: { required: true, content: jsonContent(RoleInput, storeManagerInput) },
      responses: { '201': { description: 'Created', content: jsonContent(RoleDto, { ...storeManager, userCount: 0 }) }, ...errorResponses(400, 401, 403, 409, 422) },
    },
  },
  '/api/roles/{id}': {
    get: {
      operationId: 'getRole',
      'x-permission': 'role:manage',
      tags: ['administration'],
      summary: 'One role (role:manage or user:manage)',
      requestParams: { path: RoleIdParams },
      responses: { '200': { description: 'The role', content: jsonContent(RoleDto, storeManager) }, ...errorResponses(401, 403, 404) },
    },
    patch: {
      operationId: 'updateRole',
      'x-permission': 'role:manage',
      tags: ['administration'],
      summary: 'Change a role; its users get the change on their next request (admin: 409 ROLE_BUILT_IN)',
      requestParams: { path: RoleIdParams },
      requestBody: { required: true, content: jsonContent(RolePatch, { mfaRequired: false, scopes: { customer: 'team', audit: 'own', feedback: 'team' } }) },
      responses: { '200': { description: 'Updated', content: jsonContent(RoleDto, { ...storeManager, mfaRequired: false, scopes: { customer: 'team', audit: 'own', feedback: 'team' } }) }, ...errorResponses(400, 401, 403, 404, 409, 422) },
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
