import { z } from 'zod'
import 'zod-openapi'
import { IsoDateTime, singleLine } from '../../http/schemas.js'

export const ApiKeyInput = z
  .strictObject({
    name: singleLine(1, 100).meta({ example: '官网表单同步' }),
    roleId: z.uuid().meta({ description: "The key acts with this role's permissions and scopes" }),
    actingUserId: z.uuid().optional().meta({ description: 'The user the key acts as (ownership and team); defaults to the creator' }),
    expiresAt: IsoDateTime.nullable().optional().meta({ description: 'Unset or null = never expires' }),
  })
  .meta({ id: 'ApiKeyInput' })

export const ApiKey = z
  .object({
    id: z.uuid(),
    name: z.string(),
    prefix: z.string().meta({ description: 'The first characters after `kz_`, to tell keys apart', example: 'Xy3_aB9q' }),
    roleId: z.uuid(),
    roleName: z.string(),
    actingUser: z.object({ id: z.uuid(), displayName: z.string() }),
    createdAt: IsoDateTime,
    lastUsedAt: IsoDateTime.nullable(),
    expiresAt: IsoDateTime.nullable(),
    revokedAt: IsoDateTime.nullable(),
  })
  .meta({ id: 'ApiKey', description: 'An integration key (the key itself is shown only when created)' })

export const CreatedApiKey = ApiKey.extend({
  key: z.string().meta({
    description: 'The key, shown only now: send it as `Authorization: Bearer kz_…` or `X-API-Key`',
    example: 'kz_Xy3_aB9qLmN0pQrStUvWxYz0123456789abcdEF',
  }),
}).meta({ id: 'CreatedApiKey' })

export const ApiKeyList = z.object({ items: z.array(ApiKey) }).meta({ id: 'ApiKeyList', description: 'Newest first, revoked ones included' })

export type ApiKeyDto = z.infer<typeof ApiKey>
export type CreatedApiKeyDto = z.infer<typeof CreatedApiKey>
export type ApiKeyInputDto = z.infer<typeof ApiKeyInput>
