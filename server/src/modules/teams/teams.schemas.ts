import { z } from 'zod'
import 'zod-openapi'
import { singleLine } from '../../http/schemas.js'

export const TeamIdParams = z.object({ id: z.string().meta({ description: 'Team id (uuid)', format: 'uuid' }) })

export const TeamDto = z
  .object({
    id: z.uuid(),
    name: z.string().meta({ example: '杭州西湖店' }),
    parentId: z.uuid().nullable().meta({ description: 'null only for the root team (the company)' }),
    sortOrder: z.number().int(),
    memberCount: z.number().int().min(0).meta({ description: 'Users directly in this team (disabled ones too)', example: 3 }),
  })
  .meta({ id: 'TeamDto' })

export const TeamList = z
  .object({ items: z.array(TeamDto) })
  .meta({ id: 'TeamList', description: 'Flat, by parent then sortOrder then name; the tree comes from parentId' })

const sortOrder = z.number().int().min(0).max(1_000_000).meta({ description: 'Smaller first among siblings', example: 10 })
const name = singleLine(1, 50).meta({ example: '杭州西湖店' })
const parentId = z.uuid().meta({ description: 'The team above; every team but the root has one' })

export const TeamInput = z
  .strictObject({ name, parentId, sortOrder: sortOrder.optional() })
  .meta({ id: 'TeamInput', description: 'sortOrder defaults to after the last sibling' })

export const TeamPatch = z
  .strictObject({ name, parentId, sortOrder })
  .partial()
  .meta({ id: 'TeamPatch', description: 'A team cannot move under itself or one of its sub-teams; the root team cannot move' })

export type TeamDtoData = z.infer<typeof TeamDto>
export type TeamInputData = z.output<typeof TeamInput>
export type TeamPatchData = z.output<typeof TeamPatch>
