import { access } from 'node:fs/promises'
import { join } from 'node:path'
import type PgBoss from 'pg-boss'
import { recordAudit } from '../../audit/audit.js'
import { authenticated, type RequestContext } from '../../http/context.js'
import { AppError } from '../../http/errors.js'
import {
  applyBackupRetention,
  backupNameAt,
  backupsDirOf,
  createBackup,
  listBackupFiles,
  readBackupKeyRing,
  readManifest,
  type BackupOutcome,
} from '../../lib/backup.js'
import type { BackgroundWork, DataTransferDeps } from '../data-transfer.js'
import type { BackupList, BackupSummary } from './backups.schemas.js'

/** The job queue of backups (asked for through the API and on the daily schedule). */
export const backupQueue = 'backup'

export interface BackupJobData {
  /** Set when someone asked for it (the answer named the archive); a scheduled one is named when it runs. */
  name?: string
}

export interface BackupDownload {
  name: string
  path: string
  size: number
}

export interface BackupsService extends BackgroundWork {
  list(): Promise<BackupList>
  /** Queues a backup and names its archive; one at a time (BACKUP_IN_PROGRESS). */
  requestBackup(ctx: RequestContext): Promise<{ name: string }>
  /** The archive to send; the download is audited before a byte leaves. */
  download(ctx: RequestContext, name: string): Promise<BackupDownload>
  /** Writes one backup now and applies the retention (the job's work; tests call it directly). */
  runBackup(name?: string): Promise<BackupOutcome>
}

const fileExists = (path: string) =>
  access(path).then(
    () => true,
    () => false,
  )

export const createBackupsService = (deps: DataTransferDeps): BackupsService => {
  const { boss, config, dataDir, logger } = deps
  const log = logger.child({ component: 'backups' })
  // Summaries come from each archive's manifest, read once per file version.
  const summaries = new Map<string, { key: string; summary: BackupSummary }>()

  const summaryOf = async (file: { name: string; path: string; size: number; modifiedAt: Date }): Promise<BackupSummary | null> => {
    const key = `${file.size}:${file.modifiedAt.getTime()}`
    const cached = summaries.get(file.name)
    if (cached?.key === key) return cached.summary
    const manifest = await readManifest(file.path).catch((error: unknown) => {
      log.warn({ err: error, file: file.name }, 'an archive in the backups folder cannot be read')
      return null
    })
    if (manifest === null) return null
    const summary: BackupSummary = {
      name: file.name,
      size: file.size,
      createdAt: manifest.created,
      tables: manifest.tables.length,
      rows: manifest.tables.reduce((sum, table) => sum + table.rows, 0),
    }
    summaries.set(file.name, { key, summary })
    return summary
  }

  const pendingJobs = async () => (await boss.getQueueSize(backupQueue, { before: 'completed' })) ?? 0

  const runBackup = async (name?: string): Promise<BackupOutcome> => {
    const ring = await readBackupKeyRing(dataDir, undefined).catch(() => null)
    // The server seals with its cipher's current key; an archive without it would hold unreadable phones.
    if (ring !== null && !ring.keys.some((entry) => entry.id === deps.cipher.keyId)) {
      throw new Error(`the data key ${deps.cipher.keyId} this server uses is not in the key ring of ${dataDir}`)
    }
    const outcome = await createBackup({
      databaseUrl: deps.databaseUrl,
      dataDir,
      configuredKey: deps.dataEncryptionKey?.trim() || undefined,
      timeZone: config.backupTimezone,
      ...(name === undefined ? {} : { name }),
    })
    const removed = await applyBackupRetention(dataDir, config.backupRetentionDays)
    log.info({ name: outcome.name, size: outcome.size, removed }, 'backup written')
    return outcome
  }

  return {
    start: async () => {
      // Stately: at most one waiting and one running; a schedule firing during a backup adds nothing.
      await boss.createQueue(backupQueue, { name: backupQueue, policy: 'stately', retryLimit: 0, expireInSeconds: 6 * 60 * 60 })
      if (config.backupSchedule === undefined) await boss.unschedule(backupQueue)
      else await boss.schedule(backupQueue, config.backupSchedule, {}, { tz: config.backupTimezone })
      await boss.work<BackupJobData>(backupQueue, { pollingIntervalSeconds: 1 }, async ([job]) => {
        await runBackup(job?.data.name).catch((error: unknown) => {
          log.error({ err: error }, 'backup failed')
          throw error
        })
      })
    },
    stop: async () => {
      await boss.offWork(backupQueue)
    },
    list: async () => {
      const files = await listBackupFiles(dataDir)
      const items = (await Promise.all(files.map(summaryOf))).filter((item): item is BackupSummary => item !== null)
      return {
        items,
        running: (await pendingJobs()) > 0,
        schedule: config.backupSchedule ?? null,
        timezone: config.backupTimezone,
        retentionDays: config.backupRetentionDays,
      }
    },
    requestBackup: async (ctx) => {
      authenticated(ctx)
      if ((await pendingJobs()) > 0) throw new AppError('BACKUP_IN_PROGRESS')
      let moment = new Date()
      let name = backupNameAt(moment, config.backupTimezone)
      // Two backups within one second: the second is named after the next free second.
      while (await fileExists(join(backupsDirOf(dataDir), name))) {
        moment = new Date(moment.getTime() + 1000)
        name = backupNameAt(moment, config.backupTimezone)
      }
      const id = await boss.send(backupQueue, { name } satisfies BackupJobData)
      if (id === null) throw new AppError('BACKUP_IN_PROGRESS')
      return { name }
    },
    download: async (ctx, name) => {
      const file = (await listBackupFiles(dataDir)).find((candidate) => candidate.name === name)
      if (file === undefined) throw new AppError('BACKUP_NOT_FOUND')
      await recordAudit(deps.db, authenticated(ctx), {
        action: 'export',
        resource: 'backup',
        resourceId: name,
        label: name,
        meta: { size: file.size },
      })
      return { name, path: file.path, size: file.size }
    },
    runBackup,
  }
}
