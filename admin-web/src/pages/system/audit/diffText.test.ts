import { describe, expect, it } from 'vitest';
import { changeRows, formatAuditValue, listDifference } from './diffText';

const words = { empty: '—', yes: '是', no: '否', separator: '、' };

describe('an audit value as text', () => {
  it('shows nothing as a dash and booleans as yes or no', () => {
    expect(formatAuditValue(null, words)).toBe('—');
    expect(formatAuditValue('', words)).toBe('—');
    expect(formatAuditValue([], words)).toBe('—');
    expect(formatAuditValue(true, words)).toBe('是');
    expect(formatAuditValue(false, words)).toBe('否');
  });

  it('keeps masked values and plain text as recorded', () => {
    expect(formatAuditValue('138****5678', words)).toBe('138****5678');
    expect(formatAuditValue(12, words)).toBe('12');
  });

  it('joins lists and names references by their name', () => {
    expect(formatAuditValue(['VIP', '老客户'], words)).toBe('VIP、老客户');
    expect(formatAuditValue({ id: 'u1', displayName: '李娜' }, words)).toBe('李娜');
    expect(formatAuditValue([{ id: 't1', name: '杭州西湖店' }], words)).toBe('杭州西湖店');
  });

  it('reads a small map as its pairs', () => {
    expect(formatAuditValue({ customer: 'team', audit: 'own' }, words)).toBe('customer: team、audit: own');
  });

  it('shows instants as a local date and time, and leaves plain dates alone', () => {
    expect(formatAuditValue('2026-03-01T08:30:00.000Z', words)).toMatch(/^2026-03-0[12] \d{2}:30$/);
    expect(formatAuditValue('1990-05-04', words)).toBe('1990-05-04');
  });
});

describe('the rows of a diff', () => {
  it('lists each changed field with its before and after', () => {
    expect(
      changeRows({ displayName: { before: '李娜', after: '李娜娜' }, disabled: { before: false, after: true } }, words),
    ).toEqual([
      { field: 'displayName', before: '李娜', after: '李娜娜' },
      { field: 'disabled', before: '否', after: '是' },
    ]);
  });

  it('shows a created record’s fields as changes from nothing, and no rows without changes', () => {
    expect(changeRows({ name: { before: null, after: '华东大区' } }, words)).toEqual([
      { field: 'name', before: '—', after: '华东大区' },
    ]);
    expect(changeRows(null, words)).toEqual([]);
    expect(changeRows({ tags: { before: [], after: null } }, words)).toEqual([]);
  });
});

describe('the difference of two lists', () => {
  it('names what was added and what was removed', () => {
    expect(listDifference(['customer:read', 'customer:update'], ['customer:read', 'audit:read'])).toEqual({
      added: ['audit:read'],
      removed: ['customer:update'],
    });
    expect(listDifference(null, ['a'])).toEqual({ added: ['a'], removed: [] });
    expect(listDifference('a', ['a'])).toBeNull();
  });
});
