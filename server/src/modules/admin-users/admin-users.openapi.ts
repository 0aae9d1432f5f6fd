import type { ZodOpenApiOperationObject, ZodOpenApiPathsObject } from 'zod-openapi'
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
      responses: { '200': { description: 'The users', content: jsonContent(ManagedUserList) }, ...errorResponses(401, 403) },
    },
    post: {
      ...base,
      operationId: 'createManagedUser',
      summary: 'Add a user (the password must meet the password policy)',
      requestBody: { required: true, content: jsonContent(ManagedUserInput) },
      responses: { '201': { description: 'Created', content: jsonContent(ManagedUser) }, ...errorResponses(400, 401, 403, 409, 422) },
    },
  },
  '/api/admin/users/{id}': {
    get: {
      ...base,
      operationId: 'getManagedUser',
      summary: 'One user account',
      requestParams: { path: ManagedUserIdParams },
      responses: { '200': { description: 'The user', content: jsonContent(ManagedUser) }, ...errorResponses(401, 403, 404) },
    },
    patch: {
      ...base,
      operationId: 'updateManagedUser',
      summary: 'Rename, change role or team, disable or enable (disabling ends every session at once)',
      requestParams: { path: ManagedUserIdParams },
      requestBody: { required: true, content: jsonContent(ManagedUserPatch) },
      responses: { '200': { description: 'Updated', content: jsonContent(ManagedUser) }, ...errorResponses(400, 401, 403, 404, 409, 422) },
    },
  },
  '/api/admin/users/{id}/reset-password': {
    post: {
      ...accountAction('resetUserPassword', 'Set a new password the user must change at the next sign-in; ends every session'),
      requestBody: { required: true, content: jsonContent(ResetPasswordInput) },
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
      requestBody: { required: true, content: jsonContent(HandoverInput) },
      responses: { '200': { description: 'Moved', content: jsonContent(HandoverResult) }, ...errorResponses(400, 401, 403, 404, 422) },
    },
  },
}
