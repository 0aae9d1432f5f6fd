import dayjs from 'dayjs';

// An audit entry's `changes` is `{ field: { before, after } }` with plain JSON values (masked where
// sensitive). These helpers turn it into rows of text for the expanded row of the audit page.

/** The words a value may need, in the reader's language. */
export interface ValueWords {
  empty: string;
  yes: string;
  no: string;
  separator: string;
}

const isoDateTime = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})?$/;

/** A name the record is known by, when a value is a reference (`{ id, name }`, `{ id, displayName }`). */
function referenceName(value: Record<string, unknown>): string | null {
  for (const key of ['displayName', 'name', 'label', 'number', 'address']) {
    if (typeof value[key] === 'string') return value[key] as string;
  }
  return null;
}

/** One value of a diff as text: empty → a dash, booleans as yes / no, times local, lists joined. */
export function formatAuditValue(value: unknown, words: ValueWords): string {
  if (value === null || value === undefined || value === '') return words.empty;
  if (typeof value === 'boolean') return value ? words.yes : words.no;
  if (typeof value === 'number') return String(value);
  if (typeof value === 'string') return isoDateTime.test(value) ? dayjs(value).format('YYYY-MM-DD HH:mm') : value;
  if (Array.isArray(value)) {
    return value.length === 0 ? words.empty : value.map((item) => formatAuditValue(item, words)).join(words.separator);
  }
  if (typeof value === 'object') {
    const record = value as Record<string, unknown>;
    const name = referenceName(record);
    if (name !== null) return name;
    // A small map (a role's scopes: `{ customer: 'team' }`) reads best as its pairs.
    const entries = Object.entries(record);
    if (entries.length === 0) return words.empty;
    return entries.map(([key, item]) => `${key}: ${formatAuditValue(item, words)}`).join(words.separator);
  }
  return String(value);
}

export interface ChangeRow {
  field: string;
  before: string;
  after: string;
}

/** The rows of a diff, in the order the server recorded the fields; fields whose text did not change are left out. */
export function changeRows(changes: Record<string, { before: unknown; after: unknown }> | null, words: ValueWords): ChangeRow[] {
  if (!changes) return [];
  return Object.entries(changes)
    .map(([field, change]) => ({
      field,
      before: formatAuditValue(change?.before, words),
      after: formatAuditValue(change?.after, words),
    }))
    .filter((row) => row.before !== row.after);
}

/**
 * A role's permissions are long lists that differ in one or two entries: the added and removed ones say
 * more than both lists in full. Null when the values are not two lists.
 */
export function listDifference(before: unknown, after: unknown): { added: unknown[]; removed: unknown[] } | null {
  const asList = (value: unknown) => (value === null || value === undefined ? [] : value);
  const was = asList(before);
  const now = asList(after);
  if (!Array.isArray(was) || !Array.isArray(now)) return null;
  const key = (item: unknown) => JSON.stringify(item);
  const wasKeys = new Set(was.map(key));
  const nowKeys = new Set(now.map(key));
  return {
    added: now.filter((item) => !wasKeys.has(key(item))),
    removed: was.filter((item) => !nowKeys.has(key(item))),
  };
}
