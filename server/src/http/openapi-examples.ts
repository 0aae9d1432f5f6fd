/**
 * Example records for the OpenAPI document, one per component, shared by the operations that answer or take
 * them (jsonContent(schema, example)). They describe one small, consistent world: the 杭州西湖店 store, its
 * staff 李娜, and her customer 陈晓明. Phones and emails are masked the way the API answers them.
 */
import type { z } from 'zod'
import { builtInRoles } from '../auth/permissions.js'
import type { AccountSession } from '../modules/account/account.schemas.js'
import type { Activity } from '../modules/activities/activities.schemas.js'
import type { ManagedUser } from '../modules/admin-users/admin-users.schemas.js'
import type { ApiKey } from '../modules/api-keys/api-keys.schemas.js'
import type { AuditEntry } from '../modules/audit-logs/audit-logs.schemas.js'
import type { LoginResponse, MfaSetup, User } from '../modules/auth/auth.schemas.js'
import type { Channel } from '../modules/channels/channels.schemas.js'
import type { Contact } from '../modules/contacts/contacts.schemas.js'
import type { CustomerView } from '../modules/customer-views/customer-views.schemas.js'
import type { Customer, CustomerSummary, GroupRef, Level, Tag, TrashedCustomer } from '../modules/customers/customers.schemas.js'
import type { FeedbackDetail, FeedbackNote, FeedbackSummary } from '../modules/feedback/feedback.schemas.js'
import type { Order } from '../modules/orders/orders.schemas.js'
import type { RoleDto } from '../modules/roles/roles.schemas.js'
import type { CustomerLevel, CustomFieldDefinition, GroupItem, RelationshipType, TagItem } from '../modules/settings/settings.schemas.js'
import type { TeamDto } from '../modules/teams/teams.schemas.js'

type Example<T extends z.ZodType> = z.input<T>

/** The opaque paging cursors the API hands out: base64url of `<ISO time>|<id>`. */
export const exampleCursor = (at: string, id: string): string => Buffer.from(`${at}|${id}`, 'utf8').toString('base64url')

const base64url = (value: unknown) => Buffer.from(JSON.stringify(value), 'utf8').toString('base64url')

export const exampleIds = {
  admin: 'a3c1e8f2-4b6d-4e9a-8f1c-2d7b5e0a9c31',
  sales: '5b1f6c3e-8d2a-4f7b-9c4e-1a2b3c4d5e6f',
  manager: 'c8e2a4d6-0f1b-4c3e-9a5d-7b8f2e1c4a60',
  service: '9d4b2f7a-6e1c-4a8d-b3f5-0c2e7a9d1b84',
  headOffice: '1f0e2d3c-4b5a-4697-8a1b-2c3d4e5f6071',
  westLakeStore: '7a6b5c4d-3e2f-4a1b-9c8d-7e6f5a4b3c2d',
  jinganStore: '2e4f6a8b-0c1d-4e3f-a5b7-c9d1e3f5a7b9',
  adminRole: '3b9e1d7c-5a2f-4e8b-9d6c-1f0a3e5b7c92',
  managerRole: 'e1d3f5a7-b9c0-4e2d-8f4a-6b8c0d2e4f61',
  salesRole: '6c2a8e4f-1d3b-4f5a-8e7c-9b0d2f4a6e18',
  customer: '8f3c2b1a-6d5e-4f70-9a8b-c7d6e5f4a3b2',
  mergedCustomer: '4d2e6f8a-1b3c-4d5e-8f7a-9b1c3d5e7f90',
  otherCustomer: 'b7a9c1e3-5d7f-4a2b-8c4e-6f8a0b2c4d6e',
  phone: 'd1e2f3a4-b5c6-4d7e-8f9a-0b1c2d3e4f5a',
  email: 'e5f6a7b8-c9d0-4e1f-a2b3-c4d5e6f7a8b9',
  address: 'f9a0b1c2-d3e4-4f5a-b6c7-d8e9f0a1b2c3',
  vipLevel: '0a1b2c3d-4e5f-4a6b-8c7d-9e0f1a2b3c4d',
  loyalTag: '2b3c4d5e-6f7a-4b8c-9d0e-1f2a3b4c5d6e',
  groupBuyTag: '3c4d5e6f-7a8b-4c9d-8e1f-2a3b4c5d6e7f',
  eastGroup: '4d5e6f7a-8b9c-4d0e-9f1a-3b4c5d6e7f80',
  hangzhouGroup: '5e6f7a8b-9c0d-4e1f-8a2b-4c5d6e7f8091',
  contact: '6f7a8b9c-0d1e-4f2a-9b3c-5d6e7f8091a2',
  contactPhone: 'a8b9c0d1-e2f3-4a4b-8c5d-6e7f8091a2b3',
  contactEmail: 'b9c0d1e2-f3a4-4b5c-9d6e-7f8091a2b3c4',
  order: '7a8b9c0d-1e2f-4a3b-8c4d-6e7f8091a2b3',
  activity: '8b9c0d1e-2f3a-4b4c-9d5e-7f8091a2b3c4',
  decisionMaker: '9c0d1e2f-3a4b-4c5d-8e6f-8091a2b3c4d5',
  customField: 'ad1e2f3a-4b5c-4d6e-9f70-91a2b3c4d5e6',
  view: 'be2f3a4b-5c6d-4e7f-8a81-a2b3c4d5e6f7',
  feedback: 'cf3a4b5c-6d7e-4f8a-9b92-b3c4d5e6f7a8',
  feedbackNote: 'd04b5c6d-7e8f-4a9b-8ca3-c4d5e6f7a8b9',
  photo: 'e15c6d7e-8f9a-4bac-9db4-d5e6f7a8b9c0',
  channel: 'f26d7e8f-9a0b-4cbd-8ec5-e6f7a8b9c0d1',
  apiKey: '037e8f9a-0b1c-4dce-9fd6-f7a8b9c0d1e2',
  session: '148f9a0b-1c2d-4edf-8ae7-a8b9c0d1e2f3',
  otherSession: '259a0b1c-2d3e-4fe0-9bf8-b9c0d1e2f3a4',
  auditEntry: '36ab1c2d-3e4f-4af1-8c09-c0d1e2f3a4b5',
} as const

