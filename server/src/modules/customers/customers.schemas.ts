import { z } from 'zod'
import 'zod-openapi'
import { IsoDateTime, multiLine, singleLine } from '../../http/schemas.js'

export const mainlandMobile = /^1[3-9]\d{9}$/

export const Gender = z.enum(['male', 'female', 'unknown']).meta({ id: 'Gender' })

export const CustomerOwner = z
  .object({ id: z.uuid(), displayName: z.string().meta({ example: '李娜' }) })
  .meta({ id: 'CustomerOwner' })

export const Customer = z
  .object({
    id: z.uuid(),
    name: z.string().meta({ example: '陈晓明' }),
    gender: Gender,
    phone: z.string().nullable().meta({ example: '13800138000' }),
    email: z.string().nullable(),
    province: z.string().nullable().meta({ example: '浙江省' }),
    city: z.string().nullable().meta({ example: '杭州市' }),
    tags: z.array(z.string()).meta({ example: ['老客户', 'VIP'] }),
    notes: z.string().nullable(),
    owner: CustomerOwner.nullable(),
    createdAt: IsoDateTime,
    updatedAt: IsoDateTime,
  })
  .meta({ id: 'Customer' })

const customerFields = {
  name: singleLine(1, 50).meta({ example: '陈晓明' }),
  gender: Gender,
  phone: z
    .string()
    .trim()
    .regex(mainlandMobile, { error: 'validation.phone' })
    .nullable()
    .meta({ description: 'Mainland China mobile number, 11 digits', example: '13800138000' }),
  email: z.email({ error: 'validation.invalid_email' }).trim().max(254).nullable().meta({ example: 'chen@example.com' }),
  province: singleLine(1, 30).nullable().meta({ example: '浙江省' }),
  city: singleLine(1, 30).nullable().meta({ example: '杭州市' }),
  tags: z.array(singleLine(1, 20)).max(20).meta({ example: ['老客户', 'VIP'] }),
  notes: multiLine(2000).nullable(),
  ownerId: z.uuid().nullable().meta({
    description: 'Owner (a staff user). Defaults to the caller; only admins and managers may choose someone else or none.',
  }),
}

export const CustomerInput = z
  .object({
    ...customerFields,
    gender: customerFields.gender.optional(),
    phone: customerFields.phone.optional(),
    email: customerFields.email.optional(),
    province: customerFields.province.optional(),
    city: customerFields.city.optional(),
    tags: customerFields.tags.optional(),
    notes: customerFields.notes.optional(),
    ownerId: customerFields.ownerId.optional(),
  })
  .meta({ id: 'CustomerInput' })

export const CustomerPatch = z
  .object(customerFields)
  .partial()
  .meta({ id: 'CustomerPatch', description: 'Any subset of CustomerInput; `null` clears an optional field.' })

export const CustomerListQuery = z.object({
  keyword: singleLine(0, 100)
    .optional()
    .meta({ description: 'Case-insensitive substring of name, phone, email, notes or a tag' }),
  page: z.coerce.number().int().min(1).max(100_000).default(1),
  pageSize: z.coerce.number().int().min(1).max(100).default(20),
})

export const CustomerList = z
  .object({ items: z.array(Customer), total: z.number().int().min(0) })
  .meta({ id: 'CustomerList' })

export const CustomerIdParams = z.object({
  id: z.string().meta({ description: 'Customer id (uuid)', format: 'uuid' }),
})

export type CustomerDto = z.infer<typeof Customer>
export type CustomerInputData = z.output<typeof CustomerInput>
export type CustomerPatchData = z.output<typeof CustomerPatch>
export type CustomerListQueryData = z.output<typeof CustomerListQuery>
