import { randomUUID } from 'node:crypto'
import type { Prisma } from '../generated/prisma/client.js'
import type { ActivityType, OrderStatus } from '../generated/prisma/enums.js'
import type { DataCipher } from '../lib/crypto.js'
import { normalisePhone } from '../lib/phone.js'
import { phoneBlindIndexes } from '../lib/search-terms.js'
import { recomputeCustomerMetrics } from '../modules/orders/orders.metrics.js'
import { demoDice } from './random.js'

/**
 * Demo contacts, orders and activities for the demo customers, so the Customer 360 page has something to show
 * on a fresh install. Deterministic (seeded), and run inside the demo seed's transaction.
 */

const day = 24 * 60 * 60 * 1000

/** xorshift32: small, seeded, good enough to vary demo data. */

interface Product {
  product: string
  category: string
  /** Price in cents. */
  price: number
  /** Usual quantity range. */
  maxQuantity: number
}

// A home-appliance and lifestyle shop that also sells services (memberships, classes, check-ups).
const catalog: Product[] = [
  { product: '家用净水器 RO-600', category: '净水设备', price: 299_900, maxQuantity: 1 },
  { product: '净水器滤芯套装（年度）', category: '净水设备', price: 59_900, maxQuantity: 2 },
  { product: '前置过滤器', category: '净水设备', price: 89_900, maxQuantity: 1 },
  { product: '空气净化器 A8', category: '生活电器', price: 219_900, maxQuantity: 2 },
  { product: '扫地机器人 S7', category: '生活电器', price: 259_900, maxQuantity: 1 },
  { product: '智能门锁 Z2', category: '智能家居', price: 169_900, maxQuantity: 1 },
  { product: '智能门锁上门安装', category: '安装服务', price: 19_900, maxQuantity: 1 },
  { product: '年度会员卡', category: '会员服务', price: 39_900, maxQuantity: 1 },
  { product: '少儿编程课（24 课时）', category: '教育培训', price: 480_000, maxQuantity: 1 },
  { product: '少儿编程体验课', category: '教育培训', price: 9_900, maxQuantity: 1 },
  { product: '明前龙井礼盒 250g', category: '茶叶礼品', price: 68_800, maxQuantity: 6 },
  { product: '安吉白茶 100g', category: '茶叶礼品', price: 26_800, maxQuantity: 4 },
  { product: '护肤套装（补水）', category: '美妆个护', price: 45_900, maxQuantity: 2 },
  { product: '深层清洁面膜 5 片装', category: '美妆个护', price: 12_900, maxQuantity: 5 },
  { product: '全面体检套餐（个人）', category: '健康服务', price: 128_800, maxQuantity: 2 },
  { product: '家电深度清洗服务', category: '上门服务', price: 29_900, maxQuantity: 2 },
]
const channels: [string, number][] = [['门店', 45], ['微信小程序', 25], ['电话', 10], ['天猫旗舰店', 12], ['企业团购', 8]]
const statuses: [OrderStatus, number][] = [['completed', 82], ['paid', 6], ['cancelled', 6], ['refunded', 4], ['pending', 2]]

const familyRoles = ['配偶', '子女', '父母'] as const
const surnames = [...'王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾']
const givenNames = ['建国', '秀英', '志明', '丽华', '晓峰', '雅婷', '文静', '子豪', '思远', '佳琪', '俊辉', '梦瑶', '海燕', '国栋', '欣然', '宏伟']
// Company customers: a small reporting line from the boss down to whoever places the orders.
const companyChain = [
  { title: '总经理', role: '决策人' },
  { title: '财务主管', role: '财务' },
  { title: '采购经理', role: '采购' },
  { title: '采购专员', role: '采购' },
] as const
const mobilePrefixes = ['135', '136', '137', '138', '139', '150', '151', '158', '159', '177', '186', '187', '188', '189', '199']

