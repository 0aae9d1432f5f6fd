import { describe, expect, it } from 'vitest';
import { classifyChangeField, codedValueMessage } from './timelineChanges';

describe('timeline change labels', () => {
  it('labels built-in, contact and custom fields', () => {
    expect(classifyChangeField('company')).toEqual({ kind: 'known', message: 'customers.fields.company' });
    expect(classifyChangeField('contact.reportsTo')).toEqual({
      kind: 'known',
      message: 'contacts.fields.reportsTo',
    });
    expect(classifyChangeField('customFields.wechat_id')).toEqual({ kind: 'customField', key: 'wechat_id' });
    expect(classifyChangeField('somethingNew')).toEqual({ kind: 'unknown', field: 'somethingNew' });
  });

  it('translates coded values and leaves the rest as recorded', () => {
    expect(codedValueMessage('gender', 'female')).toBe('customers.gender.female');
    expect(codedValueMessage('lifecycleStatus', 'dormant')).toBe('customers.lifecycle.dormant');
    expect(codedValueMessage('consent.channel', 'in_store')).toBe('customers.consentChannels.in_store');
    expect(codedValueMessage('gender', 'robot')).toBeNull();
    expect(codedValueMessage('company', 'active')).toBeNull();
    expect(codedValueMessage('gender', null)).toBeNull();
  });
});
