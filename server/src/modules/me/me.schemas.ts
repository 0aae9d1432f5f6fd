import { z } from 'zod'
import 'zod-openapi'
import { CustomerSummary } from '../customers/customers.schemas.js'

export const RegistrationsQuery = z
  .strictObject({
    period: z
      .enum(['today', 'week'])
      .default('today')
      .meta({ description: 'today: since 00:00 China time (UTC+8); week: since Monday 00:00 China time' }),
    cursor: z.string().max(200).optional().meta({ description: 'nextCursor of the previous page' }),
    limit: z.coerce.number().int().min(1).max(100).default(20),
  })
  .meta({ id: 'RegistrationsQuery' })

export const RegistrationPage = z
  .object({
    items: z.array(CustomerSummary).meta({ description: 'Newest first; phones and emails masked' }),
    nextCursor: z.string().nullable().meta({ description: 'Pass as `cursor` for the next page; null on the last page' }),
  })
  .meta({ id: 'RegistrationPage', description: 'Customers the signed-in user registered in the period, within their customer scope' })

export type RegistrationsQueryData = z.output<typeof RegistrationsQuery>
export type RegistrationPageDto = z.infer<typeof RegistrationPage>
