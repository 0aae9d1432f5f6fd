import type { ApiRequestError } from '@/api/errors';
import type { Customer, CustomerConflictError } from '@/api/types';

/** A 409 CUSTOMER_DUPLICATE detail: which input clashes, and with whom. */
export interface DuplicateIssue {
  field: string;
  message: string;
  existingCustomerId: string;
  /** The other customer's name, when the duplicate lookup could tell it (null: outside the caller's scope). */
  existingName?: string | null;
}

/** Whether a clashing input path ("phones.0.number", "emails.1.address") is a phone or an email. */
export function duplicateKind(field: string): 'phone' | 'email' | null {
  if (field.startsWith('phones')) return 'phone';
  if (field.startsWith('emails')) return 'email';
  return null;
}

export type SaveProblemState =
  | null
  | { kind: 'duplicate'; message: string; issues: DuplicateIssue[] }
  | { kind: 'conflict'; message: string; current: Customer };

const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/** The clashing inputs of a 409 CUSTOMER_DUPLICATE (details carry `existingCustomerId`). */
export function duplicateIssues(error: Pick<ApiRequestError, 'details'>): DuplicateIssue[] {
  return error.details.flatMap(({ field, message, existingCustomerId }) =>
    typeof existingCustomerId === 'string' ? [{ field, message, existingCustomerId }] : [],
  );
}

/** The stored customer a 409 CUSTOMER_VERSION_CONFLICT carries as `current`. */
export function versionConflictCurrent(error: Pick<ApiRequestError, 'body'>): Customer | null {
  if (!isRecord(error.body)) return null;
  const { current } = error.body;
  if (!isRecord(current) || typeof current.id !== 'string' || typeof current.version !== 'number')
    return null;
  // Checked enough to be the documented conflict body, whose `current` is the Customer schema.
  return (error.body as CustomerConflictError).current ?? null;
}
