import type { Db } from '../../db/prisma.js'

const answerWithinMs = 3_000

export interface HealthService {
  databaseAnswers(): Promise<boolean>
}

export const createHealthService = (db: Db): HealthService => ({
  databaseAnswers: async () => {
    let timer: NodeJS.Timeout | undefined
    // A database that accepts connections but never answers must still make health report unavailable.
    const timeout = new Promise<false>((resolve) => {
      timer = setTimeout(() => resolve(false), answerWithinMs)
    })
    const probe = db.$queryRaw`SELECT 1`.then(
      () => true,
      () => false,
    )
    try {
      return await Promise.race([probe, timeout])
    } finally {
      clearTimeout(timer)
    }
  },
})
