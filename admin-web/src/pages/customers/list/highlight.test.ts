import { describe, expect, it } from 'vitest';
import { highlightParts, matchReason } from './highlight';

describe('highlightParts', () => {
  it('marks every occurrence, whatever the letter case', () => {
    expect(highlightParts('Acme 科技 ACME', 'acme')).toEqual([
      { text: 'Acme', match: true },
      { text: ' 科技 ', match: false },
      { text: 'ACME', match: true },
    ]);
  });

  it('finds two characters in the middle of a name', () => {
    expect(highlightParts('欧阳明月', '阳明')).toEqual([
      { text: '欧', match: false },
      { text: '阳明', match: true },
      { text: '月', match: false },
    ]);
  });

  it('ignores spaces in the keyword as the server does', () => {
    expect(highlightParts('王五', ' 王 五 ')).toEqual([{ text: '王五', match: true }]);
  });

  it('leaves text that does not contain the keyword whole', () => {
    expect(highlightParts('张三', 'zs')).toEqual([{ text: '张三', match: false }]);
    expect(highlightParts('张三', '')).toEqual([{ text: '张三', match: false }]);
    expect(highlightParts('', '张')).toEqual([]);
  });

  it('treats the keyword as plain text, not a pattern', () => {
    expect(highlightParts('a.b(c)', '(c)')).toEqual([
      { text: 'a.b', match: false },
      { text: '(c)', match: true },
    ]);
    expect(highlightParts('abc', '.')).toEqual([{ text: 'abc', match: false }]);
  });
});

describe('matchReason', () => {
  it('says nothing when the name itself matched or there was no keyword', () => {
    expect(matchReason(null)).toBeNull();
    expect(matchReason({ field: 'name' })).toBeNull();
  });

  it('names the contact a row matched by', () => {
    expect(matchReason({ field: 'contact', contactName: '王五' })).toEqual({
      kind: 'contact',
      contactName: '王五',
    });
    expect(matchReason({ field: 'contact' })).toBeNull();
  });

  it('passes the other reasons through', () => {
    for (const field of ['pinyin', 'phone', 'email', 'company'] as const) {
      expect(matchReason({ field })).toEqual({ kind: field });
    }
  });
});
