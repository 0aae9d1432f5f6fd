import type PgBoss from 'pg-boss'
import type { Logger } from 'pino'
import type { Db } from '../db/prisma.js'
import { purgeExpiredIdempotencyKeys } from '../http/idempotency.js'
import { purgeAbandonedPhotos } from '../modules/public-intake/public-intake.service.js'

const queue = 'housekeeping'
// Hourly, at a minute nobody else picks, so the job never meets other hourly work.
const everyHour = '17 * * * *'

/** More hourly cleaning, owned by the services whose records it removes (expired export files). */
export interface HousekeepingChore {
  name: string
  /** Removes what has expired; returns how many things it removed. */
  run(): Promise<number>
}

/** Forgets expired idempotency keys, removes photos of forms that were never sent, and runs the registered chores. */
export const runHousekeeping = async (
  db: Db,
  chores: Iterable<HousekeepingChore> = [],
): Promise<{ idempotencyKeys: number; photos: number } & Record<string, number>> => {
  const removed: { idempotencyKeys: number; photos: number } & Record<string, number> = {
    idempotencyKeys: await purgeExpiredIdempotencyKeys(db),
    photos: await purgeAbandonedPhotos(db),
  }
  for (const chore of chores) removed[chore.name] = await chore.run()
  return removed
}

/**
 * Schedules the housekeeping in the job queue: pg-boss runs a schedule once per period even with several servers
 * on one database, and the queue's stop (server shutdown) ends the worker.
 */
export const scheduleHousekeeping = async (
  boss: PgBoss,
  db: Db,
  logger: Logger,
  chores: readonly HousekeepingChore[] = [],
): Promise<void> => {
  await boss.createQueue(queue)
  await boss.schedule(queue, everyHour)
  // Polled once a minute: the job runs hourly, and polling every two seconds (the default) would be idle load.
  await boss.work(queue, { pollingIntervalSeconds: 60 }, async () => {
    const removed = await runHousekeeping(db, chores)
    if (Object.values(removed).some((count) => count > 0)) logger.info(removed, 'housekeeping removed expired records')
  })
}
