// The history names changed fields by their API names ("company", "consent.channel",
// "contact.reportsTo", "customFields.wechat_id"); the timeline shows the labels people know.

/** Message keys of the field labels, by the field names the history uses. */
export const changeFieldMessages = {
  name: 'customers.fields.name',
  gender: 'customers.fields.gender',
  birthday: 'customers.fields.birthday',
  occupation: 'customers.fields.occupation',
  company: 'customers.fields.company',
  industry: 'customers.fields.industry',
  source: 'customers.fields.source',
  level: 'customers.fields.level',
  lifecycleStatus: 'customers.fields.lifecycleStatus',
  owner: 'customers.fields.owner',
  notes: 'customers.fields.notes',
  phones: 'customerDetail.phones',
  emails: 'customerDetail.emails',
  addresses: 'customerDetail.addresses',
  tags: 'customers.fields.tags',
  groups: 'customers.fields.groups',
  'consent.marketing': 'customers.fields.consentMarketing',
  'consent.channel': 'customers.fields.consentChannel',
  'consent.note': 'customers.fields.consentNote',
  'contact.name': 'contacts.fields.name',
  'contact.title': 'contacts.fields.title',
  'contact.phones': 'contacts.fields.phones',
  'contact.emails': 'contacts.fields.emails',
  'contact.relationshipType': 'contacts.fields.relationshipType',
  'contact.reportsTo': 'contacts.fields.reportsTo',
  'contact.notes': 'contacts.fields.notes',
} as const;

export type ChangeFieldMessage = (typeof changeFieldMessages)[keyof typeof changeFieldMessages];

export type ChangeField =
  | { kind: 'known'; message: ChangeFieldMessage }
  | { kind: 'customField'; key: string }
  | { kind: 'unknown'; field: string };

const isKnown = (field: string): field is keyof typeof changeFieldMessages => field in changeFieldMessages;

/** How to label a changed field: a known message, a custom field definition's label, or its raw name. */
export function classifyChangeField(field: string): ChangeField {
  if (isKnown(field)) return { kind: 'known', message: changeFieldMessages[field] };
  if (field.startsWith('customFields.'))
    return { kind: 'customField', key: field.slice('customFields.'.length) };
  return { kind: 'unknown', field };
}

// Coded values the history stores as such, each with its own message.
const codedValueMessages = {
  gender: {
    male: 'customers.gender.male',
    female: 'customers.gender.female',
    unknown: 'customers.gender.unknown',
  },
  lifecycleStatus: {
    prospect: 'customers.lifecycle.prospect',
    new: 'customers.lifecycle.new',
    active: 'customers.lifecycle.active',
    dormant: 'customers.lifecycle.dormant',
    churned: 'customers.lifecycle.churned',
  },
  'consent.channel': {
    in_store: 'customers.consentChannels.in_store',
    miniapp: 'customers.consentChannels.miniapp',
    web: 'customers.consentChannels.web',
    phone: 'customers.consentChannels.phone',
    import: 'customers.consentChannels.import',
  },
} as const;

type CodedMessages = typeof codedValueMessages;
export type CodedValueMessage = {
  [Field in keyof CodedMessages]: CodedMessages[Field][keyof CodedMessages[Field]];
}[keyof CodedMessages];

/** The message of a coded value ("female" of gender), null for values shown as recorded. */
export function codedValueMessage(field: string, value: unknown): CodedValueMessage | null {
  if (typeof value !== 'string' || !(field in codedValueMessages)) return null;
  const messages: Record<string, CodedValueMessage> = codedValueMessages[field as keyof CodedMessages];
  return Object.hasOwn(messages, value) ? messages[value] : null;
}
