import { describe, expect, it } from 'vitest';
import { formatCustomFieldValue } from './customFieldDisplay';

const words = { yes: '是', no: '否', separator: '、' };

describe('formatCustomFieldValue', () => {
  it('writes each type as text', () => {
    expect(formatCustomFieldValue({ type: 'boolean' }, true, words)).toBe('是');
    expect(formatCustomFieldValue({ type: 'boolean' }, false, words)).toBe('否');
    expect(formatCustomFieldValue({ type: 'multi_select' }, ['茶', '咖啡'], words)).toBe('茶、咖啡');
    expect(formatCustomFieldValue({ type: 'date' }, '2026-01-02', words)).toBe('2026-01-02');
    expect(formatCustomFieldValue({ type: 'text' }, 'wx_1', words)).toBe('wx_1');
  });

  it('shows nothing for empty values', () => {
    expect(formatCustomFieldValue({ type: 'text' }, null, words)).toBeNull();
    expect(formatCustomFieldValue({ type: 'text' }, undefined, words)).toBeNull();
    expect(formatCustomFieldValue({ type: 'multi_select' }, [], words)).toBeNull();
  });
});
