import type { Contact, ContactInput, PhoneType } from '@/api/types';
import { descendantIds } from '@/utils/tree';

export interface ContactFormValues {
  name: string;
  title?: string | null;
  relationshipTypeId?: string | null;
  reportsToId?: string | null;
  /** A row with an `id` keeps that stored (masked) entry; one without is typed here in full. */
  phones: { id?: string; type: PhoneType; number?: string }[];
  emails: { id?: string; address?: string }[];
  notes?: string | null;
}

const blankToNull = (value: string | null | undefined) => value?.trim() || null;

/** The request body; the first phone and email are the primary ones. */
export function toContactInput(values: ContactFormValues): ContactInput {
  // Kept entries go back as `{ id }`: the masked text they show is never sent as a number.
  const phones = values.phones
    .filter((phone) => phone.id || phone.number?.trim())
    .map((phone, index) =>
      phone.id
        ? { id: phone.id, type: phone.type, primary: index === 0 }
        : { type: phone.type, number: phone.number?.trim() ?? '', primary: index === 0 },
    );
  const emails = values.emails
    .filter((email) => email.id || email.address?.trim())
    .map((email, index) =>
      email.id
        ? { id: email.id, primary: index === 0 }
        : { address: email.address?.trim() ?? '', primary: index === 0 },
    );
  return {
    name: values.name.trim(),
    title: blankToNull(values.title),
    relationshipTypeId: values.relationshipTypeId ?? null,
    reportsToId: values.reportsToId ?? null,
    phones,
    emails,
    notes: blankToNull(values.notes),
  };
}

export function toContactFormValues(contact: Contact): ContactFormValues {
  const primaryFirst = <Entry extends { primary: boolean }>(entries: readonly Entry[]) =>
    [...entries].sort((a, b) => Number(b.primary) - Number(a.primary));
  return {
    name: contact.name,
    title: contact.title,
    relationshipTypeId: contact.relationshipType?.id ?? null,
    reportsToId: contact.reportsToId,
    phones: primaryFirst(contact.phones).map((phone) => ({
      id: phone.id,
      type: phone.type,
      number: phone.display,
    })),
    emails: primaryFirst(contact.emails).map((email) => ({ id: email.id, address: email.address })),
    notes: contact.notes,
  };
}

export function emptyContactFormValues(reportsToId: string | null = null): ContactFormValues {
  return { name: '', reportsToId, phones: [{ type: 'mobile', number: '' }], emails: [] };
}

/** Who a contact may report to: anyone but itself and the people below it (that would be a cycle). */
export function reportsToCandidates(contacts: readonly Contact[], editingId: string | undefined): Contact[] {
  if (!editingId) return [...contacts];
  const excluded = descendantIds(contacts, (contact) => contact.reportsToId, editingId);
  return contacts.filter((contact) => !excluded.has(contact.id));
}
