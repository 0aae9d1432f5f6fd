import type { Fixture, FixtureContext } from './fixtures.js'
import { inOnly } from './fixture-helpers.js'
import type { World } from './world.js'

interface ExportBody {
  id: string
  status: string
  downloadUrl: string | null
}

/** Queues an export as the holder of `token` and, when asked, waits until its file is written. */
const exportAs = async (world: World, token: string, body: unknown, { completed = false } = {}): Promise<ExportBody> => {
  const created = await world.server.api.post<ExportBody>('/api/exports', { token, body })
  if (created.status !== 202) throw new Error(`export creation answered ${created.status}: ${JSON.stringify(created.body)}`)
  let current = created.body
  for (let attempt = 0; completed && current.status !== 'completed'; attempt += 1) {
    if (current.status === 'failed' || attempt > 300) throw new Error(`export ${current.id} ended ${current.status}`)
    await new Promise((resolve) => setTimeout(resolve, 100))
    current = (await world.server.api.get<ExportBody>(`/api/exports/${current.id}`, { token })).body
  }
  return current
}

// Another user's export (a manager of their own), made once per world: no actor may see it.
const othersExports = new WeakMap<World, Promise<string>>()
const othersExport = (world: World) => {
  let found = othersExports.get(world)
  if (found === undefined) {
    found = world.freshActor('manager').then(async (other) => (await exportAs(world, other.token, { format: 'csv' })).id)
    othersExports.set(world, found)
  }
  return found
}

/** An export of the actor's own when they may export, else one of the administrator's that matches nobody. */
const ownExport = async ({ world, actor, permitted }: FixtureContext, completed: boolean): Promise<ExportBody> =>
  permitted
    ? exportAs(world, actor.token, { format: 'json', filter: { keyword: world.unique('无此客户') } }, { completed })
    : exportAs(world, world.admin, { format: 'json', filter: { keyword: world.unique('无此客户') } }, { completed })

/** Authorisation-test fixtures of the exports operations (by operationId). */
export const exportsFixtures: Record<string, Fixture> = {
  listExports: inOnly(() => ({})),
  createExport: inOnly(({ world }) => ({ body: { format: 'csv', filter: { keyword: world.unique('无此客户') } } })),
  getExport: async (context) => {
    if (context.target === 'out') return null
    if (context.target === 'cross') return { path: { id: await othersExport(context.world) } }
    return { path: { id: (await ownExport(context, false)).id } }
  },
  // Public: the signed link is the permission, whoever follows it.
  downloadExport: inOnly(async (context) => {
    const done = await exportAs(context.world, context.world.admin, { format: 'json', filter: { keyword: context.world.unique('无此客户') } }, { completed: true })
    const token = new URL(done.downloadUrl ?? '', 'http://localhost').searchParams.get('token') ?? ''
    return { path: { id: done.id }, query: { token } }
  }),
}
