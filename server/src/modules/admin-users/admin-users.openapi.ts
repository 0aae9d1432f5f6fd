import type { ZodOpenApiOperationObject, ZodOpenApiPathsObject } from 'zod-openapi'
import { exampleIds, exampleManagedUser } from '../../http/openapi-examples.js'
import { errorResponses, jsonContent } from '../../http/schemas.js'
import {
  HandoverInput,
  HandoverResult,
  ManagedUser,
  ManagedUserIdParams,
  ManagedUserInput,
  ManagedUserList,
  ManagedUserPatch,
  ResetPasswordInput,
} from './admin-users.schemas.js'

const newStaff = {
  ...exampleManagedUser,
  id: 'a7b8c9d0-e1f2-4a3b-9c4d-5e6f7a8b9c0d',
  username: 'sales7',
  displayName: '孙悦',
  mfaEnabled: false,
  wechatBound: false,
  lastLoginAt: null,
  passwordChangedAt: '2025-11-25T05:00:00.000Z',
  customerCount: 0,
}
const movedStaff = { ...exampleManagedUser, roleId: exampleIds.managerRole, roleName: '销售经理', teamId: exampleIds.jinganStore, teamName: '上海静安店' }

const base = { 'x-permission': 'user:manage', tags: ['administration'] }

const accountAction = (operationId: string, summary: string): ZodOpenApiOperationObject => ({
  ...base,
  operationId,
  summary,
  requestParams: { path: ManagedUserIdParams },
  responses: { '204': { description: 'Done' }, ...errorResponses(401, 403, 404) },
})

export const adminUsersPaths: ZodOpenApiPathsObject = {
  '/api/admin/users': {
    get: {
      ...base,
      operationId: 'listManagedUsers',
      summary: 'Every user account with role, team, security state and customer count',
      responses: { '200': { description: 'The users', content: jsonContent(ManagedUserList, { items: [exampleManagedUser, newStaff] }) }, ...errorResponses(401, 403) },
    },
    post: {
      ...base,
      operationId: 'createManagedUser',
      summary: 'Add a user (the password must meet the password policy)',
      requestBody: { required: true, content: jsonContent(ManagedUserInput, { username: 'sales7', displayName: '孙悦', password: 'Welcome#2025sy', roleId: exampleIds.salesRole, teamId: exampleIds.westLakeStore }) },
      responses: { '201': { description: 'Created', content: jsonContent(ManagedUser, newStaff) }, ...errorResponses(400, 401, 403, 409, 422) },
    },
  },
  '/api/admin/users/{id}': {
    get: {
      ...base,
      operationId: 'getManagedUser',
      summary: 'One user account',
      requestParams: { path: ManagedUserIdParams },
      responses: { '200': { description: 'The user', content: jsonContent(ManagedUser, exampleManagedUser) }, ...errorResponses(401, 403, 404) },
    },
    patch: {
      ...base,
      operationId: 'updateManagedUser',
      summary: 'Rename, change role or team, disable or enable (disabling ends every session at once)',
      requestParams: { path: ManagedUserIdParams },
      requestBody: { required: true, content: jsonContent(ManagedUserPatch, { roleId: exampleIds.managerRole, teamId: exampleIds.jinganStore }) },
      responses: { '200': { description: 'Updated', content: jsonContent(ManagedUser, movedStaff) }, ...errorResponses(400, 401, 403, 404, 409, 422) },
    },
  },
  '/api/admin/users/{id}/reset-password': {
    post: {
      ...accountAction('resetUserPassword', 'Set a new password the user must change at the next sign-in; ends every session'),
      requestBody: { required: true, content: jsonContent(ResetPasswordInput, { password: 'Temp#2025-1125' }) },
      responses: { '204': { description: 'Done' }, ...errorResponses(400, 401, 403, 404, 422) },
    },
  },
  '/api/admin/users/{id}/unlock': {
    post: accountAction('unlockUser', 'Lift a sign-in lockout after failed attempts'),
  },
  '/api/admin/users/{id}/reset-mfa': {
    post: accountAction('resetUserMfa', 'Remove two-factor authentication (secret and recovery codes); the user enrols again'),
  },
  '/api/admin/users/{id}/unbind-wechat': {
    post: accountAction('unbindUserWechat', 'Remove the WeChat binding (a lost or changed phone); the user binds again after signing in with the password'),
  },
  '/api/admin/users/{id}/handover': {
    post: {
      ...base,
      'x-also-requires': ['customer:assign'],
      operationId: 'handoverCustomers',
      summary: '离职继承: move every customer the user owns (trash included) to another active user; history kept (also needs customer:assign)',
      requestParams: { path: ManagedUserIdParams },
      requestBody: { required: true, content: jsonContent(HandoverInput, { toUserId: exampleIds.manager }) },
      responses: { '200': { description: 'Moved', content: jsonContent(HandoverResult, { count: 238 }) }, ...errorResponses(400, 401, 403, 404, 422) },
    },
  },
}
