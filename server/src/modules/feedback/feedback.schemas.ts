import { z } from 'zod'
import 'zod-openapi'
import { IsoDateTime, multiLine } from '../../http/schemas.js'

export const feedbackStatuses = ['new', 'in_progress', 'resolved', 'closed'] as const
export const feedbackCategories = ['product', 'service', 'complaint', 'suggestion'] as const
export const replyChannels = ['phone', 'sms', 'wechat', 'email', 'in_person'] as const

export const FeedbackStatus = z.enum(feedbackStatuses).meta({ id: 'FeedbackStatus', description: '新 / 处理中 / 已解决 / 已关闭' })
export const FeedbackCategory = z.enum(feedbackCategories).meta({ id: 'FeedbackCategory' })
export const ReplyChannel = z.enum(replyChannels).meta({ id: 'FeedbackReplyChannel', description: 'How the customer was answered' })
export const NpsGroup = z
  .enum(['promoter', 'passive', 'detractor'])
  .meta({ id: 'NpsGroup', description: 'promoter: NPS 9–10, passive: 7–8, detractor: 0–6' })

const Ref = z.object({ id: z.uuid(), name: z.string() })
const UserRef = z.object({ id: z.uuid(), displayName: z.string() })

export const FeedbackSummary = z
  .object({
    id: z.uuid(),
    number: z.number().int().meta({ description: 'Short number people can say on the phone (#1024)', example: 1024 }),
    createdAt: IsoDateTime,
    status: FeedbackStatus,
    category: FeedbackCategory,
    rating: z.number().int().min(1).max(5),
    nps: z.number().int().min(0).max(10).nullable(),
    excerpt: z.string().nullable().meta({ description: 'The text on one line, at most 120 characters; null without text' }),
    store: Ref.meta({ description: 'The store (team) the feedback arrived through' }),
    channel: Ref,
    staff: UserRef.nullable().meta({ description: 'The staff member the channel named' }),
    assignee: UserRef.nullable(),
    customer: z
      .object({ id: z.uuid(), name: z.string().nullable() })
      .nullable()
      .meta({ description: "The linked customer; name is null when the customer is outside the caller's customer scope" }),
    phoneMasked: z.string().nullable().meta({ example: '138****8000' }),
    contactConsent: z.boolean().meta({ description: 'The customer agreed to be contacted about it' }),
    photoCount: z.number().int(),
  })
  .meta({ id: 'FeedbackSummary' })

export const FeedbackNote = z
  .object({
    id: z.uuid(),
    kind: z.enum(['note', 'reply']).meta({ description: 'note: internal; reply: a record of how the customer was answered' }),
    body: z.string(),
    replyChannel: ReplyChannel.nullable(),
    author: UserRef.nullable(),
    createdAt: IsoDateTime,
  })
  .meta({ id: 'FeedbackNote' })

export const FeedbackPhotoRef = z
  .object({ id: z.uuid(), contentType: z.string().meta({ example: 'image/jpeg' }), byteSize: z.number().int() })
  .meta({ id: 'FeedbackPhotoRef', description: 'Fetch the bytes from GET /api/feedback/{id}/photos/{photoId}' })

export const FeedbackDetail = FeedbackSummary.extend({
  text: z.string().nullable(),
  language: z.string().meta({ example: 'zh-CN' }),
  resolvedAt: IsoDateTime.nullable(),
  customerLink: z
    .enum(['phone', 'manual'])
    .nullable()
    .meta({ description: 'phone: linked automatically by the number; manual: by a person in the console' }),
  photos: z.array(FeedbackPhotoRef),
  notes: z.array(FeedbackNote).meta({ description: 'Oldest first' }),
}).meta({ id: 'FeedbackDetail' })

export const FeedbackPage = z
  .object({
    items: z.array(FeedbackSummary),
    nextCursor: z.string().nullable().meta({ description: 'Pass as `cursor` for the next page; null on the last page' }),
    total: z.number().int().meta({ description: 'How many match the filters (all pages)' }),
  })
  .meta({ id: 'FeedbackPage', description: 'Newest first' })

/** A day in China time (UTC+8): the stores are in mainland China, whatever the server's own time zone. */
const ChinaDay = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, { error: 'validation.date' })
  .refine((day) => !Number.isNaN(Date.parse(`${day}T00:00:00Z`)) && new Date(`${day}T00:00:00Z`).toISOString().startsWith(day), {
    error: 'validation.date',
  })
  .meta({ description: 'YYYY-MM-DD, a day in China time (UTC+8), inclusive', example: '2026-11-23' })

const rangeInOrder = (value: { from?: string | undefined; to?: string | undefined }, ctx: z.RefinementCtx) => {
  if (value.from !== undefined && value.to !== undefined && value.from > value.to) {
    ctx.addIssue({ code: 'custom', path: ['to'], message: 'validation.range_order' })
  }
}

const wholeNumber = (min: number, max: number) => z.coerce.number({ error: 'validation.not_a_number' }).int().min(min).max(max)

