import jsQRModule from 'jsqr'
import { PNG } from 'pngjs'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { auditEntries } from '../auth/auth.test-support.js'
import { startTestServer, type ErrorBody, type TestServer } from '../../test/support.js'
import { standInPng, startWechatStandIn, type WechatStandIn } from '../../test/wechat-stand-in.js'
import type { ChannelDto, ChannelListDto } from './channels.schemas.js'

interface Team {
  id: string
  name: string
}

/** The text a PNG QR code encodes. */
// jsqr is CommonJS with `exports.default`: the types see a module, the test runner hands over the function itself.
type Decode = typeof jsQRModule.default
const jsQR: Decode = typeof jsQRModule === 'function' ? (jsQRModule as Decode) : jsQRModule.default

const decodeQr = (png: Buffer): string | null => {
  const image = PNG.sync.read(png)
  return jsQR(new Uint8ClampedArray(image.data), image.width, image.height)?.data ?? null
}

const fetchImage = async (url: string, token: string) => {
  const response = await fetch(url, { headers: { authorization: `Bearer ${token}` } })
  return { status: response.status, contentType: response.headers.get('content-type') ?? '', bytes: Buffer.from(await response.arrayBuffer()) }
}

describe('QR channels in the console', () => {
  let server: TestServer
  let admin = ''
  let manager = ''
  let sales = ''
  let east: Team
  let south: Team
  let sales1Id = ''

  beforeAll(async () => {
    server = await startTestServer({ publicBaseUrl: undefined })
    admin = await server.login('admin')
    manager = await server.login('manager')
    sales = await server.login('sales1')
    const teams = (await server.api.get<{ items: Team[] }>('/api/teams', { token: admin })).body.items
    east = teams.find((team) => team.name === '杭州西湖店') as Team
    south = teams.find((team) => team.name === '广州天河店') as Team
    sales1Id = (await server.api.get<{ id: string }>('/api/me', { token: sales })).body.id
  })
  afterAll(() => server?.close())

  const create = (token: string, body: Record<string, unknown>) => server.api.post<ChannelDto & ErrorBody>('/api/channels', { token, body })

  it('an administrator creates a feedback channel for a store and a staff member: a short signed token and its link', async () => {
    const created = await create(admin, { kind: 'feedback', name: '西湖店前台', teamId: east.id, staffId: sales1Id })
    expect(created.status).toBe(201)
    expect(created.body).toMatchObject({
      kind: 'feedback',
      name: '西湖店前台',
      team: { id: east.id, name: '杭州西湖店' },
      staff: { id: sales1Id, displayName: '李娜' },
      validUntil: null,
      disabled: false,
      feedbackCount: 0,
    })
    expect(created.body.token).toMatch(/^[0-9A-Za-z]{10}\.[A-Za-z0-9_-]{16}$/)
    expect(created.body.token.length).toBeLessThanOrEqual(32)
    expect(created.body.link).toBe(`${server.url}/m/feedback?c=${created.body.token}`)

    const selfRegister = await create(admin, { kind: 'self_register', name: '西湖店自助登记', teamId: east.id })
    expect(selfRegister.body.link).toBe(`${server.url}/m/join?c=${selfRegister.body.token}`)
    expect(selfRegister.body.staff).toBeNull()

    const audit = (await auditEntries(server, ['create'])).filter((entry) => entry.resource === 'channel')
    expect(audit.map((entry) => entry.resource_id)).toEqual(expect.arrayContaining([created.body.id, selfRegister.body.id]))
    expect(JSON.stringify(audit)).not.toContain(created.body.token)
  })

  it('reissuing gives a new token; editing, disabling and deleting are recorded in the audit log', async () => {
    const channel = (await create(admin, { kind: 'feedback', name: '待重发', teamId: east.id })).body
    const reissued = await server.api.post<ChannelDto>(`/api/channels/${channel.id}/reissue`, { token: admin })
    expect(reissued.status).toBe(200)
    expect(reissued.body.token).not.toBe(channel.token)
    expect(reissued.body.token.split('.')[0]).toBe(channel.token.split('.')[0])

    const patched = await server.api.patch<ChannelDto>(`/api/channels/${channel.id}`, { token: admin, body: { name: '已改名', disabled: true } })
    expect(patched.body).toMatchObject({ name: '已改名', disabled: true })
    const listed = await server.api.get<ChannelListDto>('/api/channels', { token: admin })
    expect(listed.body.items.find((item) => item.id === channel.id)?.disabled).toBe(true)

    expect((await server.api.delete(`/api/channels/${channel.id}`, { token: admin })).status).toBe(204)
    expect((await server.api.get<ErrorBody>(`/api/channels/${channel.id}`, { token: admin })).body.code).toBe('CHANNEL_NOT_FOUND')
    const trail = (await auditEntries(server)).filter((entry) => entry.resource === 'channel' && entry.resource_id === channel.id)
    expect(trail.map((entry) => entry.action)).toEqual(['create', 'update', 'update', 'delete'])
  })

  it('an end date in the past is refused', async () => {
    const refused = await create(admin, { kind: 'feedback', name: '过期活动', teamId: east.id, validUntil: '2020-01-01T00:00:00.000Z' })
    expect(refused.status).toBe(422)
    expect(refused.body.details[0]?.field).toBe('validUntil')
  })

  it('the manager of 华东 sees and creates channels of 华东 stores only; a sales rep cannot manage channels', async () => {
    const southChannel = (await create(admin, { kind: 'feedback', name: '天河店', teamId: south.id })).body
    const eastChannel = (await create(manager, { kind: 'feedback', name: '经理建的', teamId: east.id })).body
    expect(eastChannel.team.id).toBe(east.id)

    const outOfScope = await create(manager, { kind: 'feedback', name: '越界', teamId: south.id })
    expect(outOfScope.status).toBe(403)

    const listed = (await server.api.get<ChannelListDto>('/api/channels', { token: manager })).body.items
    expect(listed.map((item) => item.id)).toContain(eastChannel.id)
    expect(listed.every((item) => item.team.id === east.id)).toBe(true)
    expect((await server.api.get(`/api/channels/${southChannel.id}`, { token: manager })).status).toBe(404)
    expect((await server.api.patch(`/api/channels/${southChannel.id}`, { token: manager, body: { disabled: true } })).status).toBe(404)

    expect((await create(sales, { kind: 'feedback', name: '销售建的', teamId: east.id })).status).toBe(403)
    expect((await server.api.post(`/api/channels/${eastChannel.id}/reissue`, { token: sales })).status).toBe(403)
    expect((await server.api.get(`/api/channels/${eastChannel.id}/qr?type=h5`, { token: sales })).status).toBe(403)
    // Sales reps read the channels that name them (their own feedback scope).
    const own = (await create(admin, { kind: 'feedback', name: '李娜的码', teamId: east.id, staffId: sales1Id })).body
    const salesList = (await server.api.get<ChannelListDto>('/api/channels', { token: sales })).body.items
    expect(salesList.map((item) => item.id)).toContain(own.id)
    expect(salesList.every((item) => item.staff?.id === sales1Id)).toBe(true)
  })

  it('the H5 QR code (PNG) decodes to the channel link; the SVG is served too; without WeChat there is no wxacode', async () => {
    const channel = (await create(admin, { kind: 'feedback', name: '打印用', teamId: east.id })).body
    const png = await fetchImage(`${server.url}/api/channels/${channel.id}/qr?type=h5&format=png`, admin)
    expect(png.status).toBe(200)
    expect(png.contentType).toBe('image/png')
    expect(decodeQr(png.bytes)).toBe(channel.link)

    const svg = await fetchImage(`${server.url}/api/channels/${channel.id}/qr?format=svg`, admin)
    expect(svg.status).toBe(200)
    expect(svg.contentType).toContain('image/svg+xml')
    expect(svg.bytes.toString('utf8')).toContain('<svg')

    const wxacode = await server.api.get<ErrorBody>(`/api/channels/${channel.id}/qr?type=wxacode`, { token: admin })
    expect(wxacode.status).toBe(404)
    expect(wxacode.body.code).toBe('WECHAT_NOT_CONFIGURED')
    expect((await server.api.get<ChannelListDto>('/api/channels', { token: admin })).body.wechatCodes).toBe(false)
  })
})

