import { setTimeout as sleep } from 'node:timers/promises'
import type { Fixture } from './fixtures.js'
import { inOnly } from './fixture-helpers.js'
import type { World } from './world.js'

interface BackupListBody {
  items: { name: string }[]
  running: boolean
}

/** Waits until no backup is queued or running (one at a time: another would be refused with 409). */
const idle = async (world: World): Promise<BackupListBody> => {
  for (;;) {
    const list = await world.adminCall<BackupListBody>('get', '/api/backups')
    if (!list.running) return list
    await sleep(200)
  }
}

const archives = new WeakMap<World, Promise<string>>()
/** One finished archive per world, made through the API, for the download calls. */
const anArchive = (world: World): Promise<string> => {
  let archive = archives.get(world)
  if (archive === undefined) {
    archive = (async () => {
      await idle(world)
      const { name } = await world.adminCall<{ name: string }>('post', '/api/backups')
      const list = await idle(world)
      if (!list.items.some((item) => item.name === name)) throw new Error(`the backup ${name} ended without an archive`)
      return name
    })()
    archives.set(world, archive)
  }
  return archive
}

/** Authorisation-test fixtures of the backups operations (by operationId). */
export const backupsFixtures: Record<string, Fixture> = {
  listBackups: inOnly(() => ({})),
  createBackup: inOnly(async ({ world, permitted }) => {
    if (permitted) await idle(world)
    return {}
  }),
  downloadBackup: inOnly(async ({ world }) => ({ path: { name: await anArchive(world) } })),
}
