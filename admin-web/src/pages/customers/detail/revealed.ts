import type { Customer, RevealedContacts } from '@/api/types';

// Phones and emails arrive masked for every role; a deliberate (audited) reveal returns the full
// values by entry id. The page shows them in place of the masked text until it is left.

export interface RevealedValues {
  /** Full phone (national display form) by phone id, the customer's and its contacts'. */
  phones: ReadonlyMap<string, string>;
  /** Full address by email id. */
  emails: ReadonlyMap<string, string>;
}

export const nothingRevealed: RevealedValues = { phones: new Map(), emails: new Map() };

export function revealedValues(revealed: RevealedContacts | undefined): RevealedValues {
  if (!revealed) return nothingRevealed;
  const everyone = [revealed, ...revealed.contacts];
  return {
    phones: new Map(
      everyone.flatMap((owner) => owner.phones.map((phone) => [phone.id, phone.display] as const)),
    ),
    emails: new Map(
      everyone.flatMap((owner) => owner.emails.map((email) => [email.id, email.address] as const)),
    ),
  };
}

/** What to show for an entry: the revealed value when there is one, else the masked text. */
export function shownPhone(phone: { id: string; display: string }, values: RevealedValues): string {
  return values.phones.get(phone.id) ?? phone.display;
}

export function shownEmail(email: { id: string; address: string }, values: RevealedValues): string {
  return values.emails.get(email.id) ?? email.address;
}

export const isRevealed = (values: RevealedValues) => values.phones.size > 0 || values.emails.size > 0;

/** The header's primary phone: the revealed primary number, or the masked one the record carries. */
export function shownPrimaryPhone(
  customer: Pick<Customer, 'phones' | 'primaryPhone'>,
  values: RevealedValues,
): string | null {
  const primary = customer.phones.find((phone) => phone.primary) ?? customer.phones[0];
  return (primary && values.phones.get(primary.id)) ?? customer.primaryPhone;
}
