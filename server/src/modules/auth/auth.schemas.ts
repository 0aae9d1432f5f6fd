import { z } from 'zod'
import 'zod-openapi'
import { singleLine } from '../../http/schemas.js'

export const Role = z.enum(['admin', 'manager', 'sales']).meta({ id: 'Role' })

export const User = z
  .object({
    id: z.uuid(),
    username: z.string().meta({ example: 'sales1' }),
    displayName: z.string().meta({ example: '李娜' }),
    role: Role,
  })
  .meta({ id: 'User' })

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
