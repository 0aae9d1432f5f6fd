import dayjs from 'dayjs';
import { describe, expect, it } from 'vitest';
import type { Customer, CustomFieldDefinition, Tag } from '@/api/types';
import {
  ageOn,
  emptyCustomerFormValues,
  formPathOf,
  splitTags,
  toCustomerFormValues,
  toCustomerInput,
  toCustomerPatch,
  type CustomerFormValues,
} from './customerForm';

const tags: Tag[] = [
  { id: 't-vip', name: 'VIP', color: 'gold', customerCount: 3 },
  { id: 't-old', name: '老客户', color: 'blue', customerCount: 9 },
];

const definition = (key: string, type: CustomFieldDefinition['type']): CustomFieldDefinition => ({
  id: `cf-${key}`,
  key,
  label: key,
  type,
  options: type.endsWith('select') ? ['A', 'B'] : [],
  required: false,
  unique: false,
  sortOrder: 0,
});

const customFields = [
  definition('wechat_id', 'text'),
  definition('budget', 'number'),
  definition('first_visit', 'date'),
  definition('interests', 'multi_select'),
  definition('member', 'boolean'),
];

const context = { tags, customFields };

const filledForm = (): CustomerFormValues => ({
  ...emptyCustomerFormValues('level-normal'),
  name: '  陈晓明 ',
  gender: 'male',
  birthday: dayjs('1990-05-20'),
  company: ' 杭州清源科技 ',
  occupation: '',
  lifecycleStatus: 'active',
  consentMarketing: true,
  consentChannel: 'in_store',
  consentNote: ' ',
  phones: [
    { type: 'mobile', number: ' 138-0013-8000 ', primary: false },
    { type: 'work', number: '', primary: true },
    { type: 'work', number: '0571-88886666', primary: true },
  ],
  emails: [{ address: '', primary: true }],
  addresses: [
    { type: 'home', region: ['330000', '330100', '330106'], street: '文三路 1 号', primary: false },
    { type: 'other', region: [], street: ' ', primary: true },
  ],
  tags: ['t-vip', 'VIP', ' 新标签 ', '新标签', ''],
  groupIds: ['g1', 'g1'],
  customFields: {
    wechat_id: ' chen_wx ',
    budget: 3000,
    first_visit: dayjs('2026-01-02'),
    interests: [],
    member: false,
  },
});

describe('customer form → API', () => {
  it('tidies the basic fields and leaves blanks as null', () => {
    const input = toCustomerInput(filledForm(), context);
    expect(input).toMatchObject({
      name: '陈晓明',
      gender: 'male',
      birthday: '1990-05-20',
      company: '杭州清源科技',
      occupation: null,
      industry: null,
      levelId: 'level-normal',
      lifecycleStatus: 'active',
      consent: { marketing: true, channel: 'in_store', note: null },
    });
    expect('ownerId' in input).toBe(false);
  });

  it('drops empty rows and keeps exactly one primary phone, email and address', () => {
    const input = toCustomerInput(filledForm(), context);
    expect(input.phones).toEqual([
      { type: 'mobile', number: '138-0013-8000', primary: false },
      { type: 'work', number: '0571-88886666', primary: true },
    ]);
    expect(input.emails).toEqual([]);
    expect(input.addresses).toEqual([
      {
        type: 'home',
        provinceCode: '330000',
        cityCode: '330100',
        districtCode: '330106',
        street: '文三路 1 号',
        houseNumber: null,
        postcode: null,
        primary: true,
      },
    ]);
  });

  it('keeps stored phones and emails by id and sends full values only for new ones', () => {
    const values = filledForm();
    values.phones = [
      { id: 'p1', type: 'work', number: '138****8000', primary: false },
      { type: 'mobile', number: ' 139 0013 9000 ', primary: true },
      { type: 'home', number: '', primary: false },
    ];
    values.emails = [
      { id: 'e1', address: 'c***@example.com', primary: false },
      { address: ' new@example.com ', primary: false },
    ];
    const input = toCustomerInput(values, context);
    expect(input.phones).toEqual([
      { id: 'p1', type: 'work', primary: false },
      { type: 'mobile', number: '139 0013 9000', primary: true },
    ]);
    expect(input.emails).toEqual([
      { id: 'e1', primary: true },
      { address: 'new@example.com', primary: false },
    ]);
    expect(JSON.stringify(input)).not.toContain('****');
    expect(JSON.stringify(input)).not.toContain('***@');
  });

  it('makes the first entry primary when none is marked', () => {
    const values = filledForm();
    values.emails = [
      { address: 'a@example.com', primary: false },
      { address: 'b@example.com', primary: false },
    ];
    expect(toCustomerInput(values, context).emails?.map((email) => email.primary)).toEqual([true, false]);
  });

  it('sends typed tag names as new tags, and names of existing tags as their ids', () => {
    expect(splitTags(['t-vip', 'VIP', '老客户', ' 新标签 ', '新标签', ''], tags)).toEqual({
      tagIds: ['t-vip', 't-old'],
      newTags: ['新标签'],
    });
    const input = toCustomerInput(filledForm(), context);
    expect(input.tagIds).toEqual(['t-vip']);
    expect(input.newTags).toEqual(['新标签']);
    expect(input.groupIds).toEqual(['g1']);
  });

  it('converts custom field values by their type', () => {
    expect(toCustomerInput(filledForm(), context).customFields).toEqual({
      wechat_id: 'chen_wx',
      budget: 3000,
      first_visit: '2026-01-02',
      interests: null,
      member: false,
    });
  });

  it('clears the consent channel when marketing is refused, and passes the owner when chosen', () => {
    const values = { ...filledForm(), consentMarketing: false, ownerId: null };
    const input = toCustomerInput(values, context);
    expect(input.consent).toEqual({ marketing: false, channel: null, note: null });
    expect(input.ownerId).toBeNull();
  });

  it('adds the version to an update', () => {
    expect(toCustomerPatch(filledForm(), 7, context)).toMatchObject({ version: 7, name: '陈晓明' });
  });
});

