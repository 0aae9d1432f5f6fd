import { z } from 'zod'
import 'zod-openapi'
import { IsoDateTime, multiLine, singleLine } from '../../http/schemas.js'

export const ActivityType = z.enum(['call', 'visit', 'wechat', 'email', 'sms', 'note']).meta({ id: 'ActivityType' })

export const Actor = z
  .object({ id: z.uuid(), displayName: z.string().meta({ example: '李娜' }) })
  .meta({ id: 'Actor' })

export const Activity = z
  .object({
    id: z.uuid(),
    type: ActivityType,
    occurredAt: IsoDateTime,
    content: z.string().meta({ example: '电话回访，客户对净水器滤芯更换服务满意，下月再联系' }),
    outcome: z.string().nullable().meta({ example: '约定下月到店' }),
    author: Actor,
    createdAt: IsoDateTime,
  })
  .meta({ id: 'Activity' })

const activityFields = {
  type: ActivityType,
  occurredAt: z.iso
    .datetime({ offset: true })
    .meta({ description: 'When it happened (ISO 8601, not in the future); defaults to now', example: '2026-11-23T08:00:00.000Z' }),
  content: multiLine(2000).min(1).meta({ example: '电话回访，客户对净水器滤芯更换服务满意，下月再联系' }),
  outcome: singleLine(1, 200).nullable().meta({ example: '约定下月到店' }),
}

export const ActivityInput = z
  .strictObject({
    type: activityFields.type,
    occurredAt: activityFields.occurredAt.optional(),
    content: activityFields.content,
    outcome: activityFields.outcome.optional(),
  })
  .meta({ id: 'ActivityInput', description: 'The author is the caller.' })

export const ActivityPatch = z.strictObject(activityFields).partial().meta({ id: 'ActivityPatch' })

export const ActivityListQuery = z.strictObject({
  page: z.coerce.number().int().min(1).max(100_000).default(1),
  pageSize: z.coerce.number().int().min(1).max(100).default(20),
  type: ActivityType.optional(),
})

export const ActivityList = z
  .object({ items: z.array(Activity), total: z.number().int().min(0) })
  .meta({ id: 'ActivityList', description: 'Newest first (by occurredAt)' })

export const ActivityParams = z.object({
  id: z.string().meta({ description: 'Customer id (uuid)', format: 'uuid' }),
  activityId: z.string().meta({ description: 'Activity id (uuid)', format: 'uuid' }),
})

export type ActivityDto = z.infer<typeof Activity>
export type ActivityInputData = z.output<typeof ActivityInput>
export type ActivityPatchData = z.output<typeof ActivityPatch>
export type ActivityListQueryData = z.output<typeof ActivityListQuery>
