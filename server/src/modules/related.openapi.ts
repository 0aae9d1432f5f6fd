import type { ZodOpenApiPathsObject } from 'zod-openapi'
import { activitiesPaths } from './activities/activities.openapi.js'
import { contactsPaths } from './contacts/contacts.openapi.js'
import { customerViewsPaths } from './customer-views/customer-views.openapi.js'
import { ordersPaths } from './orders/orders.openapi.js'
import { preferencesPaths } from './preferences/preferences.openapi.js'
import { settingsPaths } from './settings/settings.openapi.js'
import { timelinePaths } from './timeline/timeline.openapi.js'
import { usersPaths } from './users/users.openapi.js'

export const relatedTags = [
  { name: 'contacts', description: "A customer's contacts (people around the customer), as a tree by reportsToId" },
  { name: 'orders', description: "A customer's orders; they drive the customer's metrics" },
  { name: 'activities', description: 'Calls, visits, WeChat messages and notes with a customer' },
  { name: 'timeline', description: "Everything that happened to a customer, newest first" },
  { name: 'settings', description: 'Tags, groups, customer levels, relationship types, custom fields' },
  { name: 'users', description: 'Staff, for pickers' },
  { name: 'customer-views', description: 'Saved customer list views (filters, columns, sort), private or shared' },
]

export const relatedPaths: ZodOpenApiPathsObject = {
  ...contactsPaths,
  ...ordersPaths,
  ...activitiesPaths,
  ...timelinePaths,
  ...settingsPaths,
  ...usersPaths,
  ...preferencesPaths,
  ...customerViewsPaths,
}
