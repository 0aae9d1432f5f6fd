import type { Role } from '../generated/prisma/enums.js'

export const permissions = [
  'customer:read',
  'customer:create',
  'customer:update',
  'customer:delete',
  // Choose or change who owns a customer.
  'customer:assign',
] as const

export type Permission = (typeof permissions)[number]

export const rolePermissions: Record<Role, readonly Permission[]> = {
  admin: permissions,
  manager: permissions,
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
