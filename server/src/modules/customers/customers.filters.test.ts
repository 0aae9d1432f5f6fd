import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { startTestServer, type TestServer } from '../../test/support.js'
import { customerClient, signInStaff, type Staff } from './customers.test-support.js'

describe('customers: filtering the list by custom field values', () => {
  let server: TestServer
  let staff: Staff
  let customers: ReturnType<typeof customerClient>

  const fields = [
    { key: 'wechat_id', label: '微信号', type: 'text' },
    { key: 'points', label: '积分', type: 'number' },
    { key: 'vip_since', label: '入会日期', type: 'date' },
    { key: 'channel', label: '渠道', type: 'single_select', options: ['门店', '抖音', '朋友推荐'] },
    { key: 'hobbies', label: '爱好', type: 'multi_select', options: ['茶', '书法', '跑步'] },
    { key: 'vip', label: '会员', type: 'boolean' },
  ]

  beforeAll(async () => {
    server = await startTestServer()
    staff = await signInStaff(server)
    customers = customerClient(server)
    for (const body of fields) {
      expect((await server.api.post('/api/custom-fields', { token: staff.admin, body })).status).toBe(201)
    }
    const seed: [string, string, Record<string, unknown>][] = [
      [staff.sales1, '筛选甲', { wechat_id: 'Chen_XM', points: 120, vip_since: '2023-05-01', channel: '门店', hobbies: ['茶', '书法'], vip: true }],
      [staff.sales1, '筛选乙', { wechat_id: 'li_na', points: 80.5, vip_since: '2024-02-29', channel: '抖音', hobbies: ['跑步'], vip: false }],
      [staff.sales2, '筛选丙', { wechat_id: 'chenxi', points: 300, vip_since: '2024-12-31', channel: '门店', hobbies: ['书法'], vip: true }],
      [staff.sales2, '筛选丁', {}],
    ]
    for (const [token, name, customFields] of seed) {
      expect((await customers.create(token, { name, customFields })).status).toBe(201)
    }
  })
  afterAll(() => server.close())

  const names = async (token: string, filters: unknown) => {
    const response = await customers.list(token, `?limit=100&customFields=${encodeURIComponent(JSON.stringify(filters))}`)
    expect(response.status, JSON.stringify(response.body)).toBe(200)
    expect(response.body.total).toBe(response.body.items.length)
    return response.body.items.map((item) => item.name).sort()
  }

  it('text: a case-insensitive substring, with LIKE wildcards taken literally', async () => {
    expect(await names(staff.admin, { wechat_id: 'CHEN' })).toEqual(['筛选丙', '筛选甲'])
    expect(await names(staff.admin, { wechat_id: '_xm' })).toEqual(['筛选甲'])
    expect(await names(staff.admin, { wechat_id: '%' })).toEqual([])
  })

  it('number: an inclusive min/max range, either end optional', async () => {
    expect(await names(staff.admin, { points: { min: 100 } })).toEqual(['筛选丙', '筛选甲'])
    expect(await names(staff.admin, { points: { max: 120 } })).toEqual(['筛选乙', '筛选甲'])
    expect(await names(staff.admin, { points: { min: 80.5, max: 120 } })).toEqual(['筛选乙', '筛选甲'])
  })

  it('date: an inclusive from/to range', async () => {
    expect(await names(staff.admin, { vip_since: { from: '2024-01-01' } })).toEqual(['筛选丙', '筛选乙'])
    expect(await names(staff.admin, { vip_since: { from: '2023-05-01', to: '2024-02-29' } })).toEqual(['筛选乙', '筛选甲'])
  })

  it('single select: any of the given options; multi select: has any of them; boolean: equals', async () => {
    expect(await names(staff.admin, { channel: ['门店'] })).toEqual(['筛选丙', '筛选甲'])
    expect(await names(staff.admin, { channel: ['抖音', '朋友推荐'] })).toEqual(['筛选乙'])
    expect(await names(staff.admin, { hobbies: ['书法'] })).toEqual(['筛选丙', '筛选甲'])
    expect(await names(staff.admin, { hobbies: ['茶', '跑步'] })).toEqual(['筛选乙', '筛选甲'])
    expect(await names(staff.admin, { vip: true })).toEqual(['筛选丙', '筛选甲'])
    expect(await names(staff.admin, { vip: false })).toEqual(['筛选乙'])
  })

  it('conditions combine with each other and with the built-in filters', async () => {
    expect(await names(staff.admin, { channel: ['门店'], points: { max: 200 }, vip: true })).toEqual(['筛选甲'])
    const response = await customers.list(staff.admin, `?keyword=筛选丙&customFields=${encodeURIComponent('{"vip":true}')}`)
    expect(response.body.items.map((item) => item.name)).toEqual(['筛选丙'])
  })

  it('a sales rep filtering still sees only their own customers', async () => {
    expect(await names(staff.sales1, { channel: ['门店'] })).toEqual(['筛选甲'])
    expect(await names(staff.sales2, { wechat_id: 'chen' })).toEqual(['筛选丙'])
    expect(await names(staff.sales2, { vip: false })).toEqual([])
  })

  it('unknown keys, values unfit for the type, unknown options and broken JSON answer 422 naming the field', async () => {
    const problems = async (query: string) => {
      const response = await customers.list(staff.admin, `?customFields=${encodeURIComponent(query)}`)
      expect(response.status).toBe(422)
      expect(response.body.code).toBe('VALIDATION_FAILED')
      return response.body.details
    }
    expect(await problems('{"nope":"x","points":"many","vip_since":{"min":1},"vip":"yes","channel":["微信"],"wechat_id":true}')).toEqual([
      { field: 'customFields.nope', message: '没有这个自定义字段' },
      { field: 'customFields.points', message: '应为数值范围 { min, max }，至少给出一端' },
      { field: 'customFields.vip_since', message: '应为日期范围 { from, to }（YYYY-MM-DD），至少给出一端' },
      { field: 'customFields.vip', message: '必须是“是”或“否”（true / false）' },
      { field: 'customFields.channel', message: '不是可选项之一：门店, 抖音, 朋友推荐' },
      { field: 'customFields.wechat_id', message: '必须是文本' },
    ])
    expect((await problems('{"points":{}}')).map((detail) => detail.field)).toEqual(['customFields.points'])
    expect((await problems('{"hobbies":{"min":1,"from":"2024-01-01"}}')).map((detail) => detail.field)).toEqual(['customFields.hobbies'])
    expect(await problems('{oops')).toEqual([{ field: 'customFields', message: '不是有效的 JSON' }])
  })
})
