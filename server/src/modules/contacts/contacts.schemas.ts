import { z } from 'zod'
import 'zod-openapi'
import { IsoDateTime, multiLine, singleLine } from '../../http/schemas.js'

export const ContactPhoneType = z.enum(['mobile', 'work', 'home', 'other']).meta({ id: 'ContactPhoneType' })

export const ContactPhone = z
  .object({
    id: z.uuid().meta({ description: 'Send `{ id }` back in ContactPhoneInput to keep this number' }),
    type: ContactPhoneType,
    number: z.string().meta({ description: 'Masked for every role (the customer reveal shows it in full)', example: '138****8000' }),
    display: z.string().meta({ description: 'Masked as well', example: '138****8000' }),
    primary: z.boolean(),
    masked: z.literal(true),
  })
  .meta({ id: 'ContactPhone' })

export const ContactEmail = z
  .object({
    id: z.uuid().meta({ description: 'Send `{ id }` back in ContactEmailInput to keep this address' }),
    address: z.string().meta({ description: 'Masked for every role', example: 'w***@example.com' }),
    primary: z.boolean(),
    masked: z.literal(true),
  })
  .meta({ id: 'ContactEmail' })

export const RelationshipTypeRef = z
  .object({ id: z.uuid(), name: z.string().meta({ example: '决策人' }) })
  .meta({ id: 'RelationshipTypeRef' })

export const Contact = z
  .object({
    id: z.uuid(),
    name: z.string().meta({ example: '王芳' }),
    title: z.string().nullable().meta({ example: '采购经理' }),
    phones: z.array(ContactPhone),
    emails: z.array(ContactEmail),
    relationshipType: RelationshipTypeRef.nullable(),
    reportsToId: z.uuid().nullable().meta({ description: 'Another contact of the same customer' }),
    notes: z.string().nullable(),
    createdAt: IsoDateTime,
    updatedAt: IsoDateTime,
  })
  .meta({ id: 'Contact' })

/** Either a new value or the id of a stored entry ("keep this one"), never both. */
const valueOrId = (field: 'number' | 'address') => (entry: { id?: string | undefined } & Record<string, unknown>, ctx: z.RefinementCtx) => {
  if ((entry.id === undefined) === (entry[field] === undefined)) {
    ctx.addIssue({ code: 'custom', path: [entry.id === undefined ? field : 'id'], message: 'validation.value_or_id' })
  }
}

export const ContactPhoneInput = z
  .strictObject({
    id: z.uuid().optional().meta({ description: "Keep this stored number of the contact (instead of `number`)" }),
    type: ContactPhoneType.default('mobile'),
    number: singleLine(1, 40).optional().meta({
      description: 'Any common form (138-0013-8000, +86 138…, 0086…, full-width digits); stored as E.164',
      example: '138-0013-8000',
    }),
    primary: z.boolean().default(false),
  })
  .superRefine(valueOrId('number'))
  .meta({ id: 'ContactPhoneInput', description: 'A new `number`, or the `id` of one the contact already has' })

export const ContactEmailInput = z
  .strictObject({
    id: z.uuid().optional().meta({ description: 'Keep this stored address of the contact (instead of `address`)' }),
    address: z.email({ error: 'validation.invalid_email' }).trim().max(254).optional().meta({ example: 'wang.fang@example.com' }),
    primary: z.boolean().default(false),
  })
  .superRefine(valueOrId('address'))
  .meta({ id: 'ContactEmailInput', description: 'A new `address`, or the `id` of one the contact already has' })

const contactFields = {
  name: singleLine(1, 50).meta({ example: '王芳' }),
  title: singleLine(1, 50).nullable().meta({ example: '采购经理' }),
  phones: z.array(ContactPhoneInput).max(10),
  emails: z.array(ContactEmailInput).max(10),
  relationshipTypeId: z.uuid().nullable(),
  reportsToId: z.uuid().nullable().meta({ description: 'Another contact of the same customer; no cycles' }),
  notes: multiLine(2000).nullable(),
}

export const ContactInput = z
  .strictObject({
    name: contactFields.name,
    title: contactFields.title.optional(),
    phones: contactFields.phones.default([]),
    emails: contactFields.emails.default([]),
    relationshipTypeId: contactFields.relationshipTypeId.optional(),
    reportsToId: contactFields.reportsToId.optional(),
    notes: contactFields.notes.optional(),
  })
  .meta({ id: 'ContactInput' })

export const ContactPatch = z
  .strictObject(contactFields)
  .partial()
  .meta({ id: 'ContactPatch', description: 'Any subset of ContactInput; lists sent replace the stored ones.' })

export const ContactList = z.object({ items: z.array(Contact) }).meta({ id: 'ContactList' })

export const ContactParams = z.object({
  id: z.string().meta({ description: 'Customer id (uuid)', format: 'uuid' }),
  contactId: z.string().meta({ description: 'Contact id (uuid)', format: 'uuid' }),
})

export type ContactDto = z.infer<typeof Contact>
export type ContactInputData = z.output<typeof ContactInput>
export type ContactPatchData = z.output<typeof ContactPatch>
