import dayjs, { type Dayjs } from 'dayjs';
import type {
  AddressType,
  ConsentChannel,
  Customer,
  CustomerInput,
  CustomerPatch,
  CustomFieldDefinition,
  CustomFieldValue,
  Gender,
  LifecycleStatus,
  PhoneType,
  Tag,
} from '@/api/types';
import { regionCodes, regionPath } from '@/utils/regions';

// The customer form edits a shape close to what a person sees (one cascader for the region, one
// tag picker that also creates tags, dates as Dayjs); these functions translate both ways.

// Stored phones and emails come masked (138****5678) for every role; a row the form was filled
// with keeps the entry's `id` and shows the masked text read-only. The save sends `{ id }` for such a
// row (never the masked text) and a full value only for rows typed in this form.

export interface PhoneFormValue {
  /** The stored entry this row keeps; `number` is then its masked text, for display only. */
  id?: string;
  type: PhoneType;
  number?: string;
  primary: boolean;
}

export interface EmailFormValue {
  /** The stored entry this row keeps; `address` is then its masked text, for display only. */
  id?: string;
  address?: string;
  primary: boolean;
}

export interface AddressFormValue {
  type: AddressType;
  /** Province, city, district codes, as far as chosen. */
  region?: string[];
  street?: string;
  houseNumber?: string;
  postcode?: string;
  primary: boolean;
}

export type CustomFieldFormValue = string | number | boolean | string[] | Dayjs | null | undefined;

export interface CustomerFormValues {
  name: string;
  gender: Gender;
  birthday?: Dayjs | null;
  occupation?: string | null;
  company?: string | null;
  industry?: string | null;
  source?: string | null;
  levelId?: string | null;
  lifecycleStatus?: LifecycleStatus;
  ownerId?: string | null;
  notes?: string | null;
  consentMarketing: boolean;
  consentChannel?: ConsentChannel | null;
  consentNote?: string | null;
  phones: PhoneFormValue[];
  emails: EmailFormValue[];
  addresses: AddressFormValue[];
  /** Ids of existing tags, and names typed for tags to create. */
  tags: string[];
  groupIds: string[];
  customFields: Record<string, CustomFieldFormValue>;
}

export const customerLimits = { name: 50, notes: 2000, text: 100, tags: 20, tagLength: 20 } as const;

export const dateFormat = 'YYYY-MM-DD';

function blankToNull(value: string | null | undefined): string | null {
  const trimmed = value?.trim();
  return trimmed ? trimmed : null;
}

/** Full years between a birthday and a day (today by default); null without a birthday. */
export function ageOn(birthday: Dayjs | string | null | undefined, today: Dayjs = dayjs()): number | null {
  if (!birthday) return null;
  const born = dayjs(birthday);
  if (!born.isValid() || born.isAfter(today, 'day')) return null;
  return today.diff(born, 'year');
}

/** Only one entry may be primary: the first one marked wins, and the first entry when none is. */
function withOnePrimary<Entry extends { primary: boolean }>(entries: Entry[]): Entry[] {
  const chosen = Math.max(
    entries.findIndex((entry) => entry.primary),
    0,
  );
  return entries.map((entry, index) => ({ ...entry, primary: index === chosen }));
}

/** Splits the tag picker's values into existing tag ids and names of tags to create. */
export function splitTags(
  values: readonly string[],
  tags: readonly Tag[],
): { tagIds: string[]; newTags: string[] } {
  const byId = new Set(tags.map((tag) => tag.id));
  const byName = new Map(tags.map((tag) => [tag.name, tag.id]));
  const tagIds: string[] = [];
  const newTags: string[] = [];
  for (const raw of values) {
    const value = raw.trim();
    if (!value) continue;
    // A typed name that happens to match an existing tag is that tag, not a second one.
    const id = byId.has(value) ? value : byName.get(value);
    if (id !== undefined) {
      if (!tagIds.includes(id)) tagIds.push(id);
    } else if (!newTags.includes(value)) {
      newTags.push(value);
    }
  }
  return { tagIds, newTags };
}

function customFieldToApi(definition: CustomFieldDefinition, value: CustomFieldFormValue): CustomFieldValue {
  if (value === undefined || value === null) return null;
  switch (definition.type) {
    case 'date':
      return dayjs.isDayjs(value)
        ? value.format(dateFormat)
        : typeof value === 'string' && value
          ? value
          : null;
    case 'number':
      return typeof value === 'number' && Number.isFinite(value) ? value : null;
    case 'boolean':
      return typeof value === 'boolean' ? value : null;
    case 'multi_select':
      return Array.isArray(value) && value.length > 0 ? value : null;
    default:
      return typeof value === 'string' && value.trim() ? value.trim() : null;
  }
}

function customFieldFromApi(
  definition: CustomFieldDefinition,
  value: CustomFieldValue | undefined,
): CustomFieldFormValue {
  if (value === undefined || value === null) return definition.type === 'multi_select' ? [] : undefined;
  if (definition.type === 'date' && typeof value === 'string') {
    const date = dayjs(value);
    return date.isValid() ? date : undefined;
  }
  return value;
}

