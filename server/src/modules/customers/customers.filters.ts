import type { ResolvedCustomerFilter, TimeRange } from '../../access/customer-search.js'
import type { CustomFieldCondition, DbClient } from '../../access/customers.js'
import type { AuthenticatedContext } from '../../http/context.js'
import { Problems } from './customers.input.js'
import { DayRangeFilter, NumberRangeFilter, type CustomerFilterData, type CustomFieldFiltersData } from './customers.schemas.js'

/**
 * Turns the list's `customFields` query into conditions the access layer can run. The query schema only knows
 * the shapes; which shape a key needs depends on its definition, so the check happens here, and every
 * offending key is named at once as `customFields.<key>`.
 */
export const resolveCustomFieldFilters = async (
  db: DbClient,
  filters: CustomFieldFiltersData | undefined,
): Promise<CustomFieldCondition[]> => {
  const keys = Object.keys(filters ?? {})
  if (filters === undefined || keys.length === 0) return []
  const definitions = await db.customFieldDefinition.findMany({ where: { key: { in: keys } } })
  const byKey = new Map(definitions.map((definition) => [definition.key, definition]))
  const problems = new Problems()
  const conditions: CustomFieldCondition[] = []
  for (const [key, value] of Object.entries(filters)) {
    const definition = byKey.get(key)
    const field = `customFields.${key}`
    if (definition === undefined) {
      problems.add({ field, messageKey: 'validation.custom_field_unknown' })
      continue
    }
    switch (definition.type) {
      case 'text':
        if (typeof value === 'string') conditions.push({ kind: 'contains', key, text: value })
        else problems.add({ field, messageKey: 'validation.not_text' })
        break
      case 'number': {
        const range = NumberRangeFilter.safeParse(value)
        if (range.success) conditions.push({ kind: 'numberRange', key, ...range.data })
        else problems.add({ field, messageKey: 'validation.number_range' })
        break
      }
      case 'date': {
        const range = DayRangeFilter.safeParse(value)
        if (range.success) conditions.push({ kind: 'dayRange', key, ...range.data })
        else problems.add({ field, messageKey: 'validation.day_range' })
        break
      }
      case 'boolean':
        if (typeof value === 'boolean') conditions.push({ kind: 'equalsAny', key, values: [value] })
        else problems.add({ field, messageKey: 'validation.not_a_boolean' })
        break
      case 'single_select':
      case 'multi_select': {
        // One option may be sent bare; it means the same as a list of one.
        const chosen = typeof value === 'string' ? [value] : Array.isArray(value) ? value : null
        if (chosen === null) {
          problems.add({ field, messageKey: 'validation.option_list' })
        } else if (!chosen.every((option) => definition.options.includes(option))) {
          problems.add({ field, messageKey: 'validation.custom_field_option', params: { options: definition.options.join(', ') } })
        } else {
          conditions.push({ kind: definition.type === 'single_select' ? 'equalsAny' : 'hasAny', key, values: chosen })
        }
        break
      }
    }
  }
  problems.throwIfAny()
  return conditions
}

// Days are China days: the product serves mainland shops, whatever the server's own time zone.
const chinaDayStart = (day: string) => new Date(`${day}T00:00:00+08:00`)
const dayAfter = (day: string) => new Date(chinaDayStart(day).getTime() + 24 * 60 * 60 * 1000)

const dayRange = (from: string | undefined, to: string | undefined): TimeRange | undefined =>
  from === undefined && to === undefined
    ? undefined
    : { from: from === undefined ? undefined : chinaDayStart(from), before: to === undefined ? undefined : dayAfter(to) }

const numberRange = (min: number | undefined, max: number | undefined) =>
  min === undefined && max === undefined ? undefined : { min, max }

/** The filter as the access layer runs it: `me` is the caller, groups stand for their subtrees. */
export const resolveCustomerFilter = async (
  db: DbClient,
  ctx: AuthenticatedContext,
  filter: CustomerFilterData,
): Promise<ResolvedCustomerFilter> => {
  const groupIds =
    filter.groupIds === undefined || filter.groupIds.length === 0
      ? undefined
      : (
          await db.$queryRaw<{ id: string }[]>`
            WITH RECURSIVE subtree AS (
              SELECT id FROM groups WHERE id = ANY(${filter.groupIds}::uuid[])
              UNION SELECT g.id FROM groups g JOIN subtree s ON g.parent_id = s.id
            ) SELECT id FROM subtree`
        ).map((row) => row.id)
  const owners =
    filter.ownerIds === undefined || filter.ownerIds.length === 0
      ? undefined
      : {
          ids: [...new Set(filter.ownerIds.flatMap((owner) => (owner === 'none' ? [] : [owner === 'me' ? ctx.user.id : owner])))],
          none: filter.ownerIds.includes('none'),
        }
  return {
    keyword: filter.keyword,
    tags: filter.tagIds === undefined || filter.tagIds.length === 0 ? undefined : { mode: filter.tagMode ?? 'any', ids: filter.tagIds },
    // A group that does not exist stands for no customers, not for all of them.
    groupIds: groupIds === undefined ? undefined : groupIds.length === 0 ? ['00000000-0000-0000-0000-000000000000'] : groupIds,
    regionCodes: filter.regionCodes,
    owners,
    levelIds: filter.levelIds,
    lifecycleStatuses: filter.lifecycleStatuses,
    sources: filter.sources,
    createdAt: dayRange(filter.createdFrom, filter.createdTo),
    lastActivityAt: dayRange(filter.lastActivityFrom, filter.lastActivityTo),
    lastPurchaseAt: dayRange(filter.lastPurchaseFrom, filter.lastPurchaseTo),
    totalSpent: numberRange(filter.totalSpentMin, filter.totalSpentMax),
    orderCount: numberRange(filter.orderCountMin, filter.orderCountMax),
    customFields: await resolveCustomFieldFilters(db, filter.customFields),
  }
}
