import type { ColumnsState } from '@ant-design/pro-components';

/** The preference key the console keeps the customer table's column settings under (contract). */
export const columnsPreferenceKey = 'customers.columns';

export type ColumnsStateMap = Record<string, ColumnsState>;

/**
 * What is stored on the server: a version so that a later console can read or drop old settings,
 * and per column only what the person chose (shown, position, pinned side).
 */
export interface StoredColumnsState {
  version: 1;
  columns: Record<string, { show?: boolean; order?: number; fixed?: 'left' | 'right' }>;
}

export function serializeColumnsState(map: ColumnsStateMap): StoredColumnsState {
  const columns: StoredColumnsState['columns'] = {};
  for (const [key, state] of Object.entries(map)) {
    const entry: StoredColumnsState['columns'][string] = {};
    if (typeof state.show === 'boolean') entry.show = state.show;
    if (typeof state.order === 'number' && Number.isFinite(state.order)) entry.order = state.order;
    if (state.fixed === 'left' || state.fixed === 'right') entry.fixed = state.fixed;
    if (Object.keys(entry).length > 0) columns[key] = entry;
  }
  return { version: 1, columns };
}

const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/**
 * Reads a stored preference back. The value is any JSON the server kept (another console version,
 * a hand edit), so anything unexpected is dropped rather than trusted; unset gives no overrides.
 */
export function parseColumnsState(value: unknown): ColumnsStateMap {
  if (!isRecord(value) || value.version !== 1 || !isRecord(value.columns)) return {};
  const map: ColumnsStateMap = {};
  for (const [key, raw] of Object.entries(value.columns)) {
    if (!isRecord(raw)) continue;
    const state: ColumnsState = {};
    if (typeof raw.show === 'boolean') state.show = raw.show;
    if (typeof raw.order === 'number' && Number.isFinite(raw.order)) state.order = raw.order;
    if (raw.fixed === 'left' || raw.fixed === 'right') state.fixed = raw.fixed;
    if (Object.keys(state).length > 0) map[key] = state;
  }
  return map;
}

/** Whether two maps would be stored the same (avoids a PUT when nothing changed). */
export function sameColumnsState(a: ColumnsStateMap, b: ColumnsStateMap): boolean {
  return JSON.stringify(serializeColumnsState(a)) === JSON.stringify(serializeColumnsState(b));
}

/** Column keys of custom fields, kept apart from the built-in ones whatever a field's key is. */
export const customFieldColumnKey = (fieldKey: string) => `customField:${fieldKey}`;
