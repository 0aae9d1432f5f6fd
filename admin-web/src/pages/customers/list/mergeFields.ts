import type { Customer, MergeField, MergeRequest } from '@/api/types';

/** The fields a merge lets the person choose, in the order the dialog shows them. */
export const mergeFields = [
  'name',
  'gender',
  'birthday',
  'occupation',
  'company',
  'industry',
  'source',
  'levelId',
  'lifecycleStatus',
  'ownerId',
  'notes',
] as const satisfies readonly MergeField[];

export type MergeFieldKey = (typeof mergeFields)[number];

/** The comparable value of a field (ids for level and owner), null when empty. */
export function mergeFieldValue(customer: Customer, field: MergeFieldKey): string | null {
  switch (field) {
    case 'levelId':
      return customer.level?.id ?? null;
    case 'ownerId':
      return customer.owner?.id ?? null;
    case 'gender':
      // "Unknown" is no information: a known gender on the other record should win by default.
      return customer.gender === 'unknown' ? null : customer.gender;
    default: {
      const value = customer[field];
      return typeof value === 'string' && value.trim() ? value : null;
    }
  }
}

export interface MergeFieldRow {
  field: MergeFieldKey;
  survivor: string | null;
  merged: string | null;
  /** Which record's value the survivor keeps unless the person chooses otherwise. */
  proposed: 'survivor' | 'merged';
}

/**
 * The fields on which the two records differ. The survivor's value is proposed, except where it
 * has none and the other record has one: merging should not lose what only the duplicate knew.
 */
export function differingFields(survivor: Customer, merged: Customer): MergeFieldRow[] {
  const rows: MergeFieldRow[] = [];
  for (const field of mergeFields) {
    const kept = mergeFieldValue(survivor, field);
    const other = mergeFieldValue(merged, field);
    if (kept === other) continue;
    rows.push({ field, survivor: kept, merged: other, proposed: kept === null ? 'merged' : 'survivor' });
  }
  return rows;
}

/** The request body; only choices that take the other record's value need to be sent. */
export function toMergeRequest(
  survivorId: string,
  mergedId: string,
  choices: Partial<Record<MergeFieldKey, 'survivor' | 'merged'>>,
): MergeRequest {
  const fields: Partial<Record<MergeFieldKey, 'survivor' | 'merged'>> = {};
  for (const field of mergeFields) {
    if (choices[field] === 'merged') fields[field] = 'merged';
  }
  return { survivorId, mergedId, fields };
}