/** The body of a create; `toCustomerPatch` adds the version for an update. */
export function toCustomerInput(
  values: CustomerFormValues,
  context: { tags: readonly Tag[]; customFields: readonly CustomFieldDefinition[] },
): CustomerInput {
  const phones = withOnePrimary(
    values.phones
      .filter((phone) => phone.id || phone.number?.trim())
      .map((phone) =>
        phone.id
          ? { id: phone.id, type: phone.type, primary: phone.primary }
          : { type: phone.type, number: phone.number?.trim() ?? '', primary: phone.primary },
      ),
  );
  const emails = withOnePrimary(
    values.emails
      .filter((email) => email.id || email.address?.trim())
      .map((email) =>
        email.id
          ? { id: email.id, primary: email.primary }
          : { address: email.address?.trim() ?? '', primary: email.primary },
      ),
  );
  const addresses = withOnePrimary(
    values.addresses
      .map((address) => ({
        type: address.type,
        ...regionCodes(address.region),
        street: blankToNull(address.street),
        houseNumber: blankToNull(address.houseNumber),
        postcode: blankToNull(address.postcode),
        primary: address.primary,
      }))
      // A row the person added and left empty is not an address.
      .filter((address) => address.provinceCode || address.street || address.houseNumber || address.postcode),
  );
  const { tagIds, newTags } = splitTags(values.tags, context.tags);
  const customFields: Record<string, CustomFieldValue> = {};
  for (const definition of context.customFields) {
    customFields[definition.key] = customFieldToApi(definition, values.customFields[definition.key]);
  }
  const input: CustomerInput = {
    name: values.name.trim(),
    gender: values.gender,
    birthday: values.birthday ? values.birthday.format(dateFormat) : null,
    occupation: blankToNull(values.occupation),
    company: blankToNull(values.company),
    industry: blankToNull(values.industry),
    source: blankToNull(values.source),
    levelId: values.levelId ?? null,
    notes: blankToNull(values.notes),
    consent: {
      marketing: values.consentMarketing,
      channel: values.consentMarketing ? (values.consentChannel ?? null) : null,
      note: blankToNull(values.consentNote),
    },
    phones,
    emails,
    addresses,
    tagIds,
    newTags,
    groupIds: [...new Set(values.groupIds)],
    customFields,
  };
  if (values.lifecycleStatus) input.lifecycleStatus = values.lifecycleStatus;
  // Left out rather than null: the server then keeps the owner (or makes the creator the owner).
  if (values.ownerId !== undefined) input.ownerId = values.ownerId;
  return input;
}

/** An update sends the whole form (lists replace the stored ones) and the version it was read at. */
export function toCustomerPatch(
  values: CustomerFormValues,
  version: number,
  context: { tags: readonly Tag[]; customFields: readonly CustomFieldDefinition[] },
): CustomerPatch {
  return { ...toCustomerInput(values, context), version };
}

export function toCustomerFormValues(
  customer: Customer,
  customFields: readonly CustomFieldDefinition[],
): CustomerFormValues {
  const values: Record<string, CustomFieldFormValue> = {};
  for (const definition of customFields) {
    values[definition.key] = customFieldFromApi(definition, customer.customFields[definition.key]);
  }
  return {
    name: customer.name,
    gender: customer.gender,
    birthday: customer.birthday ? dayjs(customer.birthday) : null,
    occupation: customer.occupation,
    company: customer.company,
    industry: customer.industry,
    source: customer.source,
    levelId: customer.level?.id ?? null,
    lifecycleStatus: customer.lifecycleStatus,
    ownerId: customer.owner?.id ?? null,
    notes: customer.notes,
    consentMarketing: customer.consent.marketing,
    consentChannel: customer.consent.channel,
    consentNote: customer.consent.note,
    // Kept by id: the masked text is only shown.
    phones: customer.phones.map((phone) => ({
      id: phone.id,
      type: phone.type,
      number: phone.display,
      primary: phone.primary,
    })),
    emails: customer.emails.map((email) => ({
      id: email.id,
      address: email.address,
      primary: email.primary,
    })),
    addresses: customer.addresses.map((address) => ({
      type: address.type,
      region: regionPath(address),
      street: address.street ?? undefined,
      houseNumber: address.houseNumber ?? undefined,
      postcode: address.postcode ?? undefined,
      primary: address.primary,
    })),
    tags: customer.tags.map((tag) => tag.id),
    groupIds: customer.groups.map((group) => group.id),
    customFields: values,
  };
}

/** A new customer's form: one empty phone and email row to type into, the default level. */
export function emptyCustomerFormValues(defaultLevelId: string | null): CustomerFormValues {
  return {
    name: '',
    gender: 'unknown',
    birthday: null,
    levelId: defaultLevelId,
    consentMarketing: false,
    phones: [{ type: 'mobile', number: '', primary: true }],
    emails: [{ address: '', primary: true }],
    addresses: [],
    tags: [],
    groupIds: [],
    customFields: {},
  };
}

/** Where the form shows a server message about an input path ("phones.0.number", "customFields.vip"). */
export function formPathOf(field: string): (string | number)[] | null {
  const parts = field
    .split(/[.[\]]+/)
    .filter(Boolean)
    .map((part) => (/^\d+$/.test(part) ? Number(part) : part));
  const [head, index, leaf] = parts;
  switch (head) {
    case 'phones':
    case 'emails':
      if (typeof index !== 'number') return [head];
      return [head, index, head === 'phones' ? 'number' : 'address'];
    case 'addresses':
      if (typeof index !== 'number') return [head];
      if (leaf === 'provinceCode' || leaf === 'cityCode' || leaf === 'districtCode' || leaf === undefined) {
        return [head, index, 'region'];
      }
      return [head, index, leaf];
    case 'tagIds':
    case 'newTags':
      return ['tags'];
    case 'consent':
      if (index === 'channel') return ['consentChannel'];
      if (index === 'note') return ['consentNote'];
      return ['consentMarketing'];
    case 'customFields':
      return typeof index === 'string' ? ['customFields', index] : null;
    case 'name':
    case 'gender':
    case 'birthday':
    case 'occupation':
    case 'company':
    case 'industry':
    case 'source':
    case 'levelId':
    case 'lifecycleStatus':
    case 'ownerId':
    case 'notes':
    case 'groupIds':
      return [head];
    default:
      return null;
  }
}
