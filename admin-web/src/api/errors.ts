import type { ApiErrorBody, ApiFieldIssue } from './types';

/** A failed API call, carrying the server's `{ code, message, details }` when it sent one. */
export class ApiRequestError extends Error {
  readonly status: number;
  readonly code: string | undefined;
  readonly details: ApiFieldIssue[];
  /** The whole error body: some errors carry more than the common shape (a conflict's `current`). */
  readonly body: unknown;

  constructor(status: number, message: string, code?: string, details: ApiFieldIssue[] = [], body?: unknown) {
    super(message);
    this.name = 'ApiRequestError';
    this.status = status;
    this.code = code;
    this.details = details;
    this.body = body;
  }
}

function isFieldIssue(value: unknown): value is ApiFieldIssue {
  if (typeof value !== 'object' || value === null) return false;
  const { field, message } = value as Record<string, unknown>;
  return typeof field === 'string' && typeof message === 'string';
}

export function isApiErrorBody(value: unknown): value is ApiErrorBody {
  if (typeof value !== 'object' || value === null) return false;
  const { code, message } = value as Record<string, unknown>;
  return typeof code === 'string' && typeof message === 'string';
}

/**
 * Builds the error for a non-2xx answer. `fallbackMessage` is shown when the body is not the
 * API's error shape (a proxy's HTML page, a dropped connection…).
 */
export function toApiRequestError(status: number, body: unknown, fallbackMessage: string): ApiRequestError {
  if (!isApiErrorBody(body)) return new ApiRequestError(status, fallbackMessage);
  const details: unknown = (body as { details?: unknown }).details;
  const issues = Array.isArray(details) ? details.filter(isFieldIssue) : [];
  return new ApiRequestError(status, body.message, body.code, issues, body);
}

export interface FormFieldError<Field extends string> {
  name: Field;
  errors: string[];
}

export interface FieldErrorMapping<Field extends string> {
  /** Ready for antd's `form.setFields`. */
  fields: FormFieldError<Field>[];
  /** Messages about fields the form does not show; they belong in a general notice. */
  unmatched: string[];
}

// The server reports nested problems by path ("tags.3", "tags[3]"); the form shows them on the
// top-level field that holds the value.
function topLevelField(path: string): string {
  return path.match(/^[^.[\]]+/)?.[0] ?? '';
}

export function mapFieldErrors<Field extends string>(
  issues: readonly ApiFieldIssue[],
  formFields: readonly Field[],
): FieldErrorMapping<Field> {
  const byField = new Map<Field, string[]>();
  const unmatched: string[] = [];
  for (const issue of issues) {
    const path = topLevelField(issue.field);
    const field = formFields.find((candidate) => candidate === path);
    if (field === undefined) {
      unmatched.push(issue.message);
      continue;
    }
    const messages = byField.get(field) ?? [];
    if (!messages.includes(issue.message)) messages.push(issue.message);
    byField.set(field, messages);
  }
  return {
    fields: [...byField].map(([name, errors]) => ({ name, errors })),
    unmatched,
  };
}
