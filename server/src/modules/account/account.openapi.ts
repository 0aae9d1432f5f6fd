import { z } from 'zod'
import type { ZodOpenApiPathsObject } from 'zod-openapi'
import { errorResponses, jsonContent } from '../../http/schemas.js'
import { MfaSetup } from '../auth/auth.schemas.js'
import {
  AccountSessionList,
  ChangePasswordRequest,
  MfaCodeRequest,
  MfaDisableRequest,
  MfaStatus,
  RecoveryCodesResponse,
} from './account.schemas.js'

const ownAccountOnly = 'For signed-in people only: API keys get 403.'

export const accountPaths: ZodOpenApiPathsObject = {
  '/api/me/password': {
    post: {
      operationId: 'changeMyPassword',
      tags: ['me'],
      summary: 'Change the own password; every other session of the user ends',
      description: `Allowed while a password change is required. The new password must meet the policy (VALIDATION_FAILED on \`newPassword\`); a wrong current password is VALIDATION_FAILED on \`currentPassword\`. ${ownAccountOnly}`,
      'x-permission': 'authenticated',
      requestBody: { required: true, content: jsonContent(ChangePasswordRequest) },
      responses: { '204': { description: 'Changed' }, ...errorResponses(401, 403, 422) },
    },
  },
  '/api/me/mfa': {
    get: {
      operationId: 'getMyMfa',
      tags: ['me'],
      summary: 'Whether two-factor authentication is on, and how many recovery codes are left',
      description: ownAccountOnly,
      'x-permission': 'authenticated',
      responses: { '200': { description: 'MFA status', content: jsonContent(MfaStatus) }, ...errorResponses(401, 403) },
    },
  },
  '/api/me/mfa/setup': {
    post: {
      operationId: 'setupMyMfa',
      tags: ['me'],
      summary: 'Start enrolment: a new secret and its QR code (MFA is on only after /api/me/mfa/enable)',
      description: ownAccountOnly,
      'x-permission': 'authenticated',
      responses: { '200': { description: 'The secret to add to an authenticator app', content: jsonContent(MfaSetup) }, ...errorResponses(401, 403, 409) },
    },
  },
  '/api/me/mfa/enable': {
    post: {
      operationId: 'enableMyMfa',
      tags: ['me'],
      summary: 'Turn MFA on with a first code of the new secret; answers ten recovery codes (shown once)',
      description: ownAccountOnly,
      'x-permission': 'authenticated',
      requestBody: { required: true, content: jsonContent(MfaCodeRequest) },
      responses: { '200': { description: 'MFA is on', content: jsonContent(RecoveryCodesResponse) }, ...errorResponses(401, 403, 409, 422) },
    },
  },
  '/api/me/mfa/disable': {
    post: {
      operationId: 'disableMyMfa',
      tags: ['me'],
      summary: 'Turn MFA off (needs the password; refused with 403 when the role requires MFA)',
      description: ownAccountOnly,
      'x-permission': 'authenticated',
      requestBody: { required: true, content: jsonContent(MfaDisableRequest) },
      responses: { '204': { description: 'MFA is off' }, ...errorResponses(401, 403, 409, 422) },
    },
  },
  '/api/me/mfa/recovery-codes': {
    post: {
      operationId: 'replaceMyRecoveryCodes',
      tags: ['me'],
      summary: 'A new set of recovery codes (needs a current code); the old ones stop working',
      description: ownAccountOnly,
      'x-permission': 'authenticated',
      requestBody: { required: true, content: jsonContent(MfaCodeRequest) },
      responses: { '200': { description: 'The new codes', content: jsonContent(RecoveryCodesResponse) }, ...errorResponses(401, 403, 409, 422) },
    },
  },
  '/api/me/sessions': {
    get: {
      operationId: 'listMySessions',
      tags: ['me'],
      summary: "The user's live sessions (signed-in devices and browsers)",
      description: ownAccountOnly,
      'x-permission': 'authenticated',
      responses: { '200': { description: 'Live sessions', content: jsonContent(AccountSessionList) }, ...errorResponses(401, 403) },
    },
  },
  '/api/me/sessions/{id}': {
    delete: {
      operationId: 'revokeMySession',
      tags: ['me'],
      summary: 'End one of the own sessions: its tokens stop working at once',
      description: `Another user's session answers 404 like a missing one. ${ownAccountOnly}`,
      'x-permission': 'authenticated',
      requestParams: { path: z.object({ id: z.uuid() }) },
      responses: { '204': { description: 'Ended' }, ...errorResponses(401, 403, 404) },
    },
  },
}
