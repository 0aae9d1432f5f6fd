import type { ZodOpenApiPathsObject } from 'zod-openapi'
import {
  exampleAccessToken,
  exampleChallengeToken,
  exampleLoginResponse,
  exampleMfaSetup,
  exampleRecoveryCodes,
  exampleRefreshToken,
} from '../../http/openapi-examples.js'
import { errorResponses, jsonContent } from '../../http/schemas.js'
import {
  LoginRequest,
  LoginResponse,
  LoginResult,
  LoginWithRecoveryCodes,
  MfaChallengeRequest,
  MfaEnableWithChallengeRequest,
  MfaSetup,
  MfaVerifyRequest,
  RefreshRequest,
} from './auth.schemas.js'

const rateLimited = 'Rate limited per IP address (429 `RATE_LIMITED` with `Retry-After`).'

export const authPaths: ZodOpenApiPathsObject = {
  '/api/auth/login': {
    post: {
      operationId: 'login',
      tags: ['auth'],
      summary: 'Sign in with username and password',
      description: `Answers tokens, or an MFA challenge when the account has MFA on (\`mfa: required\`) or its role requires MFA and the account has none yet (\`mfa: setup_required\`). After too many wrong passwords in a row the account is locked for a while (423). ${rateLimited}`,
      security: [],
      'x-permission': 'public',
      requestBody: { required: true, content: jsonContent(LoginRequest, { username: 'sales1', password: 'Xihu#2025store' }) },
      responses: {
        '200': { description: 'Signed in, or the MFA step is due', content: jsonContent(LoginResult, exampleLoginResponse) },
        ...errorResponses(400, 401, 422, 423, 429),
      },
    },
  },
  '/api/auth/mfa/verify': {
    post: {
      operationId: 'verifyMfa',
      tags: ['auth'],
      summary: 'Finish signing in with an authenticator code or a recovery code (each recovery code works once)',
      description: `Wrong codes count towards the lockout like wrong passwords. ${rateLimited}`,
      security: [],
      'x-permission': 'public',
      requestBody: { required: true, content: jsonContent(MfaVerifyRequest, { challengeToken: exampleChallengeToken, code: '492817' }) },
      responses: {
        '200': { description: 'Signed in', content: jsonContent(LoginResponse, exampleLoginResponse) },
        ...errorResponses(400, 401, 422, 423, 429),
      },
    },
  },
  '/api/auth/mfa/setup': {
    post: {
      operationId: 'setupMfaAtSignIn',
      tags: ['auth'],
      summary: 'Start MFA enrolment during sign-in (when the role requires MFA): a new secret and its QR code',
      description: rateLimited,
      security: [],
      'x-permission': 'public',
      requestBody: { required: true, content: jsonContent(MfaChallengeRequest, { challengeToken: exampleChallengeToken }) },
      responses: {
        '200': { description: 'The secret to add to an authenticator app', content: jsonContent(MfaSetup, exampleMfaSetup) },
        ...errorResponses(400, 401, 409, 422, 423, 429),
      },
    },
  },
  '/api/auth/mfa/enable': {
    post: {
      operationId: 'enableMfaAtSignIn',
      tags: ['auth'],
      summary: 'Confirm the enrolment with a first code: MFA is on, the user is signed in and gets recovery codes',
      description: rateLimited,
      security: [],
      'x-permission': 'public',
      requestBody: { required: true, content: jsonContent(MfaEnableWithChallengeRequest, { challengeToken: exampleChallengeToken, code: '492817' }) },
      responses: {
        '200': { description: 'Signed in; keep the recovery codes', content: jsonContent(LoginWithRecoveryCodes, { ...exampleLoginResponse, recoveryCodes: exampleRecoveryCodes }) },
        ...errorResponses(400, 401, 409, 422, 423, 429),
      },
    },
  },
  '/api/auth/refresh': {
    post: {
      operationId: 'refreshTokens',
      tags: ['auth'],
      summary: 'Exchange a refresh token for new tokens (the old refresh token stops working)',
      description: `A refresh token presented a second time ends its whole session. ${rateLimited}`,
      security: [],
      'x-permission': 'public',
      requestBody: { required: true, content: jsonContent(RefreshRequest, { refreshToken: exampleRefreshToken }) },
      responses: {
        '200': {
          description: 'New tokens',
          content: jsonContent(LoginResponse, { ...exampleLoginResponse, accessToken: exampleAccessToken, refreshToken: 'bk9VdC1yZWZyZXNoLXRva2VuLWV4YW1wbGUtMDAwMDAy' }),
        },
        ...errorResponses(400, 401, 422, 429),
      },
    },
  },
  '/api/auth/logout': {
    post: {
      operationId: 'logout',
      tags: ['auth'],
      summary: 'Revoke a refresh token and end its session (idempotent)',
      description: rateLimited,
      security: [],
      'x-permission': 'public',
      requestBody: { required: true, content: jsonContent(RefreshRequest, { refreshToken: exampleRefreshToken }) },
      responses: {
        '204': { description: 'Signed out' },
        ...errorResponses(400, 422, 429),
      },
    },
  },
}
