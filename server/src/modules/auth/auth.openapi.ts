import type { ZodOpenApiPathsObject } from 'zod-openapi'
import { errorResponses, jsonContent } from '../../http/schemas.js'
import { LoginRequest, LoginResponse, RefreshRequest } from './auth.schemas.js'

export const authPaths: ZodOpenApiPathsObject = {
  '/api/auth/login': {
    post: {
      operationId: 'login',
      tags: ['auth'],
      summary: 'Sign in with username and password',
      security: [],
      requestBody: { required: true, content: jsonContent(LoginRequest) },
      responses: {
        '200': { description: 'Signed in', content: jsonContent(LoginResponse) },
        ...errorResponses(400, 401, 422),
      },
    },
  },
  '/api/auth/refresh': {
    post: {
      operationId: 'refreshTokens',
      tags: ['auth'],
      summary: 'Exchange a refresh token for new tokens (the old refresh token stops working)',
      security: [],
      requestBody: { required: true, content: jsonContent(RefreshRequest) },
      responses: {
        '200': { description: 'New tokens', content: jsonContent(LoginResponse) },
        ...errorResponses(400, 401, 422),
      },
    },
  },
  '/api/auth/logout': {
    post: {
      operationId: 'logout',
      tags: ['auth'],
      summary: 'Revoke a refresh token (idempotent)',
      security: [],
      requestBody: { required: true, content: jsonContent(RefreshRequest) },
      responses: {
        '204': { description: 'Signed out' },
        ...errorResponses(400, 422),
      },
    },
  },
}
