import { z } from 'zod'
import type { ZodOpenApiPathsObject } from 'zod-openapi'
import { errorResponses, jsonContent } from '../../http/schemas.js'
import { otherErrorResponses } from '../channels/channels.openapi.js'
import { BackupList, BackupName, BackupStarted } from './backups.schemas.js'

const listExample: z.infer<typeof BackupList> = {
  items: [
    { name: 'kezhi-backup-20250131-033000.tar.gz', size: 18_734_112, createdAt: '2025-01-30T19:30:00.412Z', tables: 41, rows: 128_406 },
    { name: 'kezhi-backup-20250130-033000.tar.gz', size: 18_690_455, createdAt: '2025-01-29T19:30:00.388Z', tables: 41, rows: 128_117 },
  ],
  running: false,
  schedule: '30 3 * * *',
  timezone: 'Asia/Shanghai',
  retentionDays: 14,
}

export const backupsPaths: ZodOpenApiPathsObject = {
  '/api/backups': {
    get: {
      operationId: 'listBackups',
      tags: ['backups'],
      summary: 'Archives in DATA_DIR/backups (newest first), whether a backup is running, the schedule and the retention',
      'x-permission': 'backup:manage',
      responses: {
        '200': { description: 'The archives', content: { 'application/json': { schema: BackupList, example: listExample } } },
        ...errorResponses(401, 403),
      },
    },
    post: {
      operationId: 'createBackup',
      tags: ['backups'],
      summary: 'Back up the database now (a job: the archive shows in the list once complete)',
      description:
        'Every table of the database in one consistent snapshot, with the data key ring (the archive is therefore secret). ' +
        'Restore with `pnpm restore <file>` on the server.',
      'x-permission': 'backup:manage',
      responses: {
        '202': {
          description: 'Queued; the name the archive will have',
          content: { 'application/json': { schema: BackupStarted, example: { name: 'kezhi-backup-20250131-101502.tar.gz' } } },
        },
        ...errorResponses(401, 403),
        ...otherErrorResponses({ '409': 'A backup is already queued or running (`BACKUP_IN_PROGRESS`)' }),
      },
    },
  },
  '/api/backups/{name}/download': {
    get: {
      operationId: 'downloadBackup',
      tags: ['backups'],
      summary: 'Download an archive (audited: action export, resource backup)',
      'x-permission': 'backup:manage',
      requestParams: { path: z.object({ name: BackupName }) },
      responses: {
        '200': {
          description: 'The .tar.gz archive (`Content-Disposition: attachment`)',
          content: {
            'application/gzip': {
              schema: { type: 'string', contentMediaType: 'application/gzip' },
              example: '(the bytes of kezhi-backup-20250131-033000.tar.gz)',
            },
          },
        },
        ...errorResponses(401, 403, 404, 422),
      },
    },
  },
}
