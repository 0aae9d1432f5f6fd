import type { Prisma } from '../generated/prisma/client.js'
import type { FeedbackCategory, FeedbackStatus } from '../generated/prisma/enums.js'
import { newChannelCode } from '../lib/channel-tokens.js'
import { demoDice } from './random.js'

/**
 * Demo QR channels for the two demo stores and a month of customer feedback through them, so the inbox and the
 * CSAT / NPS figures have something to show on a fresh install. Deterministic, inside the demo seed's transaction.
 */

const day = 24 * 60 * 60 * 1000

interface FeedbackTemplate {
  category: FeedbackCategory
  /** Ratings and NPS answers this kind of text comes with. */
  ratings: readonly number[]
  nps: readonly number[]
  text: string
}

const templates: readonly FeedbackTemplate[] = [
  { category: 'service', ratings: [5], nps: [9, 10], text: '店员讲解很耐心，安装师傅也准时，体验很好。' },
  { category: 'service', ratings: [4, 5], nps: [8, 9], text: '服务热情，就是周末排队有点久。' },
  { category: 'product', ratings: [5], nps: [10], text: '净水器用了一个月，水质明显好了，家里老人也说好喝。' },
  { category: 'product', ratings: [3, 4], nps: [6, 7], text: '扫地机器人清扫不错，但是边角有时候扫不到。' },
  { category: 'complaint', ratings: [1, 2], nps: [0, 2, 3], text: '预约的上门安装改了两次时间，希望能提前通知。' },
  { category: 'complaint', ratings: [2], nps: [4, 5], text: '滤芯到货比说好的晚了一周，电话也没人回。' },
  { category: 'suggestion', ratings: [4], nps: [7, 8], text: '建议会员日多一些体验活动，可以带孩子一起参加。' },
  { category: 'suggestion', ratings: [4, 5], nps: [8, 9, 10], text: '希望小程序能查看自己的购买记录和保修期。' },
]

const notes = ['已电话联系客户，了解具体情况。', '已安排店长跟进，下周回访。', '已为客户补发滤芯并致歉。']

export const seedDemoFeedback = async (
  tx: Prisma.TransactionClient,
  { now, staffIds }: { now: number; staffIds: ReadonlyMap<string, string> },
): Promise<void> => {
  const dice = demoDice(20261106)
  const stores = [
    { team: '杭州西湖店', staff: 'sales1' },
    { team: '广州天河店', staff: 'sales2' },
  ]
  const service = staffIds.get('service1') ?? null
  for (const store of stores) {
    const team = await tx.team.findFirst({ where: { name: store.team }, select: { id: true } })
    const staffId = staffIds.get(store.staff) ?? null
    if (team === null) continue
    const channel = await tx.channel.create({
      data: { code: newChannelCode(), kind: 'feedback', name: '收银台意见码', teamId: team.id, staffId, createdById: staffId },
    })
    await tx.channel.create({ data: { code: newChannelCode(), kind: 'self_register', name: '门口会员登记码', teamId: team.id, createdById: staffId } })

    // Some feedback comes from customers of the store who left their phone, and links to them.
    const customers = await tx.customer.findMany({
      where: { ownerId: staffId, deletedAt: null },
      select: { id: true, phones: { where: { isPrimary: true }, select: { numberEncrypted: true, keyId: true, numberHash: true } } },
      take: 8,
    })
    const count = dice.between(14, 20)
    for (let index = 0; index < count; index += 1) {
      const template = dice.pick(templates)
      const createdAt = new Date(now - dice.between(0, 29) * day - dice.between(0, 10 * 60) * 60 * 1000)
      const customer = dice.random() < 0.4 ? dice.pick(customers) : undefined
      const phone = customer?.phones[0]
      const ageDays = (now - createdAt.getTime()) / day
      const status: FeedbackStatus = ageDays > 10 ? dice.weighted([['closed', 3], ['resolved', 4]]) : ageDays > 3 ? dice.weighted([['resolved', 2], ['in_progress', 2], ['new', 1]]) : 'new'
      const feedback = await tx.feedback.create({
        data: {
          channelId: channel.id,
          teamId: team.id,
          staffId,
          rating: dice.pick(template.ratings),
          nps: dice.random() < 0.85 ? dice.pick(template.nps) : null,
          category: template.category,
          text: template.text,
          // The sealed number is reused as it is: the feedback holds the same phone as the customer record.
          ...(phone === undefined
            ? {}
            : { phoneEncrypted: phone.numberEncrypted, phoneKeyId: phone.keyId, phoneIndex: phone.numberHash, contactConsent: true, customerId: customer?.id, customerLink: 'phone' }),
          status,
          assigneeId: status === 'new' ? null : (template.category === 'complaint' ? service : staffId),
          resolvedAt: status === 'resolved' || status === 'closed' ? new Date(createdAt.getTime() + day) : null,
          createdAt,
          updatedAt: createdAt,
        },
      })
      if (status !== 'new') {
        await tx.feedbackNote.create({
          data: {
            feedbackId: feedback.id,
            kind: phone === undefined ? 'note' : 'reply',
            body: dice.pick(notes),
            replyChannel: phone === undefined ? null : 'phone',
            authorId: template.category === 'complaint' ? service : staffId,
            createdAt: new Date(createdAt.getTime() + 2 * 60 * 60 * 1000),
          },
        })
      }
    }
  }
}