const ids = exampleIds

// ---- people and organisation ----

export const exampleStaff = { id: ids.sales, displayName: '李娜' }
export const exampleManager = { id: ids.manager, displayName: '张伟' }
export const exampleStore = { id: ids.westLakeStore, name: '杭州西湖店' }

export const exampleUser: Example<typeof User> = {
  id: ids.sales,
  username: 'sales1',
  displayName: '李娜',
  role: 'sales',
  roleId: ids.salesRole,
  roleName: builtInRoles.sales.name,
  teamId: ids.westLakeStore,
  teamName: '杭州西湖店',
  permissions: [...builtInRoles.sales.permissions],
  scopes: builtInRoles.sales.scopes,
  passwordChangeRequired: false,
}

const jwtHeader = base64url({ alg: 'HS256', typ: 'JWT' })
export const exampleAccessToken = `${jwtHeader}.${base64url({ sid: ids.session, sub: ids.sales, iat: 1764057600, exp: 1764058500 })}.5Gx0v0pQmH3s9y1f8kQv2b7RzN4tW6cL1eJdA3uYhXo`
export const exampleChallengeToken = `${jwtHeader}.${base64url({ purpose: 'mfa', step: 'verify', sub: ids.sales, iat: 1764057600, exp: 1764057900 })}.q8Lr2nV5xK0wB7tY3mD9sF1hJ6cP4eG2aZ5uQ0iR7kE`
export const exampleRefreshToken = 'Qm9zLXJlZnJlc2gtdG9rZW4tZXhhbXBsZS0wMDAwMDE'

export const exampleLoginResponse: Example<typeof LoginResponse> = {
  accessToken: exampleAccessToken,
  refreshToken: exampleRefreshToken,
  user: exampleUser,
}

export const exampleRecoveryCodes = [
  'k3m9q-x7h2p', 'a8d4r-n2w6t', 'p5u7c-f9k3m', 'w2h8e-q4z6v', 'r7n3b-y5j9d',
  'h6t2x-m8c4g', 'e9v5k-s3p7a', 'u4y8f-d2r6n', 'c7j3w-t9b5q', 'z5g9p-h3e7u',
]