describe('QR channels with WeChat configured and a public base URL', () => {
  let wechat: WechatStandIn
  let server: TestServer
  let admin = ''

  beforeAll(async () => {
    wechat = await startWechatStandIn()
    server = await startTestServer({
      wechat: { appId: wechat.appId, appSecret: wechat.appSecret, apiBaseUrl: wechat.baseUrl },
      publicBaseUrl: 'https://crm.example.com',
    })
    admin = await server.login('admin')
  })
  afterAll(async () => {
    await server?.close()
    await wechat?.close()
  })

  it('the mini-program code comes from WeChat with the token as scene and the page of the kind; links use PUBLIC_BASE_URL', async () => {
    const teams = (await server.api.get<{ items: Team[] }>('/api/teams', { token: admin })).body.items
    const store = teams.find((team) => team.name === '杭州西湖店') as Team
    const channel = (await server.api.post<ChannelDto>('/api/channels', { token: admin, body: { kind: 'self_register', name: '扫码登记', teamId: store.id } })).body
    expect(channel.link).toBe(`https://crm.example.com/m/join?c=${channel.token}`)
    expect((await server.api.get<ChannelListDto>('/api/channels', { token: admin })).body.wechatCodes).toBe(true)

    // Without a type, the mini-program code is the default when WeChat is configured.
    const image = await fetchImage(`${server.url}/api/channels/${channel.id}/qr`, admin)
    expect(image.status).toBe(200)
    expect(image.contentType).toBe('image/png')
    expect(image.bytes.equals(standInPng)).toBe(true)
    const call = wechat.calls.find((entry) => entry.path === '/wxa/getwxacodeunlimit')
    expect(call?.body).toMatchObject({ scene: channel.token, page: 'pages/join/index', check_path: false })

    const h5 = await fetchImage(`${server.url}/api/channels/${channel.id}/qr?type=h5`, admin)
    expect(decodeQr(h5.bytes)).toBe(channel.link)
  })
})
