import { z } from 'zod'
import 'zod-openapi'

export const SecuritySettings = z
  .strictObject({
    passwordMinLength: z.number().int().min(8).max(64).meta({ example: 8 }),
    passwordExpiryDays: z.number().int().min(0).max(365).meta({ description: '0 = passwords never expire', example: 0 }),
    lockoutThreshold: z.number().int().min(3).max(20).meta({ description: 'Wrong passwords in a row before a lockout', example: 5 }),
    lockoutBaseSeconds: z
      .number()
      .int()
      .min(10)
      .max(3600)
      .meta({ description: 'The first lockout; each further one lasts twice as long, at most an hour', example: 60 }),
  })
  .meta({ id: 'SecuritySettings', description: 'Password policy, expiry and lockout' })

export type SecuritySettingsDto = z.infer<typeof SecuritySettings>
