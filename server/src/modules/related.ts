import type { CustomerAccess } from '../access/customers.js'
import type { Db } from '../db/prisma.js'
import type { RelatedServices } from '../http/app.js'
import type { DataCipher } from '../lib/crypto.js'
import { createActivitiesService } from './activities/activities.service.js'
import { createContactsService } from './contacts/contacts.service.js'
import { createCustomerViewsService } from './customer-views/customer-views.service.js'
import { createOrdersService } from './orders/orders.service.js'
import { createPreferencesService } from './preferences/preferences.service.js'
import { createSettingsService } from './settings/settings.service.js'
import { createTimelineService } from './timeline/timeline.service.js'
import { createUsersService } from './users/users.service.js'
import { createRefreshTokens } from '../auth/refresh-tokens.js'
import { createAdminUsersService } from './admin-users/admin-users.service.js'
import { createAuditLogsService } from './audit-logs/audit-logs.service.js'
import { createRolesService } from './roles/roles.service.js'
import { createTeamsService } from './teams/teams.service.js'

/** Builds the services of the customer's related records and of the settings, kept together so startServer wires them in one line. */
export const createRelatedServices = ({ db, access, cipher }: { db: Db; access: CustomerAccess; cipher: DataCipher }): RelatedServices => ({
  contacts: createContactsService({ db, access, cipher }),
  orders: createOrdersService({ db, access }),
  activities: createActivitiesService({ db, access }),
  timeline: createTimelineService({ db, access }),
  settings: createSettingsService({ db, access }),
  users: createUsersService({ db }),
  preferences: createPreferencesService({ db }),
  customerViews: createCustomerViewsService({ db }),
  teams: createTeamsService({ db }),
  roles: createRolesService({ db }),
  // Sessions are rows in the database, so this and the sign-in service's instance see the same ones.
  adminUsers: createAdminUsersService({ db, access, refreshTokens: createRefreshTokens(db) }),
  auditLogs: createAuditLogsService({ db }),
})