export const exampleMfaSetup: Example<typeof MfaSetup> = {
  secret: 'JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP',
  otpauthUrl: 'otpauth://totp/%E5%AE%A2%E7%9F%A5%20CRM:sales1?secret=JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP&issuer=%E5%AE%A2%E7%9F%A5%20CRM&algorithm=SHA1&digits=6&period=30',
  qrCodeDataUrl: 'data:image/png;base64,iVBORw0KGgoAAAANSUhEUgAAAMgAAADICAYAAACtWK6eAAAAAklEQVR4AewaftIAAAbVSURBVO3BQY4cSRLAQDLQ//8yV0c/JZCoaK1mnWb2B2utX3msta7HWut6rLWux1rreqy1rsda63qsta7HWut6rLWux1rreqy1rsda63qsta7HWut6rLWux1rreqy1rsda63qs...',
}

export const exampleSession: Example<typeof AccountSession> = {
  id: ids.session,
  ip: '183.157.42.18',
  userAgent: 'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36',
  createdAt: '2025-11-24T01:12:45.000Z',
  lastUsedAt: '2025-11-25T02:40:03.000Z',
  current: true,
}

export const exampleTeam: Example<typeof TeamDto> = {
  id: ids.westLakeStore,
  name: '杭州西湖店',
  parentId: ids.headOffice,
  sortOrder: 10,
  memberCount: 6,
}

export const exampleRole: Example<typeof RoleDto> = {
  id: ids.salesRole,
  key: 'sales',
  name: builtInRoles.sales.name,
  description: '跟进自己名下的客户',
  permissions: [...builtInRoles.sales.permissions],
  scopes: builtInRoles.sales.scopes,
  mfaRequired: false,
  builtIn: true,
  userCount: 12,
}

export const exampleManagedUser: Example<typeof ManagedUser> = {
  id: ids.sales,
  username: 'sales1',
  displayName: '李娜',
  roleId: ids.salesRole,
  roleName: builtInRoles.sales.name,
  teamId: ids.westLakeStore,
  teamName: '杭州西湖店',
  disabled: false,
  mfaEnabled: true,
  wechatBound: true,
  lockedUntil: null,
  lastLoginAt: '2025-11-25T01:05:12.000Z',
  passwordChangedAt: '2025-09-02T03:20:00.000Z',
  customerCount: 238,
}

export const exampleApiKey: Example<typeof ApiKey> = {
  id: ids.apiKey,
  name: '官网表单同步',
  prefix: 'Xy3_aB9q',
  roleId: ids.salesRole,
  roleName: builtInRoles.sales.name,
  actingUser: exampleStaff,
  createdAt: '2025-11-20T06:30:00.000Z',
  lastUsedAt: '2025-11-25T02:41:19.000Z',
  expiresAt: '2026-11-20T00:00:00.000Z',
  revokedAt: null,
}

// ---- settings ----

export const exampleTag: Example<typeof Tag> = { id: ids.loyalTag, name: '老客户', color: 'blue' }
export const exampleGroupBuyTag: Example<typeof Tag> = { id: ids.groupBuyTag, name: '团购', color: 'orange' }
export const exampleTagItem: Example<typeof TagItem> = { ...exampleTag, customerCount: 128 }

export const exampleGroupRef: Example<typeof GroupRef> = { id: ids.hangzhouGroup, name: '杭州', parentId: ids.eastGroup }
export const exampleGroupItem: Example<typeof GroupItem> = { ...exampleGroupRef, sortOrder: 10, customerCount: 86 }
export const exampleTopGroupItem: Example<typeof GroupItem> = { id: ids.eastGroup, name: '华东区', parentId: null, sortOrder: 0, customerCount: 12 }

export const exampleLevel: Example<typeof Level> = { id: ids.vipLevel, name: 'VIP', color: 'gold', sortOrder: 10, isDefault: false }
export const exampleCustomerLevel: Example<typeof CustomerLevel> = exampleLevel

export const exampleRelationshipType: Example<typeof RelationshipType> = { id: ids.decisionMaker, name: '决策人', sortOrder: 10 }

export const exampleCustomField: Example<typeof CustomFieldDefinition> = {
  id: ids.customField,
  key: 'wechat_id',
  label: '微信号',
  type: 'text',
  options: [],
  required: false,
  unique: true,
  sortOrder: 10,
}

