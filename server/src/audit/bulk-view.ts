import type { Db } from '../db/prisma.js'
import type { RequestContext } from '../http/context.js'
import { recordAudit } from './audit.js'

/** More customers than this listed to one person within a rolling minute is a sensitive read (mass viewing). */
export const bulkViewThreshold = 200
const windowMs = 60_000

interface Seen {
  at: number
  count: number
}

// Per process and in memory: the point is to notice one person paging through the customer base, and a restart
// only delays the notice by at most a minute.
const recentViews = new Map<string, Seen[]>()

const sweep = (now: number) => {
  for (const [userId, seen] of recentViews) {
    if (seen.every((entry) => now - entry.at >= windowMs)) recentViews.delete(userId)
  }
}

/**
 * Counts customers listed to the caller. When the total of the last minute goes past the threshold, writes one
 * `bulk_view` audit entry; further pages within that minute add nothing until the count falls below it again.
 */
export const recordBulkView = async (
  db: Pick<Db, 'auditLog'>,
  ctx: Pick<RequestContext, 'user' | 'ip' | 'userAgent'>,
  count: number,
  now = Date.now(),
): Promise<void> => {
  const user = ctx.user
  if (user === null || count <= 0) return
  if (recentViews.size > 10_000) sweep(now)
  const seen = (recentViews.get(user.id) ?? []).filter((entry) => now - entry.at < windowMs)
  const before = seen.reduce((sum, entry) => sum + entry.count, 0)
  seen.push({ at: now, count })
  recentViews.set(user.id, seen)
  const after = before + count
  if (before <= bulkViewThreshold && after > bulkViewThreshold) {
    await recordAudit(db, ctx, {
      action: 'bulk_view',
      resource: 'customer',
      label: user.displayName,
      meta: { count: after, windowSeconds: windowMs / 1000 },
    })
  }
}
