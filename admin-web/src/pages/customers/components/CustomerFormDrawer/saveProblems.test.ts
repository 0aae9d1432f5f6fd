import { describe, expect, it } from 'vitest';
import { ApiRequestError } from '@/api/errors';
import { duplicateIssues, duplicateKind, versionConflictCurrent } from './saveProblems';

describe('save problems', () => {
  it('reads the clashing fields of a duplicate answer', () => {
    const error = new ApiRequestError(409, '该手机号已被其他客户使用', 'CUSTOMER_DUPLICATE', [
      { field: 'phones.0.number', message: '该手机号已被其他客户使用', existingCustomerId: 'c9' },
      { field: 'emails.0.address', message: 'no id' },
    ] as ApiRequestError['details']);
    expect(duplicateIssues(error)).toEqual([
      { field: 'phones.0.number', message: '该手机号已被其他客户使用', existingCustomerId: 'c9' },
    ]);
  });

  it('takes the current record from a version conflict, and nothing from anything else', () => {
    const current = { id: 'c1', version: 5, name: '李雷' };
    const conflict = new ApiRequestError(409, 'changed', 'CUSTOMER_VERSION_CONFLICT', [], {
      code: 'CUSTOMER_VERSION_CONFLICT',
      message: 'changed',
      details: [],
      current,
    });
    expect(versionConflictCurrent(conflict)).toBe(current);
    expect(
      versionConflictCurrent(new ApiRequestError(409, 'x', 'CONFLICT', [], { current: { id: 1 } })),
    ).toBeNull();
    expect(versionConflictCurrent(new ApiRequestError(409, 'x'))).toBeNull();
  });

  it('tells phone clashes from email clashes', () => {
    expect(duplicateKind('phones.1.number')).toBe('phone');
    expect(duplicateKind('emails.0.address')).toBe('email');
    expect(duplicateKind('customFields.wechat_id')).toBeNull();
  });
});
