import { z } from 'zod'
import 'zod-openapi'

export const Health = z
  .object({ status: z.enum(['ok', 'unavailable']) })
  .meta({ id: 'Health', description: '`ok` when the database answers, `unavailable` otherwise' })