const activityTemplates: Record<ActivityType, { content: (product: string) => string; outcome: string | null }[]> = {
  call: [
    { content: (p) => `电话回访，客户反馈${p}使用情况良好，提醒了保养周期`, outcome: '客户满意' },
    { content: (p) => `来电咨询${p}的价格和优惠，已介绍本月活动`, outcome: '考虑中，下周再联系' },
    { content: () => '电话确认上门安装时间，客户希望周六上午', outcome: '已预约周六上午' },
    { content: () => '拨打两次未接通，稍后短信跟进', outcome: '未接通' },
  ],
  visit: [
    { content: (p) => `客户到店体验${p}，对静音效果比较关注`, outcome: '有购买意向' },
    { content: () => '上门拜访，了解到公司年底有员工福利采购计划', outcome: '需准备团购方案' },
    { content: (p) => `陪同客户试用${p}，讲解了售后政策`, outcome: '当场下单' },
  ],
  wechat: [
    { content: (p) => `微信发送了${p}的产品介绍和报价单`, outcome: '客户已读，稍后回复' },
    { content: () => '客户微信询问发票开具，已告知流程', outcome: '已解决' },
    { content: () => '微信推送会员日活动，客户回复周末到店看看', outcome: '约了周末到店' },
    { content: (p) => `客户微信反馈${p}有点小问题，已安排售后联系`, outcome: '已转售后' },
  ],
  email: [
    { content: () => '发送年度采购合同草案，请对方法务审阅', outcome: '等待回复' },
    { content: (p) => `邮件发送${p}的电子发票`, outcome: null },
  ],
  sms: [
    { content: () => '短信提醒滤芯到期更换，附上预约链接', outcome: null },
    { content: () => '发送生日祝福短信和专属优惠券', outcome: null },
  ],
  note: [
    { content: () => '客户偏好工作日晚上联系，不要在午休时间打电话', outcome: null },
    { content: () => '老客户转介绍了两位朋友，记得回馈积分', outcome: null },
    { content: (p) => `客户家里有老人，推荐${p}时强调操作简单`, outcome: null },
  ],
}
const activityTypes: [ActivityType, number][] = [['call', 30], ['wechat', 30], ['visit', 15], ['note', 12], ['sms', 8], ['email', 5]]

const chinaDay = (time: number) => new Date(time + 8 * 3_600_000).toISOString().slice(0, 10).replace(/-/g, '')
const centsText = (cents: number) => `${Math.floor(cents / 100)}.${String(cents % 100).padStart(2, '0')}`

/**
 * Adds contacts (company customers get a reporting line), 0–12 orders over the last two years (mostly
 * completed, some cancelled or refunded) and activities to every live customer, then recomputes their metrics.
 */
