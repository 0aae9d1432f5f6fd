import type { Customer, CustomerInput } from '@/api/types';

/** What the customer form edits: the API input without the owner, which the form does not offer. */
export type CustomerFormValues = Omit<CustomerInput, 'ownerId'>;

export const customerFormFields = [
  'name',
  'gender',
  'phone',
  'email',
  'province',
  'city',
  'tags',
  'notes',
] as const;

// Same rule as the server: mainland mobile numbers are 11 digits starting 13–19.
export const mainlandMobilePattern = /^1[3-9]\d{9}$/;

export const customerLimits = { name: 50, tags: 20, tagLength: 20, notes: 2000 } as const;

function blankToNull(value: string | null | undefined): string | null {
  const trimmed = value?.trim();
  return trimmed ? trimmed : null;
}

/**
 * The request body for both create and update. Empty optional fields are sent as null, which
 * on update clears a value the user erased.
 */
export function toCustomerPayload(values: CustomerFormValues): Required<CustomerFormValues> {
  return {
    name: values.name.trim(),
    gender: values.gender ?? 'unknown',
    phone: blankToNull(values.phone),
    email: blankToNull(values.email),
    province: blankToNull(values.province),
    city: blankToNull(values.city),
    tags: [...new Set((values.tags ?? []).map((tag) => tag.trim()).filter(Boolean))],
    notes: blankToNull(values.notes),
  };
}

export function toCustomerFormValues(customer: Customer): CustomerFormValues {
  return {
    name: customer.name,
    gender: customer.gender,
    phone: customer.phone,
    email: customer.email,
    province: customer.province,
    city: customer.city,
    tags: customer.tags,
    notes: customer.notes,
  };
}

export const emptyCustomerFormValues: CustomerFormValues = { name: '', gender: 'unknown', tags: [] };
