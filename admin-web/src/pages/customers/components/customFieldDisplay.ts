import type { CustomFieldDefinition, CustomFieldValue } from '@/api/types';

/** A custom field value as one line of text; null when there is nothing to show. */
export function formatCustomFieldValue(
  definition: Pick<CustomFieldDefinition, 'type'>,
  value: CustomFieldValue | undefined,
  words: { yes: string; no: string; separator: string },
): string | null {
  if (value === null || value === undefined || value === '') return null;
  if (typeof value === 'boolean') return value ? words.yes : words.no;
  if (Array.isArray(value)) return value.length > 0 ? value.join(words.separator) : null;
  if (definition.type === 'number' && typeof value === 'number') return value.toLocaleString();
  return String(value);
}
