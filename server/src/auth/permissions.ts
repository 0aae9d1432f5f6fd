import type { Role } from '../generated/prisma/enums.js'

export const permissions = [
  'customer:read',
  'customer:create',
  'customer:update',
  'customer:delete',
  // Choose or change who owns a customer.
  'customer:assign',
  // Save a customer whose phone or email another customer already has (with a reason kept in the history).
  'customer:force_duplicate',
  // Delete a customer from the trash for good.
  'customer:purge',
  'customer:merge',
  // Act on many customers at once (each action also needs its own permission: delete, assign).
  'customer:bulk',
  // Tags, groups, levels and relationship types.
  'settings:manage',
  // Custom field definitions: they change what every customer record must hold.
  'custom_field:manage',
] as const

export type Permission = (typeof permissions)[number]

export const rolePermissions: Record<Role, readonly Permission[]> = {
  admin: permissions,
  manager: permissions.filter((permission) => permission !== 'customer:purge' && permission !== 'custom_field:manage'),
  sales: ['customer:read', 'customer:create', 'customer:update'],
}

/** Which customers a role sees: everyone's, or only those it owns. */
export const customerScopeOfRole: Record<Role, 'all' | 'own'> = {
  admin: 'all',
  manager: 'all',
  sales: 'own',
}

export const roleHasPermission = (role: Role, permission: Permission): boolean =>
  rolePermissions[role].includes(permission)
