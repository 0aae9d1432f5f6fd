import { readSecuritySettings } from '../../auth/security-settings.js'
import { diffSnapshots, recordAudit } from '../../audit/audit.js'
import type { Db } from '../../db/prisma.js'
import { authenticated, type RequestContext } from '../../http/context.js'
import type { SecuritySettingsDto } from './security-settings.schemas.js'

export interface SecuritySettingsService {
  get(ctx: RequestContext): Promise<SecuritySettingsDto>
  update(ctx: RequestContext, input: SecuritySettingsDto): Promise<SecuritySettingsDto>
}

export const createSecuritySettingsService = ({ db }: { db: Db }): SecuritySettingsService => ({
  get: (ctx) => {
    authenticated(ctx)
    return readSecuritySettings(db)
  },
  update: (ctx, input) => {
    authenticated(ctx)
    return db.$transaction(async (tx) => {
      // Locked, so two administrators saving at once are both recorded against what each replaced.
      await tx.$executeRaw`SELECT 1 FROM security_settings WHERE id = 1 FOR UPDATE`
      const before = await readSecuritySettings(tx)
      await tx.securitySettings.update({ where: { id: 1 }, data: input })
      const changes = diffSnapshots({ ...before }, { ...input })
      if (Object.keys(changes).length > 0) {
        await recordAudit(tx, ctx, { action: 'update', resource: 'security_settings', resourceId: '1', label: '安全设置', changes })
      }
      return { ...input }
    })
  },
})
