import { z } from 'zod'
import 'zod-openapi'
import { dataScopes, permissions } from '../../auth/permissions.js'
import { singleLine } from '../../http/schemas.js'

export const RoleKey = z
  .enum(['admin', 'manager', 'sales', 'service', 'viewer', 'custom'])
  .meta({ id: 'RoleKey', description: 'The built-in role, or `custom` for a role administrators made' })

export const Permission = z.enum(permissions).meta({ id: 'Permission' })
export const DataScope = z.enum(dataScopes).meta({ id: 'DataScope', description: 'own, team (with sub-teams) or all' })
export const RoleScopes = z
  .strictObject({ customer: DataScope, audit: DataScope })
  .meta({ id: 'RoleScopes', description: 'Which rows of each scoped resource the role reaches' })

export const User = z
  .object({
    id: z.uuid(),
    username: z.string().meta({ example: 'sales1' }),
    displayName: z.string().meta({ example: '李娜' }),
    role: RoleKey,
    roleId: z.uuid(),
    roleName: z.string().meta({ example: '销售' }),
    teamId: z.uuid(),
    permissions: z.array(Permission),
    scopes: RoleScopes,
    passwordChangeRequired: z.boolean().meta({ description: 'Only changing the password is allowed until it is changed' }),
  })
  .meta({ id: 'User', description: 'The signed-in user (or the user an API key acts as) and what they may do' })

export const StaffMember = z
  .object({ id: z.uuid(), username: z.string(), displayName: z.string(), teamId: z.uuid() })
  .meta({ id: 'StaffMember' })

export const LoginRequest = z
  .object({
    username: singleLine(1, 64).meta({ example: 'admin' }),
    password: z.string().min(1).max(128),
  })
  .meta({ id: 'LoginRequest' })

export const RefreshRequest = z
  .object({ refreshToken: z.string().min(1).max(512) })
  .meta({ id: 'RefreshRequest' })

export const LoginResponse = z
  .object({
    accessToken: z.string().meta({ description: 'JWT for `Authorization: Bearer`, valid 15 minutes' }),
    refreshToken: z.string().meta({ description: 'Opaque token, single use: each refresh returns a new one' }),
    user: User,
  })
  .meta({ id: 'LoginResponse' })

export type UserDto = z.infer<typeof User>
export type LoginResponseDto = z.infer<typeof LoginResponse>
