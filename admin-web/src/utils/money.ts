// The API sends amounts as decimal strings with two places ("1280.00"). Arithmetic happens in
// whole cents so that 0.1 + 0.2 style errors never reach a total a person reads.

/** Cents of an amount given as a number or a decimal string; null when it is not a number. */
export function toCents(value: number | string | null | undefined): number | null {
  if (value === null || value === undefined || value === '') return null;
  const number = typeof value === 'number' ? value : Number(value);
  if (!Number.isFinite(number)) return null;
  return Math.round(number * 100);
}

/** "1280.00" from 128000. */
export function centsToAmount(cents: number): string {
  const sign = cents < 0 ? '-' : '';
  const absolute = Math.abs(cents);
  return `${sign}${Math.floor(absolute / 100)}.${String(absolute % 100).padStart(2, '0')}`;
}

/** quantity × unit price, rounded to the cent; null while either is missing. */
export function lineTotalCents(
  quantity: number | string | null | undefined,
  unitPrice: number | string | null | undefined,
): number | null {
  const price = toCents(unitPrice);
  const count = quantity === null || quantity === undefined || quantity === '' ? null : Number(quantity);
  if (price === null || count === null || !Number.isFinite(count)) return null;
  return Math.round(price * count);
}

/** The sum of the lines that can be computed. */
export function sumLineCents(
  lines: readonly { quantity?: number | string | null; unitPrice?: number | string | null }[],
): number {
  return lines.reduce((total, line) => total + (lineTotalCents(line.quantity, line.unitPrice) ?? 0), 0);
}

/** "¥1,280.00" (or in the given locale's digits grouping), for amounts from the API. */
export function formatAmount(amount: string | number | null | undefined, locale: string): string | null {
  const cents = toCents(amount);
  if (cents === null) return null;
  return new Intl.NumberFormat(locale, { style: 'currency', currency: 'CNY' }).format(cents / 100);
}
