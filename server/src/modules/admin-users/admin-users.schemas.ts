import { z } from 'zod'
import 'zod-openapi'
import { IsoDateTime, singleLine } from '../../http/schemas.js'

export const ManagedUserIdParams = z.object({ id: z.string().meta({ description: 'User id (uuid)', format: 'uuid' }) })

export const ManagedUser = z
  .object({
    id: z.uuid(),
    username: z.string().meta({ example: 'sales1' }),
    displayName: z.string().meta({ example: '李娜' }),
    roleId: z.uuid(),
    roleName: z.string().meta({ example: '销售' }),
    teamId: z.uuid(),
    teamName: z.string().meta({ example: '杭州西湖店' }),
    disabled: z.boolean(),
    mfaEnabled: z.boolean(),
    wechatBound: z.boolean().meta({ description: 'A WeChat account is bound: the user signs in with one tap in the intake app' }),
    lockedUntil: IsoDateTime.nullable().meta({ description: 'Set while sign-in is locked after failed attempts' }),
    lastLoginAt: IsoDateTime.nullable(),
    passwordChangedAt: IsoDateTime,
    customerCount: z.number().int().min(0).meta({ description: 'Customers the user owns, outside the trash' }),
  })
  .meta({ id: 'ManagedUser' })

export const ManagedUserList = z
  .object({ items: z.array(ManagedUser) })
  .meta({ id: 'ManagedUserList', description: 'Active users first, then by display name' })

const username = z
  .string()
  .trim()
  .regex(/^[A-Za-z0-9._-]{2,64}$/, { error: 'validation.username' })
  .meta({ description: '2–64 letters, digits, dots, underscores or hyphens; unique regardless of case', example: 'sales3' })
const displayName = singleLine(1, 50).meta({ example: '赵敏' })
// Not trimmed: spaces are part of a password. The policy (length, common passwords) is checked by the server.
const password = z.string().min(1).max(128).meta({ description: 'Checked against the password policy (security settings)' })

export const ManagedUserInput = z
  .strictObject({ username, displayName, password, roleId: z.uuid(), teamId: z.uuid() })
  .meta({ id: 'ManagedUserInput' })

export const ManagedUserPatch = z
  .strictObject({ displayName, roleId: z.uuid(), teamId: z.uuid(), disabled: z.boolean() })
  .partial()
  .meta({
    id: 'ManagedUserPatch',
    description: 'Disabling ends every session at once; nobody can disable themselves or change their own role (409 CANNOT_CHANGE_SELF)',
  })

export const ResetPasswordInput = z
  .strictObject({ password })
  .meta({ id: 'ResetPasswordInput', description: 'The user must choose a new password at the next sign-in' })

export const HandoverInput = z
  .strictObject({ toUserId: z.uuid().meta({ description: 'The active user who takes the customers over' }) })
  .meta({ id: 'HandoverInput' })

export const HandoverResult = z
  .object({ count: z.number().int().min(0).meta({ description: 'Customers moved (trash included)', example: 42 }) })
  .meta({ id: 'HandoverResult' })

export type ManagedUserData = z.infer<typeof ManagedUser>
export type ManagedUserInputData = z.output<typeof ManagedUserInput>
export type ManagedUserPatchData = z.output<typeof ManagedUserPatch>
