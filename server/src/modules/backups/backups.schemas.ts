import { z } from 'zod'
import 'zod-openapi'
import { IsoDateTime } from '../../http/schemas.js'
import { backupNamePattern } from '../../lib/backup.js'

export const BackupName = z
  .string()
  .regex(backupNamePattern, { error: 'validation.invalid_backup_name' })
  .meta({ description: 'File name of an archive in DATA_DIR/backups', example: 'kezhi-backup-20250131-033000.tar.gz' })

export const BackupParams = z.object({ name: BackupName })

export const BackupSummary = z
  .object({
    name: BackupName,
    size: z.number().int().meta({ description: 'Bytes of the compressed archive', example: 18_734_112 }),
    createdAt: IsoDateTime.meta({ description: 'When its snapshot of the database was taken' }),
    tables: z.number().int().meta({ description: 'Tables in the archive', example: 41 }),
    rows: z.number().int().meta({ description: 'Rows of all tables together', example: 128_406 }),
  })
  .meta({ id: 'BackupSummary' })

export const BackupList = z
  .object({
    items: z.array(BackupSummary).meta({ description: 'Newest first' }),
    running: z.boolean().meta({ description: 'Whether a backup is queued or being written now' }),
    schedule: z.string().nullable().meta({ description: 'Cron of the daily backup (in `timezone`), null when switched off', example: '30 3 * * *' }),
    timezone: z.string().meta({ description: 'Time zone of the schedule', example: 'Asia/Shanghai' }),
    retentionDays: z.number().int().meta({ description: 'Archives older than this are removed after each backup (the newest always stays)', example: 14 }),
  })
  .meta({ id: 'BackupList' })

export const BackupStarted = z
  .object({ name: BackupName.meta({ description: 'The archive being written; it shows in the list once complete' }) })
  .meta({ id: 'BackupStarted' })

export type BackupSummary = z.infer<typeof BackupSummary>
export type BackupList = z.infer<typeof BackupList>
