import { z } from 'zod'
import 'zod-openapi'
import { IsoDateTime, multiLine, singleLine } from '../../http/schemas.js'

export const ContactPhoneType = z.enum(['mobile', 'work', 'home', 'other']).meta({ id: 'ContactPhoneType' })

export const ContactPhone = z
  .object({
    type: ContactPhoneType,
    number: z.string().meta({ description: 'E.164', example: '+8613800138000' }),
    display: z.string().meta({ description: 'National display form', example: '138 0013 8000' }),
    primary: z.boolean(),
  })
  .meta({ id: 'ContactPhone' })

export const ContactEmail = z
  .object({ address: z.string().meta({ example: 'wang.fang@example.com' }), primary: z.boolean() })
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

export const ContactPhoneInput = z
  .object({
    type: ContactPhoneType.default('mobile'),
    number: singleLine(1, 40).meta({
      description: 'Any common form (138-0013-8000, +86 138…, 0086…, full-width digits); stored as E.164',
      example: '138-0013-8000',
    }),
    primary: z.boolean().default(false),
  })
  .meta({ id: 'ContactPhoneInput' })

export const ContactEmailInput = z
  .object({
    address: z.email({ error: 'validation.invalid_email' }).trim().max(254).meta({ example: 'wang.fang@example.com' }),
    primary: z.boolean().default(false),
  })
  .meta({ id: 'ContactEmailInput' })

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
  .object({
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
  .object(contactFields)
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