describe('API → customer form', () => {
  const customer = {
    id: 'c1',
    version: 3,
    name: '李雷',
    gender: 'male',
    age: 35,
    birthday: '1990-05-20',
    occupation: null,
    company: '清源科技',
    industry: null,
    source: '门店',
    level: { id: 'level-vip', name: 'VIP', color: 'gold', sortOrder: 3, isDefault: false },
    lifecycleStatus: 'active',
    owner: { id: 'u1', displayName: '李娜' },
    notes: null,
    consent: { marketing: true, givenAt: '2026-01-01T00:00:00.000Z', channel: 'web', note: null },
    phones: [
      {
        id: 'p1',
        type: 'mobile',
        number: '138****8000',
        display: '138****8000',
        primary: true,
        masked: true,
      },
    ],
    emails: [{ id: 'e1', address: 'l***@example.com', primary: true, masked: true }],
    addresses: [
      {
        id: 'a1',
        type: 'work',
        provinceCode: '330000',
        provinceName: '浙江省',
        cityCode: '330100',
        cityName: '杭州市',
        districtCode: null,
        districtName: null,
        street: null,
        houseNumber: '8 幢',
        postcode: null,
        primary: true,
      },
    ],
    tags: [{ id: 't-vip', name: 'VIP', color: 'gold' }],
    groups: [{ id: 'g1', name: '华东区' }],
    customFields: { wechat_id: 'lilei', first_visit: '2026-01-02' },
  } as unknown as Customer;

  it('fills every field and round-trips to an equivalent input', () => {
    const values = toCustomerFormValues(customer, customFields);
    expect(values).toMatchObject({
      name: '李雷',
      levelId: 'level-vip',
      ownerId: 'u1',
      phones: [{ id: 'p1', type: 'mobile', number: '138****8000', primary: true }],
      emails: [{ id: 'e1', address: 'l***@example.com', primary: true }],
      addresses: [{ type: 'work', region: ['330000', '330100'], houseNumber: '8 幢', primary: true }],
      tags: ['t-vip'],
      groupIds: ['g1'],
    });
    expect(values.birthday?.format('YYYY-MM-DD')).toBe('1990-05-20');
    expect(dayjs.isDayjs(values.customFields.first_visit)).toBe(true);
    expect(values.customFields.interests).toEqual([]);
    expect(values.customFields.budget).toBeUndefined();

    const input = toCustomerInput(values, context);
    expect(input).toMatchObject({ ownerId: 'u1', birthday: '1990-05-20', tagIds: ['t-vip'], newTags: [] });
    // The stored (masked) entries go back by id, never as their masked text.
    expect(input.phones).toEqual([{ id: 'p1', type: 'mobile', primary: true }]);
    expect(input.emails).toEqual([{ id: 'e1', primary: true }]);
    expect(input.customFields).toEqual({
      wechat_id: 'lilei',
      budget: null,
      first_visit: '2026-01-02',
      interests: null,
      member: null,
    });
  });
});

describe('ageOn', () => {
  it('counts full years', () => {
    expect(ageOn(dayjs('1990-05-20'), dayjs('2026-05-19'))).toBe(35);
    expect(ageOn('1990-05-20', dayjs('2026-05-20'))).toBe(36);
    expect(ageOn(null)).toBeNull();
    expect(ageOn('2030-01-01', dayjs('2026-01-01'))).toBeNull();
  });
});

describe('formPathOf', () => {
  it('points server messages at the input that holds the value', () => {
    expect(formPathOf('phones.1.number')).toEqual(['phones', 1, 'number']);
    expect(formPathOf('emails[0].address')).toEqual(['emails', 0, 'address']);
    expect(formPathOf('addresses.0.districtCode')).toEqual(['addresses', 0, 'region']);
    expect(formPathOf('addresses.2.postcode')).toEqual(['addresses', 2, 'postcode']);
    expect(formPathOf('newTags.0')).toEqual(['tags']);
    expect(formPathOf('consent.channel')).toEqual(['consentChannel']);
    expect(formPathOf('customFields.wechat_id')).toEqual(['customFields', 'wechat_id']);
    expect(formPathOf('name')).toEqual(['name']);
    expect(formPathOf('version')).toBeNull();
    expect(formPathOf('')).toBeNull();
  });
});
