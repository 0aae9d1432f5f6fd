import { z } from 'zod'
import 'zod-openapi'
import { permissions, scopedResources } from '../../auth/permissions.js'
import { multiLine, singleLine } from '../../http/schemas.js'
import { Permission, RoleScopes } from '../auth/auth.schemas.js'

export const RoleIdParams = z.object({ id: z.string().meta({ description: 'Role id (uuid)', format: 'uuid' }) })

export const RoleDto = z
  .object({
    id: z.uuid(),
    key: z.string().nullable().meta({ description: 'admin, manager, sales, service or viewer for built-in roles; null for custom ones' }),
    name: z.string().meta({ example: '店长' }),
    description: z.string().nullable(),
    permissions: z.array(Permission),
    scopes: RoleScopes,
    mfaRequired: z.boolean().meta({ description: 'Its users must sign in with two-factor authentication' }),
    builtIn: z.boolean().meta({ description: 'Built-in roles cannot be deleted; admin cannot be changed either' }),
    userCount: z.number().int().min(0).meta({ description: 'Users holding it (disabled ones too)' }),
  })
  .meta({ id: 'RoleDto' })

export const RoleList = z
  .object({ items: z.array(RoleDto) })
  .meta({ id: 'RoleList', description: 'Built-in roles first (admin, manager, sales, service, viewer), then custom ones by name' })

// Checked against the catalogue by the service, so an unknown one is named in the message; documented as the enum.
const permissionList = z
  .array(z.string().max(100))
  .max(permissions.length * 2)
  .meta({ override: { type: 'array', items: { $ref: '#/components/schemas/Permission' } } })

const roleFields = {
  name: singleLine(1, 30).meta({ example: '店长' }),
  description: multiLine(200).nullable(),
  permissions: permissionList,
  scopes: RoleScopes,
  mfaRequired: z.boolean(),
}

export const RoleInput = z
  .strictObject({
    name: roleFields.name,
    description: roleFields.description.optional(),
    permissions: roleFields.permissions,
    scopes: roleFields.scopes,
    mfaRequired: roleFields.mfaRequired.optional(),
  })
  .meta({ id: 'RoleInput' })

export const RolePatch = z
  .strictObject(roleFields)
  .partial()
  .meta({ id: 'RolePatch', description: 'The built-in admin role cannot be changed (409 ROLE_BUILT_IN)' })

export const PermissionItem = z
  .object({
    key: Permission,
    resource: z.string().meta({ example: 'customer' }),
    label: z.string().meta({ description: "In the request's language", example: '查看客户' }),
  })
  .meta({ id: 'PermissionItem' })

export const PermissionCatalogue = z
  .object({
    items: z.array(PermissionItem),
    scopedResources: z.array(z.enum(scopedResources)).meta({ description: 'Resources a role has a data scope for' }),
  })
  .meta({ id: 'PermissionCatalogue', description: 'Every permission a role can hold, in catalogue order' })

export type RoleDtoData = z.infer<typeof RoleDto>
export type RoleInputData = z.output<typeof RoleInput>
export type RolePatchData = z.output<typeof RolePatch>
export type PermissionCatalogueData = z.infer<typeof PermissionCatalogue>
