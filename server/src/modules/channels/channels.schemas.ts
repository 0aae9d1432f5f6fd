import { z } from 'zod'
import 'zod-openapi'
import { IsoDateTime, singleLine } from '../../http/schemas.js'

export const channelKinds = ['feedback', 'self_register'] as const
export const ChannelKind = z.enum(channelKinds).meta({
  id: 'ChannelKind',
  description: 'feedback = the customer feedback form; self_register = customers register themselves',
})

const Ref = z.object({ id: z.uuid(), name: z.string() })

export const Channel = z
  .object({
    id: z.uuid(),
    kind: ChannelKind,
    name: z.string(),
    team: Ref.meta({ description: 'The store the codes belong to' }),
    staff: z.object({ id: z.uuid(), displayName: z.string() }).nullable().meta({ description: 'The staff member the codes name, if any' }),
    token: z.string().meta({ description: '`<code>.<signature>` (≤ 32 characters), printed in the QR code', example: 'aZ3k9QmX2p.Qm9zLXRva2VuLXNpZ' }),
    link: z.string().meta({ description: 'The H5 page the QR code opens', example: 'https://crm.example.com/m/feedback?c=aZ3k9QmX2p.Qm9zLXRva2VuLXNpZ' }),
    validUntil: IsoDateTime.nullable(),
    disabled: z.boolean(),
    createdAt: IsoDateTime,
    feedbackCount: z.number().int(),
  })
  .meta({ id: 'Channel' })

export const ChannelList = z
  .object({
    items: z.array(Channel),
    wechatCodes: z.boolean().meta({ description: 'Whether mini-program codes (wxacode) can be made (WeChat configured)' }),
  })
  .meta({ id: 'ChannelList' })

export const ChannelListQuery = z
  .strictObject({
    kind: ChannelKind.optional(),
    teamId: z.uuid().optional(),
  })
  .meta({ id: 'ChannelListQuery' })

export const ChannelInput = z
  .strictObject({
    kind: ChannelKind,
    name: singleLine(1, 50).meta({ example: '西湖店前台' }),
    teamId: z.uuid().meta({ description: 'The store (a team within the caller\'s feedback scope)' }),
    staffId: z.uuid().nullable().optional().meta({ description: 'A staff member the feedback is attributed to' }),
    validUntil: IsoDateTime.nullable().optional().meta({ description: 'Codes stop working then; unset = until disabled' }),
  })
  .meta({ id: 'ChannelInput' })

export const ChannelPatch = z
  .strictObject({
    name: singleLine(1, 50).optional(),
    teamId: z.uuid().optional(),
    staffId: z.uuid().nullable().optional(),
    validUntil: IsoDateTime.nullable().optional(),
    disabled: z.boolean().optional(),
  })
  .meta({ id: 'ChannelPatch' })

export const QrQuery = z
  .strictObject({
    type: z.enum(['h5', 'wxacode']).optional().meta({ description: 'Default: wxacode when WeChat is configured, else h5' }),
    format: z.enum(['png', 'svg']).optional().meta({ description: 'Default png; svg only for h5' }),
  })
  .meta({ id: 'ChannelQrQuery' })

export type ChannelDto = z.infer<typeof Channel>
export type ChannelListDto = z.infer<typeof ChannelList>
export type ChannelListQueryData = z.infer<typeof ChannelListQuery>
export type ChannelInputData = z.infer<typeof ChannelInput>
export type ChannelPatchData = z.infer<typeof ChannelPatch>
export type QrQueryData = z.infer<typeof QrQuery>
