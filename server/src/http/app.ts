import type { IncomingMessage } from 'node:http'
import compression from 'compression'
import cors from 'cors'
import express, { type Express, Router } from 'express'
import helmet from 'helmet'
import type { Logger } from 'pino'
import { pinoHttp } from 'pino-http'
import type { AccessTokens } from '../auth/access-tokens.js'
import { authenticate } from '../auth/middleware.js'
import type { Db } from '../db/prisma.js'
import { accountRouter } from '../modules/account/account.routes.js'
import type { AccountService } from '../modules/account/account.service.js'
import { apiKeysRouter } from '../modules/api-keys/api-keys.routes.js'
import type { ApiKeysService } from '../modules/api-keys/api-keys.service.js'
import { authRouter } from '../modules/auth/auth.routes.js'
import type { AuthService } from '../modules/auth/auth.service.js'
import { customerSourcesRouter, customersRouter, customerTrashRouter } from '../modules/customers/customers.routes.js'
import type { CustomersService } from '../modules/customers/customers.service.js'
import { healthRouter } from '../modules/health/health.routes.js'
import type { HealthService } from '../modules/health/health.service.js'
import { meRouter } from '../modules/me/me.routes.js'
import type { MeService } from '../modules/me/me.service.js'
import { wechatBindingRouter, wechatSignInRouter } from '../modules/wechat/wechat.routes.js'
import type { WechatService } from '../modules/wechat/wechat.service.js'
import { activitiesRouter } from '../modules/activities/activities.routes.js'
import type { ActivitiesService } from '../modules/activities/activities.service.js'
import { contactsRouter } from '../modules/contacts/contacts.routes.js'
import { customerViewsRouter } from '../modules/customer-views/customer-views.routes.js'
import type { CustomerViewsService } from '../modules/customer-views/customer-views.service.js'
import type { ContactsService } from '../modules/contacts/contacts.service.js'
import { ordersRouter } from '../modules/orders/orders.routes.js'
import type { OrdersService } from '../modules/orders/orders.service.js'
import { preferencesRouter } from '../modules/preferences/preferences.routes.js'
import type { PreferencesService } from '../modules/preferences/preferences.service.js'
import { securitySettingsRouter } from '../modules/security-settings/security-settings.routes.js'
import type { SecuritySettingsService } from '../modules/security-settings/security-settings.service.js'
import { settingsRouter } from '../modules/settings/settings.routes.js'
import type { SettingsService } from '../modules/settings/settings.service.js'
import { timelineRouter } from '../modules/timeline/timeline.routes.js'
import { feedbackRouter } from '../modules/feedback/feedback.routes.js'
import { channelsRouter } from '../modules/channels/channels.routes.js'
import type { ChannelsService } from '../modules/channels/channels.service.js'
import { publicIntakeRouter } from '../modules/public-intake/public-intake.routes.js'
import type { PublicIntakeService } from '../modules/public-intake/public-intake.service.js'
import type { FeedbackService } from '../modules/feedback/feedback.service.js'
import type { TimelineService } from '../modules/timeline/timeline.service.js'
import { usersRouter } from '../modules/users/users.routes.js'
import { adminUsersRouter } from '../modules/admin-users/admin-users.routes.js'
import type { AdminUsersService } from '../modules/admin-users/admin-users.service.js'
import { auditLogsRouter } from '../modules/audit-logs/audit-logs.routes.js'
import type { AuditLogsService } from '../modules/audit-logs/audit-logs.service.js'
import { permissionsRouter, rolesRouter } from '../modules/roles/roles.routes.js'
import type { RolesService } from '../modules/roles/roles.service.js'
import { teamsRouter } from '../modules/teams/teams.routes.js'
import type { TeamsService } from '../modules/teams/teams.service.js'
import type { UsersService } from '../modules/users/users.service.js'
import { attachContext, requestIdOf } from './context.js'
import { docsRouter } from './docs.js'
import type { DataTransferServices } from '../modules/data-transfer.js'
import { importsRouter } from '../modules/imports/imports.routes.js'
import { exportsRouter } from '../modules/exports/exports.routes.js'
import { backupsRouter } from '../modules/backups/backups.routes.js'
import { webhooksRouter } from '../modules/webhooks/webhooks.routes.js'
import { errorHandler } from './error-handler.js'
import { AppError } from './errors.js'
import { buildOpenApiDocument } from './openapi.js'
import { authRateLimit, publicRateLimit, type RateLimitOptions } from './rate-limit.js'
import { singlePageApp } from './static.js'
import './validation.js'

/** The customer's related records and the settings (contacts, orders, activities, timeline, settings, users, preferences). */
export interface RelatedServices {
  contacts: ContactsService
  orders: OrdersService
  activities: ActivitiesService
  timeline: TimelineService
  settings: SettingsService
  users: UsersService
  preferences: PreferencesService
  customerViews: CustomerViewsService
  teams: TeamsService
  roles: RolesService
  adminUsers: AdminUsersService
  auditLogs: AuditLogsService
}

/** The signed-in user's own account and the security administration (password policy, API keys). */
export interface AccountServices {
  account: AccountService
  securitySettings: SecuritySettingsService
  apiKeys: ApiKeysService
  /** One-tap WeChat sign-in and the user's WeChat binding. */
  wechat: WechatService
  /** The signed-in user's own records (their registrations). */
  me: MeService
}

/** QR channels, the public forms they lead to, and the feedback inbox. */
export interface IntakeServices {
  channels: ChannelsService
  publicIntake: PublicIntakeService
  feedback: FeedbackService
}

