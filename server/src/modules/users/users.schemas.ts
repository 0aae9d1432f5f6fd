import { z } from 'zod'
import 'zod-openapi'
import { StaffMember } from '../auth/auth.schemas.js'

export const UserList = z
  .object({ items: z.array(StaffMember) })
  .meta({ id: 'UserList', description: 'Active staff, by display name (for owner pickers)' })

export type UserListDto = z.infer<typeof UserList>