export const seedDemoRelated = async (tx: Prisma.TransactionClient, { cipher, now = Date.now() }: { cipher: DataCipher; now?: number }) => {
  const { random, pick, weighted, between } = demoDice(20_261_123)

  const [customers, users, relationshipTypes] = await Promise.all([
    tx.customer.findMany({ where: { deletedAt: null }, select: { id: true, ownerId: true, createdAt: true, company: true }, orderBy: { createdAt: 'asc' } }),
    tx.user.findMany({ where: { disabled: false }, select: { id: true, role: { select: { key: true } } } }),
    tx.relationshipType.findMany({ select: { id: true, name: true } }),
  ])
  const manager = users.find((user) => user.role.key === 'manager') ?? users[0]
  if (manager === undefined) return { contacts: 0, orders: 0, activities: 0 }
  const relationshipTypeId = (name: string) => relationshipTypes.find((type) => type.name === name)?.id ?? null

  const sealPhone = (number: string) => {
    const parsed = normalisePhone(number)
    if (parsed === null) return []
    const sealed = cipher.seal(parsed.e164)
    return [{
      type: 'mobile' as const,
      numberEncrypted: sealed.ciphertext,
      keyId: sealed.keyId,
      ...phoneBlindIndexes(cipher, parsed.e164),
      isPrimary: true,
      sortOrder: 0,
    }]
  }
  const mobile = () => `${pick(mobilePrefixes)}${String(Math.floor(random() * 100_000_000)).padStart(8, '0')}`

  const contacts: Prisma.ContactCreateManyInput[] = []
  const contactPhones: Prisma.ContactPhoneCreateManyInput[] = []
  const orders: Prisma.OrderCreateManyInput[] = []
  const orderItems: Prisma.OrderItemCreateManyInput[] = []
  const activities: Prisma.ActivityCreateManyInput[] = []
  const orderNumbers = new Map<string, number>()

  for (const customer of customers) {
    const ownerId = customer.ownerId ?? manager.id
    const customerSince = customer.createdAt.getTime()

    // Contacts: a reporting line for companies, a relative or two for some private customers.
    const addContact = (name: string, title: string | null, role: string, reportsToId: string | null, notes: string | null) => {
      const id = randomUUID()
      const createdAt = new Date(customerSince + between(0, 5) * day)
      contacts.push({ id, customerId: customer.id, name, title, relationshipTypeId: relationshipTypeId(role), reportsToId, notes, createdById: ownerId, createdAt, updatedAt: createdAt })
      contactPhones.push(...sealPhone(mobile()).map((phone) => ({ ...phone, contactId: id })))
      return id
    }
    if (customer.company !== null || random() < 0.12) {
      let above: string | null = null
      for (const link of companyChain.slice(0, between(2, companyChain.length))) {
        above = addContact(pick(surnames) + pick(givenNames), link.title, link.role, above, link.title === '采购专员' ? '日常下单对接人' : null)
      }
    } else if (random() < 0.3) {
      for (let index = between(1, 2); index > 0; index -= 1) {
        addContact(pick(surnames) + pick(givenNames), null, pick(familyRoles), null, random() < 0.3 ? '也常来店里，可一起通知活动' : null)
      }
    }

    // Orders over the last two years; pending ones only recently.
    const orderCount = random() < 0.15 ? 0 : between(1, 12)
    const purchased: string[] = []
    for (let index = 0; index < orderCount; index += 1) {
      const orderedAt = now - Math.floor(random() * 730 * day)
      let status = weighted(statuses)
      if (status === 'pending' && now - orderedAt > 14 * day) status = 'completed'
      const prefix = `KZ${chinaDay(orderedAt)}-`
      const sequence = (orderNumbers.get(prefix) ?? 0) + 1
      orderNumbers.set(prefix, sequence)
      const orderId = randomUUID()
      let amount = 0
      const lineCount = random() < 0.7 ? 1 : between(2, 3)
      for (let line = 0; line < lineCount; line += 1) {
        const product = pick(catalog)
        const quantity = between(1, product.maxQuantity)
        amount += product.price * quantity
        purchased.push(product.product)
        orderItems.push({
          orderId,
          product: product.product,
          category: product.category,
          quantity,
          unitPrice: centsText(product.price),
          lineTotal: centsText(product.price * quantity),
          sortOrder: line,
        })
      }
      const channel = weighted(channels)
      orders.push({
        id: orderId,
        customerId: customer.id,
        orderNo: `${prefix}${String(sequence).padStart(6, '0')}`,
        orderedAt: new Date(orderedAt),
        channel,
        status,
        amount: centsText(amount),
        notes: status === 'refunded' ? '客户七天无理由退货' : status === 'cancelled' ? '客户取消，未付款' : channel === '企业团购' ? '开具增值税专用发票' : null,
        createdById: ownerId,
        createdAt: new Date(orderedAt),
        updatedAt: new Date(orderedAt),
      })
    }

    // Activities since the customer came in, by the owner and now and then the manager.
    const activityCount = between(0, 8)
    for (let index = 0; index < activityCount; index += 1) {
      const type = weighted(activityTypes)
      const template = pick(activityTemplates[type])
      const occurredAt = new Date(customerSince + Math.floor(random() * Math.max(now - customerSince, day)))
      activities.push({
        customerId: customer.id,
        type,
        occurredAt,
        content: template.content(purchased.length > 0 ? pick(purchased) : pick(catalog).product),
        outcome: template.outcome,
        authorId: random() < 0.85 ? ownerId : manager.id,
        createdAt: occurredAt,
        updatedAt: occurredAt,
      })
    }
  }

  // Managers first: a contact's reportsToId must point at a row that already exists.
  await tx.contact.createMany({ data: contacts })
  await tx.contactPhone.createMany({ data: contactPhones })
  await tx.order.createMany({ data: orders })
  await tx.orderItem.createMany({ data: orderItems })
  await tx.activity.createMany({ data: activities })
  for (const customer of customers) await recomputeCustomerMetrics(tx, customer.id)
  return { contacts: contacts.length, orders: orders.length, activities: activities.length }
}
