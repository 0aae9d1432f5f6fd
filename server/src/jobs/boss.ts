import PgBoss from 'pg-boss'
import type { Logger } from 'pino'

export interface Jobs {
  boss: PgBoss
  stop(): Promise<void>
}

/** The background job queue, kept in the application's own database (schema `pgboss`). */
export const startJobs = async (databaseUrl: string, logger: Logger): Promise<Jobs> => {
  const jobsLogger = logger.child({ component: 'jobs' })
  const boss = new PgBoss({ connectionString: databaseUrl, schema: 'pgboss', max: 4, application_name: 'kezhi-jobs' })
  // pg-boss reports connection trouble as events; unhandled, an 'error' event would end the process.
  boss.on('error', (error) => jobsLogger.error({ err: error }, 'job queue error'))
  await boss.start()
  jobsLogger.debug('job queue started')
  return {
    boss,
    stop: async () => {
      await boss.stop({ graceful: true, wait: true, timeout: 10_000 })
      jobsLogger.debug('job queue stopped')
    },
  }
}
