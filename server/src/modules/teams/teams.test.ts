import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { startTestServer, type ErrorBody, type TestServer } from '../../test/support.js'

interface Team {
  id: string
  name: string
  parentId: string | null
  sortOrder: number
  memberCount: number
}
interface AuditPage {
  items: { action: string; resource: string; resourceId: string | null; label: string | null; changes: Record<string, { before: unknown; after: unknown }> | null }[]
}

describe('teams', () => {
  let server: TestServer
  let admin: string
  let manager: string
  let sales1: string

  beforeAll(async () => {
    server = await startTestServer()
    ;[admin, manager, sales1] = await Promise.all([server.login('admin'), server.login('manager'), server.login('sales1')])
  })
  afterAll(() => server.close())

  const teams = async () => (await server.api.get<{ items: Team[] }>('/api/teams', { token: admin })).body.items
  const named = async (name: string) => {
    const team = (await teams()).find((candidate) => candidate.name === name)
    if (team === undefined) throw new Error(`no team ${name}`)
    return team
  }

  it('everyone signed in reads the tree: the root first, each team with its parent and member count', async () => {
    const listed = await server.api.get<{ items: Team[] }>('/api/teams', { token: sales1 })
    expect(listed.status).toBe(200)
    const [root] = listed.body.items
    expect(root).toMatchObject({ name: '总部', parentId: null, memberCount: 2 })
    const east = listed.body.items.find((team) => team.name === '华东大区')
    expect(east).toMatchObject({ parentId: root?.id, memberCount: 1 })
    expect(listed.body.items.find((team) => team.name === '杭州西湖店')).toMatchObject({ parentId: east?.id, memberCount: 1 })
    expect((await server.api.get('/api/teams')).status).toBe(401)
  })

  it('an administrator adds, renames and moves a team; each change is in the audit log with its fields', async () => {
    const east = await named('华东大区')
    const south = await named('华南大区')
    const created = await server.api.post<Team>('/api/teams', { token: admin, body: { name: '宁波店', parentId: east.id } })
    expect(created.status).toBe(201)
    expect(created.body).toMatchObject({ name: '宁波店', parentId: east.id, memberCount: 0 })
    expect(created.body.sortOrder).toBeGreaterThan(0)

    const moved = await server.api.patch<Team>(`/api/teams/${created.body.id}`, { token: admin, body: { name: '宁波天一店', parentId: south.id } })
    expect(moved.status).toBe(200)
    expect(moved.body).toMatchObject({ name: '宁波天一店', parentId: south.id })

    const sibling = await server.api.post<ErrorBody>('/api/teams', { token: admin, body: { name: '宁波天一店', parentId: south.id } })
    expect(sibling.status).toBe(409)
    expect(sibling.body.code).toBe('NAME_TAKEN')

    const log = await server.api.get<AuditPage>('/api/audit-logs?resource=team', { token: admin })
    const entries = log.body.items.filter((entry) => entry.resourceId === created.body.id)
    expect(entries.map((entry) => entry.action)).toEqual(['update', 'create'])
    expect(entries[0]?.changes).toEqual({
      name: { before: '宁波店', after: '宁波天一店' },
      parentId: { before: east.id, after: south.id },
    })
  })

  it('a team cannot move below itself or its sub-teams, and the root cannot move at all', async () => {
    const east = await named('华东大区')
    const store = await named('杭州西湖店')
    const root = await named('总部')
    for (const [id, parentId] of [[east.id, store.id], [east.id, east.id], [root.id, east.id]] as const) {
      const refused = await server.api.patch<ErrorBody>(`/api/teams/${id}`, { token: admin, body: { parentId } })
      expect(refused.status).toBe(422)
      expect(refused.body.details).toEqual([{ field: 'parentId', message: '团队不能移到自身或其下级团队之下' }])
    }
    expect((await named('华东大区')).parentId).toBe(root.id)
  })

  it('only empty teams can be deleted; the root never', async () => {
    const root = await named('总部')
    const east = await named('华东大区')
    const store = await named('杭州西湖店')
    for (const team of [root, east, store]) {
      const refused = await server.api.delete<ErrorBody>(`/api/teams/${team.id}`, { token: admin })
      expect(refused.status).toBe(409)
      expect(refused.body.code).toBe('TEAM_NOT_EMPTY')
    }
    const empty = await server.api.post<Team>('/api/teams', { token: admin, body: { name: '临时小组', parentId: east.id } })
    expect((await server.api.delete(`/api/teams/${empty.body.id}`, { token: admin })).status).toBe(204)
    expect((await teams()).some((team) => team.id === empty.body.id)).toBe(false)
    expect((await server.api.delete<ErrorBody>(`/api/teams/${empty.body.id}`, { token: admin })).body.code).toBe('TEAM_NOT_FOUND')
    const log = await server.api.get<AuditPage>('/api/audit-logs?resource=team&action=delete', { token: admin })
    expect(log.body.items[0]).toMatchObject({ resourceId: empty.body.id, label: '临时小组' })
  })

  it('refuses people without team:manage, unknown fields and unknown parents', async () => {
    const east = await named('华东大区')
    expect((await server.api.post('/api/teams', { token: manager, body: { name: '经理的店', parentId: east.id } })).status).toBe(403)
    expect((await server.api.patch(`/api/teams/${east.id}`, { token: manager, body: { name: 'x' } })).status).toBe(403)
    expect((await server.api.delete(`/api/teams/${east.id}`, { token: sales1 })).status).toBe(403)
    const extra = await server.api.post<ErrorBody>('/api/teams', { token: admin, body: { name: '店', parentId: east.id, color: 'red' } })
    expect(extra.status).toBe(422)
    expect(extra.body.details).toEqual([{ field: '', message: '包含不支持的字段：color' }])
    const orphan = await server.api.post<ErrorBody>('/api/teams', {
      token: admin, body: { name: '店', parentId: '00000000-0000-4000-8000-000000000000' },
    })
    expect(orphan.status).toBe(422)
    expect(orphan.body.details).toEqual([{ field: 'parentId', message: '团队不存在' }])
  })
})
