import { describe, expect, it } from 'vitest';
import type { Customer } from '@/api/types';
import { differingFields, toMergeRequest } from './mergeFields';

const customer = (overrides: Record<string, unknown>): Customer =>
  ({
    id: 'c',
    version: 1,
    name: '王芳',
    gender: 'female',
    birthday: null,
    occupation: null,
    company: null,
    industry: null,
    source: null,
    level: null,
    lifecycleStatus: 'active',
    owner: null,
    notes: null,
    ...overrides,
  }) as unknown as Customer;

describe('merge dialog', () => {
  it('lists only the fields that differ, proposing the survivor’s value when it has one', () => {
    const survivor = customer({
      id: 'a',
      company: '清源科技',
      gender: 'unknown',
      level: { id: 'vip', name: 'VIP', color: 'gold' },
      owner: { id: 'u1', displayName: '李娜' },
    });
    const merged = customer({
      id: 'b',
      company: '清源贸易',
      birthday: '1990-01-01',
      level: { id: 'vip', name: 'VIP', color: 'gold' },
      owner: { id: 'u2', displayName: '张伟' },
      notes: '  ',
    });
    expect(differingFields(survivor, merged)).toEqual([
      { field: 'gender', survivor: null, merged: 'female', proposed: 'merged' },
      { field: 'birthday', survivor: null, merged: '1990-01-01', proposed: 'merged' },
      { field: 'company', survivor: '清源科技', merged: '清源贸易', proposed: 'survivor' },
      { field: 'ownerId', survivor: 'u1', merged: 'u2', proposed: 'survivor' },
    ]);
  });

  it('sends the choices that take the merged record’s value', () => {
    expect(toMergeRequest('a', 'b', { company: 'survivor', birthday: 'merged', ownerId: 'merged' })).toEqual({
      survivorId: 'a',
      mergedId: 'b',
      fields: { birthday: 'merged', ownerId: 'merged' },
    });
  });
});
