import { fileURLToPath } from 'node:url'
import { createDocument } from 'zod-openapi'
import { accountPaths } from '../modules/account/account.openapi.js'
import { apiKeysPaths } from '../modules/api-keys/api-keys.openapi.js'
import { authPaths } from '../modules/auth/auth.openapi.js'
import { customersPaths } from '../modules/customers/customers.openapi.js'
import { CustomFieldFilters } from '../modules/customers/customers.schemas.js'
import { healthPaths } from '../modules/health/health.openapi.js'
import { mePaths } from '../modules/me/me.openapi.js'
import { wechatPaths } from '../modules/wechat/wechat.openapi.js'
import { relatedPaths, relatedTags } from '../modules/related.openapi.js'
import { feedbackPaths, feedbackTags } from '../modules/feedback/feedback.openapi.js'
import { channelsPaths } from '../modules/channels/channels.openapi.js'
import { publicIntakePaths } from '../modules/public-intake/public-intake.openapi.js'
import { adminUsersPaths } from '../modules/admin-users/admin-users.openapi.js'
import { auditLogsPaths } from '../modules/audit-logs/audit-logs.openapi.js'
import { rolesPaths } from '../modules/roles/roles.openapi.js'
import { teamsPaths } from '../modules/teams/teams.openapi.js'
import { importsPaths } from '../modules/imports/imports.openapi.js'
import { exportsPaths } from '../modules/exports/exports.openapi.js'
import { backupsPaths } from '../modules/backups/backups.openapi.js'
import { webhooksOutgoing, webhooksPaths } from '../modules/webhooks/webhooks.openapi.js'
import { securitySettingsPaths } from '../modules/security-settings/security-settings.openapi.js'

export type OpenApiDocument = ReturnType<typeof createDocument>

// Markdown, shown at the top of /api/docs.
const apiDescription = `The open API of Kezhi CRM (客知): everything the console does, for integrations.

## Authorisation
Every operation not marked public needs \`Authorization: Bearer <token>\` (in these docs: **Authorize**, then paste
the token). Two kinds of token work:

- **API key** \`kz_…\` — for integrations. An administrator creates it in the console at **系统管理 → API 密钥**
  (permission \`api_key:manage\`), choosing the role it acts with and the user it acts as; the key is shown once. It
  reaches every operation its role allows (\`x-permission\` on each operation) and no further: customers outside
  the role's data scope answer 404. \`X-API-Key: kz_…\` is accepted too. Operations on one's own account (\`/api/me/…\`
  passwords, two-factor authentication, sessions) answer 403 to API keys.
- **Access token** (JWT, valid 15 minutes) from \`POST /api/auth/login\`, renewed with \`POST /api/auth/refresh\`.

## Errors
Every error answers with the shape \`ErrorResponse\`: \`{ code, message, details }\`; \`code\` is stable (see
\`ErrorCode\`), \`details\` names the offending fields (\`{ field, message }\`). Messages follow \`Accept-Language\`
(zh-CN by default, en-US).

## Conventions
Times are ISO 8601 in UTC; amounts are decimal strings (\`"1280.00"\`, yuan); phones and emails are masked
(\`138****5678\`) everywhere except the audited reveal operations; lists page with \`cursor\` and \`nextCursor\`;
a creation retried with the same \`Idempotency-Key\` is not repeated. The examples of each operation show real
answers of a small store, 杭州西湖店.`

/** The API description, generated from the same zod schemas the handlers validate with. */
export const buildOpenApiDocument = (): OpenApiDocument =>
  createDocument({
    openapi: '3.1.0',
    info: {
      title: 'Kezhi CRM API',
      version: '0.1.0',
      description: apiDescription,
    },
    tags: [
      { name: 'health', description: 'Service status' },
      { name: 'auth', description: 'Sign in, token refresh, sign out' },
      { name: 'me', description: 'The signed-in user: password, two-factor authentication, sessions' },
      { name: 'security', description: 'Password policy, lockout and API keys' },
      { name: 'customers', description: 'Customer records' },
      ...relatedTags,
      ...feedbackTags,
      { name: 'channels', description: 'QR channels of the stores: feedback and self-registration codes' },
      { name: 'public', description: 'Open without signing in: the forms reached through QR codes' },
      { name: 'administration', description: 'Teams, roles and permissions, user accounts, the audit log' },
      { name: 'imports', description: 'Importing customers, contacts and orders from CSV, XLSX and JSON files' },
      { name: 'exports', description: 'Exporting filtered customer lists to CSV, XLSX and JSON' },
      { name: 'backups', description: 'Database backups' },
      { name: 'webhooks', description: 'Outgoing webhooks: subscriptions, deliveries, replays' },
    ],
    security: [{ bearerAuth: [] }],
    components: {
      securitySchemes: {
        bearerAuth: {
          type: 'http',
          scheme: 'bearer',
          description:
            'An API key `kz_…` (create one in the console at 系统管理 → API 密钥), or the access token (JWT) of ' +
            '`POST /api/auth/login`. Paste it without the word Bearer.',
        },
      },
      // Travels JSON-encoded in a query string, so no operation refers to it; listed to document its shape.
      schemas: { CustomFieldFilters },
    },
    paths: {
      ...healthPaths, ...authPaths, ...wechatPaths, ...mePaths, ...accountPaths, ...securitySettingsPaths, ...apiKeysPaths, ...customersPaths,
      ...relatedPaths, ...teamsPaths, ...rolesPaths, ...adminUsersPaths, ...auditLogsPaths,
      ...feedbackPaths, ...channelsPaths, ...publicIntakePaths,
      ...importsPaths, ...exportsPaths, ...backupsPaths, ...webhooksPaths,
    },
    // What Kezhi sends to the subscribed URLs (OpenAPI 3.1 `webhooks`).
    webhooks: webhooksOutgoing,
  }, {
    // zod renders uuid and date-time formats with long regexes; `format` alone says it and keeps the
    // document readable for people and for generated clients.
    override: ({ jsonSchema }) => {
      if (jsonSchema.format === 'uuid' || jsonSchema.format === 'date-time') delete jsonSchema.pattern
    },
  })

export const serializeOpenApiDocument = (document: OpenApiDocument): string => `${JSON.stringify(document, null, 2)}\n`

export const openApiFile = fileURLToPath(new URL('../../openapi.json', import.meta.url))
