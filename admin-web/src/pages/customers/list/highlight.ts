import type { CustomerMatch } from '@/api/types';

/** A run of a cell's text, marked when it is (part of) the searched keyword. */
export interface TextPart {
  text: string;
  match: boolean;
}

const escapeForRegExp = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/**
 * Splits a cell's text around every case-insensitive occurrence of the keyword. The server ignores
 * spaces in a keyword ("王 五" finds 王五), so they are ignored here too. Text without an occurrence
 * (found by pinyin, a phone…) comes back whole and unmarked.
 */
export function highlightParts(text: string, keyword: string | undefined): TextPart[] {
  const needle = (keyword ?? '').replace(/\s+/g, '');
  if (!needle || !text) return text ? [{ text, match: false }] : [];
  const parts: TextPart[] = [];
  let last = 0;
  for (const found of text.matchAll(new RegExp(escapeForRegExp(needle), 'giu'))) {
    const start = found.index ?? 0;
    if (start > last) parts.push({ text: text.slice(last, start), match: false });
    parts.push({ text: found[0], match: true });
    last = start + found[0].length;
  }
  if (last < text.length) parts.push({ text: text.slice(last), match: false });
  return parts;
}

/** Why a row matched, when it was not by its name (the name cell shows that by itself). */
export type MatchReason =
  { kind: 'pinyin' | 'phone' | 'email' | 'company' } | { kind: 'contact'; contactName: string };

export function matchReason(match: CustomerMatch | null | undefined): MatchReason | null {
  if (!match || match.field === 'name') return null;
  if (match.field === 'contact') {
    // Without the contact's name the reason would be vaguer than the row itself; say nothing then.
    return match.contactName ? { kind: 'contact', contactName: match.contactName } : null;
  }
  return { kind: match.field };
}
