import { describe, expect, it } from 'vitest';
import { isPlausiblePhone, phoneDigits, phoneForLookup } from './phone';

describe('phone numbers', () => {
  it('reduces common spellings to digits', () => {
    expect(phoneDigits('138-0013-8000')).toBe('13800138000');
    expect(phoneDigits(' +86 138 0013 8000 ')).toBe('+8613800138000');
    expect(phoneDigits('１３８００１３８０００')).toBe('13800138000');
    expect(phoneDigits('(0571) 8888-6666')).toBe('057188886666');
  });

  it('accepts mainland mobiles in their everyday forms', () => {
    for (const valid of [
      '13800138000',
      '138-0013-8000',
      '+86 138 0013 8000',
      '008613800138000',
      '１３８００１３８０００',
    ]) {
      expect(isPlausiblePhone(valid, 'mobile'), valid).toBe(true);
    }
    for (const invalid of ['12345', '12800138000', '1380013800', '138001380000', 'abc13800138000', '']) {
      expect(isPlausiblePhone(invalid, 'mobile'), invalid).toBe(false);
    }
  });

  it('leaves foreign mobiles to the server', () => {
    expect(isPlausiblePhone('+44 7911 123456', 'mobile')).toBe(true);
  });

  it('checks landlines and other kinds loosely', () => {
    expect(isPlausiblePhone('0571-88886666', 'work')).toBe(true);
    expect(isPlausiblePhone('(010) 6552 9988', 'home')).toBe(true);
    expect(isPlausiblePhone('123', 'other')).toBe(false);
    expect(isPlausiblePhone('call me', 'other')).toBe(false);
  });

  it('asks the duplicate lookup only about plausible numbers', () => {
    expect(phoneForLookup('138 0013 8000')).toBe('13800138000');
    expect(phoneForLookup('1380')).toBeNull();
    expect(phoneForLookup(undefined)).toBeNull();
  });
});