// ---- customers ----

export const exampleCustomerSummary: Example<typeof CustomerSummary> = {
  id: ids.customer,
  version: 3,
  name: '陈晓明',
  gender: 'male',
  age: 37,
  company: '杭州清源科技有限公司',
  primaryPhone: '138****5678',
  primaryEmail: 'c***@qingyuan-tech.cn',
  provinceName: '浙江省',
  cityName: '杭州市',
  level: exampleLevel,
  lifecycleStatus: 'active',
  source: '门店到访',
  tags: [exampleTag],
  groups: [exampleGroupRef],
  owner: exampleStaff,
  orderCount: 4,
  totalSpent: '5120.00',
  lastPurchaseAt: '2025-11-23T08:00:00.000Z',
  lastContactAt: '2025-11-24T06:30:00.000Z',
  lastActivityAt: '2025-11-24T06:30:00.000Z',
  customFields: { wechat_id: 'chen_xm', vip_since: '2023-05-01' },
  createdAt: '2023-04-18T02:15:30.000Z',
  updatedAt: '2025-11-24T06:31:02.000Z',
}

export const exampleCustomer: Example<typeof Customer> = {
  ...exampleCustomerSummary,
  birthday: '1988-06-15',
  occupation: '工程师',
  industry: '软件',
  notes: '偏好周末到店，关注净水器滤芯更换',
  consent: { marketing: true, givenAt: '2023-04-18T02:15:30.000Z', channel: 'in_store', note: null },
  phones: [{ id: ids.phone, type: 'mobile', number: '138****5678', display: '138****5678', primary: true, masked: true }],
  emails: [{ id: ids.email, address: 'c***@qingyuan-tech.cn', primary: true, masked: true }],
  addresses: [
    {
      id: ids.address,
      type: 'home',
      provinceCode: '330000',
      provinceName: '浙江省',
      cityCode: '330100',
      cityName: '杭州市',
      districtCode: '330106',
      districtName: '西湖区',
      street: '文三路 90 号',
      houseNumber: '3 幢 1201 室',
      postcode: '310012',
      primary: true,
    },
  ],
  metrics: {
    orderCount: 4,
    totalSpent: '5120.00',
    averageOrderValue: '1280.00',
    firstPurchaseAt: '2023-04-18T02:40:00.000Z',
    lastPurchaseAt: '2025-11-23T08:00:00.000Z',
    purchaseFrequencyDays: 316.7,
  },
  mergedFrom: [],
}

export const exampleTrashedCustomer: Example<typeof TrashedCustomer> = {
  ...exampleCustomerSummary,
  id: ids.otherCustomer,
  version: 5,
  name: '刘芳',
  gender: 'female',
  age: 29,
  company: null,
  primaryPhone: '139****2046',
  primaryEmail: null,
  level: null,
  lifecycleStatus: 'churned',
  source: '线上商城',
  tags: [],
  groups: [],
  orderCount: 1,
  totalSpent: '399.00',
  lastPurchaseAt: '2024-08-02T11:20:00.000Z',
  lastContactAt: null,
  lastActivityAt: '2024-08-02T11:20:00.000Z',
  customFields: {},
  createdAt: '2024-08-02T11:05:00.000Z',
  updatedAt: '2025-11-21T09:12:44.000Z',
  deletedAt: '2025-11-21T09:12:44.000Z',
  deletedBy: exampleManager,
}

// ---- what happens with a customer ----

export const exampleContact: Example<typeof Contact> = {
  id: ids.contact,
  name: '王芳',
  title: '采购经理',
  phones: [{ id: ids.contactPhone, type: 'mobile', number: '139****6721', display: '139****6721', primary: true, masked: true }],
  emails: [{ id: ids.contactEmail, address: 'w***@qingyuan-tech.cn', primary: true, masked: true }],
  relationshipType: { id: ids.decisionMaker, name: '决策人' },
  reportsToId: null,
  notes: '负责公司净水设备采购，工作日上午方便联系',
  createdAt: '2025-03-06T03:10:00.000Z',
  updatedAt: '2025-11-12T07:45:20.000Z',
}