export interface AppDependencies {
  db: Db
  logger: Logger
  accessTokens: AccessTokens
  /** Per-IP request limits; unset parts use the defaults of http/rate-limit.ts (tests lower or raise them). */
  rateLimits?: Partial<RateLimitOptions>
  /** Origins allowed to call the API from another site's pages (CORS_ORIGINS); none = same origin only. */
  corsOrigins?: readonly string[]
  /** TRUST_PROXY as given: `true`, a hop count, or addresses/subnets (see Express's `trust proxy`). */
  trustProxy?: string | undefined
  services: { auth: AuthService; customers: CustomersService; health: HealthService } & RelatedServices & AccountServices & IntakeServices &
    DataTransferServices
  frontEnds: { adminWebDist: string; intakeH5Dist: string }
}

const apiRouter = ({ db, accessTokens, services, rateLimits }: AppDependencies): Router => {
  const api = Router()
  // Before the API's JSON parser: public bodies have a smaller limit of their own (16 KB), and no sign-in.
  api.use('/public', publicRateLimit(rateLimits), publicIntakeRouter(services.publicIntake, rateLimits))
  api.use(express.json({ limit: '256kb', type: ['application/json', 'application/*+json'] }))
  api.use(authenticate(db, accessTokens))
  api.use('/health', healthRouter(services.health))
  api.use('/auth', authRateLimit(rateLimits), authRouter(services.auth), wechatSignInRouter(services.wechat))
  api.use('/me/preferences', preferencesRouter(services.preferences))
  api.use('/me', meRouter(services.me), accountRouter(services.account), wechatBindingRouter(services.wechat))
  api.use('/security-settings', securitySettingsRouter(services.securitySettings))
  api.use('/api-keys', apiKeysRouter(services.apiKeys))
  api.use('/customers/:id/contacts', contactsRouter(services.contacts))
  api.use('/customers/:id/orders', ordersRouter(services.orders))
  api.use('/customers/:id/activities', activitiesRouter(services.activities))
  api.use('/customers/:id/timeline', timelineRouter(services.timeline))
  api.use('/users', usersRouter(services.users))
  api.use('/teams', teamsRouter(services.teams))
  api.use('/roles', rolesRouter(services.roles))
  api.use('/permissions', permissionsRouter(services.roles))
  api.use('/admin/users', adminUsersRouter(services.adminUsers))
  api.use('/audit-logs', auditLogsRouter(services.auditLogs))
  api.use('/feedback', feedbackRouter(services.feedback))
  api.use('/channels', channelsRouter(services.channels))
  api.use('/imports', importsRouter(services.imports))
  api.use('/exports', exportsRouter(services.exports))
  api.use('/backups', backupsRouter(services.backups))
  api.use('/webhooks', webhooksRouter(services.webhooks))
  api.use(settingsRouter(services.settings))
  api.use('/customer-views', customerViewsRouter(services.customerViews))
  api.use('/customer-sources', customerSourcesRouter(services.customers))
  api.use('/customers', customersRouter(services.customers))
  api.use('/trash/customers', customerTrashRouter(services.customers))

  const openApiDocument = buildOpenApiDocument()
  api.get('/openapi.json', (_req, res) => {
    res.json(openApiDocument)
  })
  api.use('/docs', docsRouter())
  api.use(() => {
    throw new AppError('NOT_FOUND')
  })
  return api
}

const trustProxySetting = (value: string): boolean | number | string => {
  if (value === 'true' || value === 'false') return value === 'true'
  return /^\d+$/.test(value) ? Number(value) : value
}

export const createApp = (deps: AppDependencies): Express => {
  const app = express()
  app.disable('x-powered-by')
  // Only behind a known proxy may X-Forwarded-For name the client (audit, sessions and rate limits use it).
  if (deps.trustProxy !== undefined) app.set('trust proxy', trustProxySetting(deps.trustProxy))
  app.use(
    pinoHttp({
      logger: deps.logger,
      genReqId: (req: IncomingMessage) => requestIdOf(req as express.Request),
      customLogLevel: (_req, res, error) => {
        if (error !== undefined || res.statusCode >= 500) return 'error'
        return res.statusCode >= 400 ? 'warn' : 'info'
      },
      // Static files would drown the log; API calls are what operators need to see.
      autoLogging: { ignore: (req) => !(req.url ?? '').startsWith('/api') },
      // Only what identifies the call: headers carry bearer tokens, and query strings carry what people searched
      // for (phone numbers, emails), which the database itself keeps only encrypted.
      serializers: {
        req: (req: { id?: unknown; method?: string; url?: string }) => ({ id: req.id, method: req.method, path: (req.url ?? '').split('?')[0] }),
        res: (res: { statusCode?: number }) => ({ statusCode: res.statusCode }),
      },
    }),
  )
  // The front ends are built by other tools and may use inline scripts, so no Content-Security-Policy here.
  app.use(helmet({ contentSecurityPolicy: false }))
  // Without an allow-list no CORS header is sent at all, so browsers keep other sites' pages away from the API.
  // Tokens travel in the Authorization header, never in cookies: no credentials mode is needed.
  if (deps.corsOrigins !== undefined && deps.corsOrigins.length > 0) {
    app.use('/api', cors({ origin: [...deps.corsOrigins], exposedHeaders: ['Retry-After'], maxAge: 600 }))
  }
  // The fastest level: list answers are small and a request's time matters more than a few hundred bytes.
  app.use(compression({ level: 1 }))
  app.use(attachContext)
  app.use('/api', apiRouter(deps))
  app.use('/m', singlePageApp(deps.frontEnds.intakeH5Dist, '客知 · 客户登记 (H5)'))
  app.use('/', singlePageApp(deps.frontEnds.adminWebDist, '客知 CRM 控制台'))
  app.use(() => {
    throw new AppError('NOT_FOUND')
  })
  app.use(errorHandler)
  return app
}
