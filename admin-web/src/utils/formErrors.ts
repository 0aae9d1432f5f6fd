import type { FormInstance } from 'antd';

type FieldErrors<Values> = Parameters<FormInstance<Values>['setFields']>[0];

/**
 * Shows messages on fields named by paths built at runtime (from the server's `details`). antd
 * types field names by the form's value shape, which such paths cannot be checked against; the
 * callers only build paths of fields their form has.
 */
export function setFieldErrors<Values>(
  form: FormInstance<Values>,
  fields: { name: (string | number)[]; errors: string[] }[],
): void {
  form.setFields(fields as unknown as FieldErrors<Values>);
}

/** The value at a runtime path ("phones", 0, "number") inside form values, undefined when absent. */
export function valueAtPath(values: unknown, path: readonly (string | number)[]): unknown {
  let current: unknown = values;
  for (const part of path) {
    if (typeof current !== 'object' || current === null) return undefined;
    current = (current as Record<string | number, unknown>)[part];
  }
  return current;
}
