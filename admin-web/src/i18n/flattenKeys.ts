type Messages = { readonly [key: string]: string | Messages };

// Dotted key paths of a nested message tree, e.g. `customers.fields.name`.
export function flattenKeys(messages: Messages, prefix = ''): string[] {
  return Object.entries(messages).flatMap(([key, value]) => {
    const path = prefix ? `${prefix}.${key}` : key;
    return typeof value === 'string' ? [path] : flattenKeys(value, path);
  });
}
