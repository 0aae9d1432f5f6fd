import { z } from 'zod'
import type { ZodOpenApiPathsObject } from 'zod-openapi'
import { exampleIds, exampleMfaSetup, exampleRecoveryCodes, exampleSession } from '../../http/openapi-examples.js'
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

const freshRecoveryCodes = [
  'm4x8t-b2q6w', 'j7c3h-v9n5e', 'f2r6y-k8d4p', 't9w5a-g3m7z', 'n6e2u-c8j4r',
  'y3k7p-w5h9b', 'd8q4n-z2t6f', 'g5b9e-r7x3k', 'v2m6c-u4y8h', 'q7z3j-e9a5n',
]
const phoneSession = {
  id: exampleIds.otherSession,
  ip: '112.17.236.9',
  userAgent: 'Mozilla/5.0 (iPhone; CPU iPhone OS 18_1 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Mobile/15E148 MicroMessenger/8.0.54',
  createdAt: '2025-11-18T00:52:31.000Z',
  lastUsedAt: '2025-11-24T12:03:47.000Z',
  current: false,
}

const ownAccountOnly = 'For signed-in people only: API keys get 403.'

export const accountPaths: ZodOpenApiPathsObject = {
  '/api/me/password': {
    post: {
      operationId: 'changeMyPassword',
      tags: ['me'],
      summary: 'Change the own password; every other session of the user ends',
      description: `Allowed while a password change is required. The new password must meet the policy (VALIDATION_FAILED on \`newPassword\`); a wrong current password is VALIDATION_FAILED on \`currentPassword\`. ${ownAccountOnly}`,
      'x-permission': 'authenticated',
      requestBody: { required: true, content: jsonContent(ChangePasswordRequest, { currentPassword: 'Xihu#2025store', newPassword: 'Qiantang@river88' }) },
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
      responses: { '200': { description: 'MFA status', content: jsonContent(MfaStatus, { enabled: true, enabledAt: '2025-09-02T03:25:10.000Z', recoveryCodesLeft: 8, required: false }) }, ...errorResponses(401, 403) },
    },
  },
  '/api/me/mfa/setup': {
    post: {
      operationId: 'setupMyMfa',
      tags: ['me'],
      summary: 'Start enrolment: a new secret and its QR code (MFA is on only after /api/me/mfa/enable)',
      description: ownAccountOnly,
      'x-permission': 'authenticated',
      responses: { '200': { description: 'The secret to add to an authenticator app', content: jsonContent(MfaSetup, exampleMfaSetup) }, ...errorResponses(401, 403, 409) },
    },
  },
  '/api/me/mfa/enable': {
    post: {
      operationId: 'enableMyMfa',
      tags: ['me'],
      summary: 'Turn MFA on with a first code of the new secret; answers ten recovery codes (shown once)',
      description: ownAccountOnly,
      'x-permission': 'authenticated',
      requestBody: { required: true, content: jsonContent(MfaCodeRequest, { code: '492817' }) },
      responses: { '200': { description: 'MFA is on', content: jsonContent(RecoveryCodesResponse, { recoveryCodes: exampleRecoveryCodes }) }, ...errorResponses(401, 403, 409, 422) },
    },
  },
  '/api/me/mfa/disable': {
    post: {
      operationId: 'disableMyMfa',
      tags: ['me'],
      summary: 'Turn MFA off (needs the password; refused with 403 when the role requires MFA)',
      description: ownAccountOnly,
      'x-permission': 'authenticated',
      requestBody: { required: true, content: jsonContent(MfaDisableRequest, { password: 'Xihu#2025store' }) },
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
      requestBody: { required: true, content: jsonContent(MfaCodeRequest, { code: '705163' }) },
      responses: { '200': { description: 'The new codes', content: jsonContent(RecoveryCodesResponse, { recoveryCodes: freshRecoveryCodes }) }, ...errorResponses(401, 403, 409, 422) },
    },
  },
  '/api/me/sessions': {
    get: {
      operationId: 'listMySessions',
      tags: ['me'],
      summary: "The user's live sessions (signed-in devices and browsers)",
      description: ownAccountOnly,
      'x-permission': 'authenticated',
      responses: { '200': { description: 'Live sessions', content: jsonContent(AccountSessionList, { items: [exampleSession, phoneSession] }) }, ...errorResponses(401, 403) },
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
