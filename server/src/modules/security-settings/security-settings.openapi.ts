import type { ZodOpenApiPathsObject } from 'zod-openapi'
import { errorResponses, jsonContent } from '../../http/schemas.js'
import { SecuritySettings } from './security-settings.schemas.js'

const currentSettings = { passwordMinLength: 10, passwordExpiryDays: 0, lockoutThreshold: 5, lockoutBaseSeconds: 300 }
const stricterSettings = { passwordMinLength: 12, passwordExpiryDays: 90, lockoutThreshold: 5, lockoutBaseSeconds: 600 }

export const securitySettingsPaths: ZodOpenApiPathsObject = {
  '/api/security-settings': {
    get: {
      operationId: 'getSecuritySettings',
      tags: ['security'],
      summary: 'Password policy, expiry and lockout (everyone signed in: password forms show the rules)',
      'x-permission': 'authenticated',
      responses: { '200': { description: 'The settings', content: jsonContent(SecuritySettings, currentSettings) }, ...errorResponses(401, 403) },
    },
    put: {
      operationId: 'updateSecuritySettings',
      tags: ['security'],
      summary: 'Change the password policy, expiry and lockout (audited)',
      'x-permission': 'security:manage',
      requestBody: { required: true, content: jsonContent(SecuritySettings, stricterSettings) },
      responses: { '200': { description: 'The saved settings', content: jsonContent(SecuritySettings, stricterSettings) }, ...errorResponses(401, 403, 422) },
    },
  },
}
