import type { CustomFieldCondition, DbClient } from '../../access/customers.js'
import { Problems } from './customers.input.js'
import { DayRangeFilter, NumberRangeFilter, type CustomFieldFiltersData } from './customers.schemas.js'

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