export const exampleOrder: Example<typeof Order> = {
  id: ids.order,
  orderNo: 'KZ20251123-000123',
  orderedAt: '2025-11-23T08:00:00.000Z',
  channel: '门店',
  status: 'paid',
  items: [
    { product: '家用净水器 RO-600', category: '净水设备', quantity: 1, unitPrice: '1080.00', lineTotal: '1080.00' },
    { product: 'PP 棉滤芯', category: '滤芯耗材', quantity: 2, unitPrice: '100.00', lineTotal: '200.00' },
  ],
  amount: '1280.00',
  notes: '含上门安装',
  createdAt: '2025-11-23T08:05:12.000Z',
  updatedAt: '2025-11-23T08:05:12.000Z',
}

export const exampleActivity: Example<typeof Activity> = {
  id: ids.activity,
  type: 'call',
  occurredAt: '2025-11-24T06:30:00.000Z',
  content: '电话回访，客户对净水器安装服务满意，询问滤芯更换周期',
  outcome: '约定下月到店更换滤芯',
  author: exampleStaff,
  createdAt: '2025-11-24T06:31:02.000Z',
}

export const exampleView: Example<typeof CustomerView> = {
  id: ids.view,
  name: '本月高价值客户',
  filters: { lifecycleStatuses: ['active'], totalSpentMin: 5000, lastPurchaseFrom: '2025-11-01' },
  columns: ['name', 'primaryPhone', 'level', 'totalSpent', 'lastPurchaseAt', 'owner'],
  sort: { field: 'totalSpent', order: 'desc' },
  shared: true,
  owner: exampleManager,
  mine: false,
  position: 0,
  createdAt: '2025-11-01T01:00:00.000Z',
  updatedAt: '2025-11-10T08:22:31.000Z',
}

export const exampleAuditEntry: Example<typeof AuditEntry> = {
  id: ids.auditEntry,
  at: '2025-11-24T06:31:02.000Z',
  actor: exampleStaff,
  apiKeyId: null,
  ip: '183.157.42.18',
  userAgent: 'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36',
  action: 'update',
  resource: 'customer',
  resourceId: ids.customer,
  customerId: ids.customer,
  label: '陈晓明',
  changes: { company: { before: '杭州清源贸易', after: '杭州清源科技有限公司' }, lifecycleStatus: { before: 'new', after: 'active' } },
  meta: null,
}

// ---- feedback and QR channels ----

export const exampleChannelToken = 'aZ3k9QmX2p.Qm9zLXRva2VuLXNpZw'

export const exampleChannel: Example<typeof Channel> = {
  id: ids.channel,
  kind: 'feedback',
  name: '西湖店前台',
  team: exampleStore,
  staff: exampleStaff,
  token: exampleChannelToken,
  link: `https://crm.example.com/m/feedback?c=${exampleChannelToken}`,
  validUntil: null,
  disabled: false,
  createdAt: '2025-06-01T02:00:00.000Z',
  feedbackCount: 57,
}

export const exampleFeedbackSummary: Example<typeof FeedbackSummary> = {
  id: ids.feedback,
  number: 1024,
  createdAt: '2025-11-24T04:18:09.000Z',
  status: 'in_progress',
  category: 'service',
  rating: 4,
  nps: 9,
  excerpt: '安装师傅很专业，就是预约等了三天',
  store: exampleStore,
  channel: { id: ids.channel, name: '西湖店前台' },
  staff: exampleStaff,
  assignee: exampleManager,
  customer: { id: ids.customer, name: '陈晓明' },
  phoneMasked: '138****5678',
  contactConsent: true,
  photoCount: 1,
}

export const exampleFeedbackNote: Example<typeof FeedbackNote> = {
  id: ids.feedbackNote,
  kind: 'reply',
  body: '已致电客户致歉，并安排本周六上门回访',
  replyChannel: 'phone',
  author: exampleManager,
  createdAt: '2025-11-24T07:02:40.000Z',
}

export const exampleFeedbackDetail: Example<typeof FeedbackDetail> = {
  ...exampleFeedbackSummary,
  text: '安装师傅很专业，就是预约等了三天，希望以后能快一点。',
  language: 'zh-CN',
  resolvedAt: null,
  customerLink: 'phone',
  photos: [{ id: ids.photo, contentType: 'image/jpeg', byteSize: 482133 }],
  notes: [exampleFeedbackNote],
}
