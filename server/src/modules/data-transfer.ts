import type PgBoss from 'pg-boss'
import type { Logger } from 'pino'
import type { CustomerAccess } from '../access/customers.js'
import type { DataTransferConfig } from '../config.js'
import type { Db } from '../db/prisma.js'
import type { RotatableDataCipher } from '../lib/crypto.js'
import type { CustomersService } from './customers/customers.service.js'
import { createBackupsService, type BackupsService } from './backups/backups.service.js'
import { createExportsService, type ExportsService } from './exports/exports.service.js'
import { createImportsService, type ImportsService } from './imports/imports.service.js'
import { createWebhooksService, type WebhooksService } from './webhooks/webhooks.service.js'

/** What the data-in-and-out services (issue 7) may use; each takes only what it needs. */
export interface DataTransferDeps {
  db: Db
  cipher: RotatableDataCipher
  access: CustomerAccess
  customers: CustomersService
  boss: PgBoss
  logger: Logger
  dataDir: string
  /** DATA_ENCRYPTION_KEY as configured (a backup must carry the key the data is sealed with). */
  dataEncryptionKey: string | undefined
  databaseUrl: string
  config: DataTransferConfig
}

/** Each has background work (job workers, schedules, a delivery loop): `start` after the queue is up, `stop` before it goes. */
export interface BackgroundWork {
  start(): Promise<void>
  stop(): Promise<void>
}

export interface DataTransferServices {
  imports: ImportsService
  exports: ExportsService
  backups: BackupsService
  webhooks: WebhooksService
}

export const createDataTransferServices = (deps: DataTransferDeps): DataTransferServices => ({
  imports: createImportsService(deps),
  exports: createExportsService(deps),
  backups: createBackupsService(deps),
  webhooks: createWebhooksService(deps),
})
