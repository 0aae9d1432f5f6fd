import { PrismaPg } from '@prisma/adapter-pg'
import type { Logger } from 'pino'
import { PrismaClient } from '../generated/prisma/client.js'

export type Db = PrismaClient

export const createDb = (databaseUrl: string, logger: Logger): Db =>
  new PrismaClient({
    adapter: new PrismaPg(
      { connectionString: databaseUrl, max: 10, connectionTimeoutMillis: 5_000 },
      {
        // A dropped idle connection (database restart, failover) is replaced by the pool; it must not crash us.
        onPoolError: (error) => logger.warn({ err: error }, 'database connection lost'),
        onConnectionError: (error) => logger.warn({ err: error }, 'database connection error'),
      },
    ),
  })
