import { z } from 'zod'
import 'zod-openapi'
import { IsoDateTime, multiLine, singleLine } from '../../http/schemas.js'
import { ChannelKind } from '../channels/channels.schemas.js'
import { FeedbackCategory } from '../feedback/feedback.schemas.js'

export const photoTypes = ['image/jpeg', 'image/png', 'image/webp'] as const
export const intakeLimits = {
  maxPhotos: 3,
  maxPhotoBytes: 5 * 1024 * 1024,
  photoTypes: [...photoTypes],
  maxTextLength: 2000,
}

export const PublicChannel = z
  .object({
    channel: z.object({
      kind: ChannelKind,
      storeName: z.string(),
      staffName: z.string().nullable(),
    }),
    formToken: z.string().meta({ description: 'Send it as `X-Form-Token` with the submission and the photo uploads' }),
    expiresAt: IsoDateTime.meta({ description: 'When the form token expires (open the channel again for a new one)' }),
    limits: z.object({
      maxPhotos: z.number().int(),
      maxPhotoBytes: z.number().int(),
      photoTypes: z.array(z.enum(photoTypes)),
      maxTextLength: z.number().int(),
    }),
  })
  .meta({ id: 'PublicChannel', description: 'What a form opened through a QR code needs' })

export const FeedbackSubmission = z
  .strictObject({
    rating: z.number().int().min(1).max(5),
    nps: z.number().int().min(0).max(10).optional().meta({ description: 'How likely to recommend us, 0–10' }),
    category: FeedbackCategory,
    text: multiLine(intakeLimits.maxTextLength).optional(),
    photoIds: z.array(z.uuid()).max(intakeLimits.maxPhotos).optional().meta({ description: 'Photos uploaded with this form token' }),
    phone: z.string().max(40).optional().meta({ description: 'Optional; needs `contactConsent: true`', example: '138 0013 8000' }),
    contactConsent: z.boolean().optional().meta({ description: 'The customer agrees to be contacted about this feedback' }),
  })
  .meta({ id: 'FeedbackSubmission' })

export const FeedbackReceipt = z
  .object({
    number: z.number().int().meta({ description: 'The number to quote when asking about it', example: 1024 }),
    receivedAt: IsoDateTime,
  })
  .meta({ id: 'FeedbackReceipt' })

export const RegistrationSubmission = z
  .strictObject({
    name: singleLine(1, 50),
    phone: z.string().max(40),
    consent: z.boolean().meta({ description: 'Must be true: the privacy notice was accepted (PIPL)' }),
    client: z.enum(['h5', 'miniapp']).optional().meta({ description: 'Where the form was filled in (the consent channel); default h5' }),
  })
  .meta({ id: 'RegistrationSubmission' })

export const RegistrationReceipt = z
  .object({ received: z.literal(true) })
  .meta({ id: 'RegistrationReceipt', description: 'The same answer whether the phone was new or known' })

export const PhotoReceipt = z
  .object({
    id: z.uuid(),
    contentType: z.enum(photoTypes),
    byteSize: z.number().int(),
  })
  .meta({ id: 'PhotoReceipt' })

export type PublicChannelDto = z.infer<typeof PublicChannel>
export type FeedbackSubmissionData = z.infer<typeof FeedbackSubmission>
export type FeedbackReceiptDto = z.infer<typeof FeedbackReceipt>
export type RegistrationSubmissionData = z.infer<typeof RegistrationSubmission>
export type PhotoReceiptDto = z.infer<typeof PhotoReceipt>