export const FeedbackQuery = z
  .strictObject({
    status: FeedbackStatus.optional(),
    category: FeedbackCategory.optional(),
    teamId: z.uuid().optional().meta({ description: 'A store, or a region: every store below it counts' }),
    channelId: z.uuid().optional(),
    staffId: z.uuid().optional().meta({ description: 'The staff member the channel named' }),
    assigneeId: z
      .union([z.literal('me'), z.literal('none'), z.uuid()], { error: 'validation.owner_ref' })
      .optional()
      .meta({ description: 'A user id, `me` (the caller) or `none` (unassigned)' }),
    rating: wholeNumber(1, 5).optional(),
    npsGroup: NpsGroup.optional(),
    linked: z.enum(['true', 'false']).optional().meta({ description: 'true: linked to a customer; false: not linked' }),
    customerId: z.uuid().optional().meta({ description: "Feedback linked to this customer (who must be in the caller's customer scope)" }),
    from: ChinaDay.optional(),
    to: ChinaDay.optional(),
    keyword: z
      .string()
      .trim()
      .max(100)
      .optional()
      .meta({ description: 'Words in the text (any case), or the number (`#12` or `12`)' }),
    cursor: z.string().max(200).optional().meta({ description: 'nextCursor of the previous page' }),
    limit: wholeNumber(1, 100).default(20),
  })
  .superRefine(rangeInOrder)

export const FeedbackParams = z.object({ id: z.string().meta({ description: 'Feedback id (uuid)', format: 'uuid' }) })
export const FeedbackPhotoParams = FeedbackParams.extend({
  photoId: z.string().meta({ description: 'Photo id (uuid)', format: 'uuid' }),
})

export const FeedbackPatch = z
  .strictObject({
    status: FeedbackStatus.optional().meta({ description: 'resolved sets resolvedAt; any other status clears it' }),
    assigneeId: z
      .uuid()
      .nullable()
      .optional()
      .meta({ description: 'An active user who holds feedback:read; null = unassigned' }),
  })
  .meta({ id: 'FeedbackPatch' })

export const FeedbackNoteInput = z
  .strictObject({
    kind: z.enum(['note', 'reply']),
    body: multiLine(2000).pipe(z.string().min(1)),
    replyChannel: ReplyChannel.optional().meta({ description: 'Required for replies' }),
  })
  .superRefine((value, ctx) => {
    if (value.kind === 'reply' && value.replyChannel === undefined) {
      ctx.addIssue({ code: 'custom', path: ['replyChannel'], message: 'validation.required' })
    }
  })
  .meta({ id: 'FeedbackNoteInput', description: 'A reply also moves new feedback to in_progress' })

export const FeedbackCustomerInput = z
  .strictObject({
    customerId: z.uuid().nullable().meta({ description: "A customer in the caller's customer scope; null unlinks" }),
  })
  .meta({ id: 'FeedbackCustomerInput' })

export const RevealedFeedbackPhone = z
  .object({ phone: z.string().nullable().meta({ description: 'National display form; null when the customer left no phone', example: '138 0013 8000' }) })
  .meta({ id: 'RevealedFeedbackPhone' })

export const FeedbackStatsQuery = z
  .strictObject({
    from: ChinaDay.optional().meta({ description: 'First day (default: 29 days before `to`)' }),
    to: ChinaDay.optional().meta({ description: 'Last day (default: today, China time)' }),
    teamId: z.uuid().optional().meta({ description: 'A store, or a region: every store below it counts' }),
    granularity: z.enum(['day', 'week', 'month']).default('day').meta({ description: 'Weeks start on Monday' }),
  })
  .superRefine(rangeInOrder)

export const FeedbackScore = z
  .object({
    count: z.number().int(),
    ratingAverage: z.number().nullable().meta({ description: 'Average stars, one decimal; null without feedback', example: 4.2 }),
    csat: z.number().nullable().meta({ description: '% of ratings that are 4 or 5, one decimal; null without feedback', example: 83.3 }),
    npsResponses: z.number().int().meta({ description: 'How many answered the 0–10 question' }),
    promoters: z.number().int().meta({ description: 'Answers 9–10' }),
    passives: z.number().int().meta({ description: 'Answers 7–8' }),
    detractors: z.number().int().meta({ description: 'Answers 0–6' }),
    nps: z.number().nullable().meta({ description: '% promoters − % detractors, one decimal; null without answers', example: 35.5 }),
  })
  .meta({ id: 'FeedbackScore' })

export const FeedbackStats = z
  .object({
    from: ChinaDay,
    to: ChinaDay,
    granularity: z.enum(['day', 'week', 'month']),
    total: FeedbackScore,
    stores: z.array(FeedbackScore.extend({ team: Ref })).meta({ description: 'Stores with feedback in the range, most feedback first' }),
    periods: z
      .array(FeedbackScore.extend({ period: ChinaDay.meta({ description: 'First day of the day, week (Monday) or month' }) }))
      .meta({ description: 'Every period of the range in order, empty ones included' }),
  })
  .meta({ id: 'FeedbackStats', description: 'CSAT and NPS within the caller’s feedback scope' })

export type FeedbackSummaryDto = z.infer<typeof FeedbackSummary>
export type FeedbackDetailDto = z.infer<typeof FeedbackDetail>
export type FeedbackNoteDto = z.infer<typeof FeedbackNote>
export type FeedbackPageDto = z.infer<typeof FeedbackPage>
export type FeedbackQueryData = z.output<typeof FeedbackQuery>
export type FeedbackPatchData = z.output<typeof FeedbackPatch>
export type FeedbackNoteInputData = z.output<typeof FeedbackNoteInput>
export type FeedbackStatsQueryData = z.output<typeof FeedbackStatsQuery>
export type FeedbackScoreDto = z.infer<typeof FeedbackScore>
export type FeedbackStatsDto = z.infer<typeof FeedbackStats>
