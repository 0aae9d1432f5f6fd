import { PrismaPg } from '@prisma/adapter-pg'
import pg from 'pg'
import type { Logger } from 'pino'
import type { Prisma } from '../generated/prisma/client.js'
import { PrismaClient } from '../generated/prisma/client.js'

export type Db = PrismaClient

/** Runs one hand-written statement and returns its rows. */
export type StatementRunner = <Row>(statement: Prisma.Sql) => Promise<Row[]>

export interface Database {
  db: Db
  /**
   * The same connection pool without Prisma's layer, for the hand-written statements of hot paths (customer search):
   * they are SQL already, and the layer costs more than some of them.
   */
  run: StatementRunner
  close(): Promise<void>
}

const adapterOptions = (logger: Logger) => ({
  // A dropped idle connection (database restart, failover) is replaced by the pool; it must not crash us.
  onPoolError: (error: Error) => logger.warn({ err: error }, 'database connection lost'),
  onConnectionError: (error: Error) => logger.warn({ err: error }, 'database connection error'),
})
const poolConfig = (databaseUrl: string): pg.PoolConfig => ({ connectionString: databaseUrl, max: 10, connectionTimeoutMillis: 5_000 })

export const createDatabase = (databaseUrl: string, logger: Logger): Database => {
  const pool = new pg.Pool(poolConfig(databaseUrl))
  // An idle connection closed by the database (restart, shutdown) must be logged and replaced, not crash us.
  pool.on('error', (error) => logger.warn({ err: error }, 'database connection lost'))
  const db = new PrismaClient({ adapter: new PrismaPg(pool, adapterOptions(logger)) })
  return {
    db,
    run: async <Row>(statement: Prisma.Sql) => (await pool.query(statement.text, statement.values)).rows as Row[],
    close: async () => {
      await db.$disconnect()
      await pool.end()
    },
  }
}

/** A Prisma client alone with its own pool, closed by $disconnect (tests and tools). */
export const createDb = (databaseUrl: string, logger: Logger): Db =>
  new PrismaClient({ adapter: new PrismaPg(poolConfig(databaseUrl), adapterOptions(logger)) })
