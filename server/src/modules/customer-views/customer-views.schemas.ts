import { z } from 'zod'
import 'zod-openapi'
import { IsoDateTime, singleLine } from '../../http/schemas.js'
import { CustomerFilter, CustomerOwner, CustomerSortField, SortOrder } from '../customers/customers.schemas.js'

export const ViewSort = z.strictObject({ field: CustomerSortField, order: SortOrder }).meta({ id: 'ViewSort' })
// Console column keys: letters, digits, dots and underscores (custom fields are `customFields.<key>`).
const columnKey = z.string().regex(/^[A-Za-z0-9_.:-]{1,80}$/, { error: 'validation.invalid' })

export const CustomerView = z
  .object({
    id: z.uuid(),
    name: z.string().meta({ example: '本月高价值客户' }),
    filters: CustomerFilter,
    columns: z.array(z.string()).meta({ description: 'Console column keys in display order; empty = default columns' }),
    sort: ViewSort.nullable(),
    shared: z.boolean().meta({ description: 'Visible to everyone (each sees only customers in their own scope)' }),
    owner: CustomerOwner,
    mine: z.boolean(),
    position: z.number().int().meta({ description: "Order among the owner's own views" }),
    createdAt: IsoDateTime,
    updatedAt: IsoDateTime,
  })
  .meta({ id: 'CustomerView' })

export const CustomerViewList = z.object({ items: z.array(CustomerView) }).meta({ id: 'CustomerViewList' })

const viewFields = {
  name: singleLine(1, 40),
  filters: CustomerFilter.optional(),
  columns: z.array(columnKey).max(100).optional(),
  sort: ViewSort.nullable().optional(),
  shared: z.boolean().optional(),
}

export const CustomerViewInput = z.strictObject(viewFields).meta({ id: 'CustomerViewInput' })
export const CustomerViewPatch = z
  .strictObject({ ...viewFields, name: viewFields.name.optional() })
  .meta({ id: 'CustomerViewPatch', description: 'Any subset; only the owner may change a view' })
export const CustomerViewOrder = z
  .strictObject({ ids: z.array(z.uuid()).max(200) })
  .meta({ id: 'CustomerViewOrder', description: "The caller's own views, in the order wanted; views left out keep coming after" })
export const CustomerViewParams = z.object({ id: z.string().meta({ description: 'View id (uuid)', format: 'uuid' }) })

export type CustomerViewDto = z.infer<typeof CustomerView>
export type CustomerViewInputData = z.output<typeof CustomerViewInput>
export type CustomerViewPatchData = z.output<typeof CustomerViewPatch>
