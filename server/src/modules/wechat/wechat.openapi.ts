import type { ZodOpenApiPathsObject } from 'zod-openapi'
import { exampleLoginResponse } from '../../http/openapi-examples.js'
import { ErrorResponse, errorResponses, jsonContent } from '../../http/schemas.js'
import { LoginResult } from '../auth/auth.schemas.js'
import { AuthOptions, WechatBinding, WechatCodeRequest } from './wechat.schemas.js'

const wechatUnavailable = {
  '502': { description: 'WeChat could not be reached or refused the app credentials (`WECHAT_UNAVAILABLE`)', content: jsonContent(ErrorResponse) },
}
const ownAccountOnly = 'For signed-in people only: API keys get 403.'
// What `wx.login()` hands the mini-program: single use, valid five minutes.
const wxLoginCode = '0e3Xk2Ga1vQn8K0xRbHa1nLwCx3Xk2GT'
const boundBinding = { available: true, bound: true, boundAt: '2025-10-08T01:26:14.000Z' }
const notConfigured = '404 `WECHAT_NOT_CONFIGURED` when WECHAT_APP_ID / WECHAT_APP_SECRET are not set.'

export const wechatPaths: ZodOpenApiPathsObject = {
  '/api/auth/options': {
    get: {
      operationId: 'getAuthOptions',
      tags: ['auth'],
      summary: 'Which sign-in methods are available (the apps hide WeChat sign-in when it is off)',
      security: [],
      'x-permission': 'public',
      responses: { '200': { description: 'Available methods', content: jsonContent(AuthOptions, { wechat: true }) }, ...errorResponses(429) },
    },
  },
  '/api/auth/wechat': {
    post: {
      operationId: 'loginWithWechat',
      tags: ['auth'],
      summary: 'One-tap sign-in with the `wx.login` code of a WeChat account bound to a user',
      description: `The code is exchanged with WeChat (code2Session) for the openid; the user bound to it signs in exactly like with a password: tokens, or an MFA challenge. Unbound → 401 \`WECHAT_NOT_BOUND\`; a code WeChat rejects (invalid or used) → 401 \`WECHAT_CODE_INVALID\`; a disabled user → 401 \`INVALID_CREDENTIALS\`; a locked account → 423. ${notConfigured} Rate limited per IP address like the other sign-in steps.`,
      security: [],
      'x-permission': 'public',
      requestBody: { required: true, content: jsonContent(WechatCodeRequest, { code: wxLoginCode }) },
      responses: {
        '200': { description: 'Signed in, or the MFA step is due', content: jsonContent(LoginResult, exampleLoginResponse) },
        ...errorResponses(400, 401, 404, 422, 423, 429),
        ...wechatUnavailable,
      },
    },
  },
  '/api/me/wechat': {
    get: {
      operationId: 'getMyWechat',
      tags: ['me'],
      summary: 'Whether WeChat is available and bound to the signed-in user',
      description: ownAccountOnly,
      'x-permission': 'authenticated',
      responses: { '200': { description: 'The binding', content: jsonContent(WechatBinding, boundBinding) }, ...errorResponses(401, 403) },
    },
    post: {
      operationId: 'bindMyWechat',
      tags: ['me'],
      summary: 'Bind the WeChat account behind a `wx.login` code to the signed-in user (replaces an earlier binding)',
      description: `A WeChat account bound to another user → 409 \`WECHAT_ALREADY_BOUND\`. ${notConfigured} Audited (\`wechat_bind\`). ${ownAccountOnly}`,
      'x-permission': 'authenticated',
      requestBody: { required: true, content: jsonContent(WechatCodeRequest, { code: wxLoginCode }) },
      responses: {
        '200': { description: 'Bound', content: jsonContent(WechatBinding, boundBinding) },
        ...errorResponses(400, 401, 403, 404, 409, 422),
        ...wechatUnavailable,
      },
    },
    delete: {
      operationId: 'unbindMyWechat',
      tags: ['me'],
      summary: 'Remove the WeChat binding of the signed-in user (nothing bound: nothing to do)',
      description: `Works whether WeChat is configured or not. Audited (\`wechat_unbind\`). ${ownAccountOnly}`,
      'x-permission': 'authenticated',
      responses: { '204': { description: 'Not bound (any more)' }, ...errorResponses(401, 403) },
    },
  },
}
