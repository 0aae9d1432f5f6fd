/**
 * The permission catalogue: every `resource:action` a role can hold. Routes declare the one they need
 * (requirePermission, and `x-permission` in the OpenAPI document); the admin role always holds all of them.
 */
export const permissions = [
  'customer:read',
  'customer:create',
  'customer:update',
  'customer:delete',
  // Choose or change who owns a customer (one, bulk, or all of a departing user's customers).
  'customer:assign',
  'customer:merge',
  // Act on many customers at once (each action also needs its own permission: delete, assign).
  'customer:bulk',
  // Delete a customer from the trash for good.
  'customer:purge',
  // Save a customer whose phone or email another customer already has (with a reason kept in the history).
  'customer:force_duplicate',
  // Export filtered lists to CSV, XLSX or JSON (each export is audited).
  'customer:export',
  // Import customers, contacts and orders from CSV, XLSX or JSON files.
  'customer:import',
  // See full phone numbers and email addresses (each reveal is audited); without it they are masked.
  'customer:reveal_phone',
  // Change an order's amount or item prices after it was recorded.
  'order:update_amount',
  // Tags, groups, levels and relationship types.
  'settings:manage',
  // Custom field definitions: they change what every customer record must hold.
  'custom_field:manage',
  'user:manage',
  'role:manage',
  'team:manage',
  'audit:read',
  'api_key:manage',
  // Password policy, lockout and expiry settings.
  'security:manage',
  // The feedback inbox: read feedback (within the feedback scope) and the CSAT / NPS figures.
  'feedback:read',
  // Work on feedback: assign, change status, add internal notes and reply records, link to a customer.
  'feedback:manage',
  // QR channels (stores, staff codes): create, print, reissue, disable.
  'channel:manage',
  // Database backups: make, download and list them (restoring is an operator's command, not an endpoint).
  'backup:manage',
  // Outgoing webhooks: subscriptions, their delivery log and replays.
  'webhook:manage',
] as const

export type Permission = (typeof permissions)[number]

export const isPermission = (value: string): value is Permission => (permissions as readonly string[]).includes(value)

/**
 * Resources whose rows are limited by a data scope; related records (contacts, orders, …) follow their customer.
 * feedback: own = attributed to or assigned to the caller, team = arrived through a store in the caller's teams.
 */
export const scopedResources = ['customer', 'audit', 'feedback'] as const
export type ScopedResource = (typeof scopedResources)[number]
export const dataScopes = ['own', 'team', 'all'] as const
export type DataScope = (typeof dataScopes)[number]
export type RoleScopes = Record<ScopedResource, DataScope>

export const builtInRoleKeys = ['admin', 'manager', 'sales', 'service', 'viewer'] as const
export type BuiltInRoleKey = (typeof builtInRoleKeys)[number]

/**
 * What the access_control migration stored for the built-in roles (admins may change all but `admin` later).
 * Tests and the seed read it; the admin role is never read from the database: it holds every permission.
 */
export const builtInRoles: Record<BuiltInRoleKey, { name: string; permissions: readonly Permission[]; scopes: RoleScopes }> = {
  admin: { name: '管理员', permissions, scopes: { customer: 'all', audit: 'all', feedback: 'all' } },
  manager: {
    name: '销售经理',
    permissions: [
      'customer:read', 'customer:create', 'customer:update', 'customer:delete', 'customer:assign', 'customer:merge',
      'customer:bulk', 'customer:force_duplicate', 'customer:export', 'customer:import', 'customer:reveal_phone', 'order:update_amount',
      'settings:manage', 'audit:read', 'feedback:read', 'feedback:manage', 'channel:manage',
    ],
    scopes: { customer: 'team', audit: 'team', feedback: 'team' },
  },
  sales: {
    name: '销售',
    permissions: ['customer:read', 'customer:create', 'customer:update', 'feedback:read'],
    scopes: { customer: 'own', audit: 'own', feedback: 'own' },
  },
  service: {
    name: '客服',
    permissions: ['customer:read', 'customer:update', 'customer:reveal_phone', 'feedback:read', 'feedback:manage'],
    scopes: { customer: 'all', audit: 'own', feedback: 'all' },
  },
  viewer: { name: '只读', permissions: ['customer:read', 'feedback:read'], scopes: { customer: 'all', audit: 'own', feedback: 'all' } },
}

/** Reads a role row's stored scopes; anything missing or unknown is the narrowest scope. */
export const scopesOf = (stored: unknown): RoleScopes => {
  const value = typeof stored === 'object' && stored !== null ? (stored as Record<string, unknown>) : {}
  const pick = (resource: ScopedResource): DataScope => {
    const scope = value[resource]
    return typeof scope === 'string' && (dataScopes as readonly string[]).includes(scope) ? (scope as DataScope) : 'own'
  }
  return { customer: pick('customer'), audit: pick('audit'), feedback: pick('feedback') }
}

/** A role row's effective permissions: the stored ones that the catalogue knows, or all of them for admin. */
export const permissionsOf = (role: { key: string | null; permissions: readonly string[] }): Permission[] =>
  role.key === 'admin' ? [...permissions] : role.permissions.filter(isPermission)

export const effectiveScopes = (role: { key: string | null; scopes: unknown }): RoleScopes =>
  role.key === 'admin' ? { customer: 'all', audit: 'all', feedback: 'all' } : scopesOf(role.scopes)
