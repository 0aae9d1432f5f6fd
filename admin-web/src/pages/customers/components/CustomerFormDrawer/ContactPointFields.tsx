import type { FormInstance } from 'antd';
import React from 'react';
import type { DuplicateMatch, PhoneType } from '@/api/types';
import { ContactPointListField } from '../ContactPointListField';
import type { CustomerFormValues } from './customerForm';

export { phoneTypes } from '../ContactPointListField';

/** Ticking "primary" on one row unticks it on the others: a customer has one primary of each. */
export function keepOnePrimary(
  form: FormInstance<CustomerFormValues>,
  list: 'phones' | 'emails' | 'addresses',
  index: number,
) {
  const rows = form.getFieldValue(list) as { primary: boolean }[] | undefined;
  if (!rows) return;
  form.setFieldValue(
    list,
    rows.map((row, position) => ({ ...row, primary: position === index })),
  );
}

interface ListFieldProps {
  form: FormInstance<CustomerFormValues>;
  /** Duplicate lookups by row key, filled on blur. */
  hints: Record<string, DuplicateMatch[]>;
  onLookup: (rowKey: number, value: string, phoneType?: PhoneType) => void;
  onOpenDuplicate: () => void;
}

// The customer form's lists: a primary tick, duplicate lookups, placeholders and the mobile check.
function CustomerContactPoints({
  kind,
  form,
  hints,
  onLookup,
  onOpenDuplicate,
}: ListFieldProps & { kind: 'phones' | 'emails' }) {
  return (
    <ContactPointListField
      kind={kind}
      onPrimary={(index) => keepOnePrimary(form, kind, index)}
      duplicates={{ hints, onLookup, onOpenDuplicate }}
      placeholders
      strictMobile
    />
  );
}

export function PhoneListField(props: ListFieldProps) {
  return <CustomerContactPoints kind="phones" {...props} />;
}

export function EmailListField(props: ListFieldProps) {
  return <CustomerContactPoints kind="emails" {...props} />;
}
