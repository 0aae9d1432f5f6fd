import { describe, expect, it } from 'vitest';
import { redirectTargetAfterLogin } from './redirect';

describe('redirectTargetAfterLogin', () => {
  it('returns to the page that asked for a login', () => {
    expect(redirectTargetAfterLogin('?redirect=%2Fcustomers%3Fpage%3D2')).toBe('/customers?page=2');
  });

  it('goes to the customer list by default', () => {
    expect(redirectTargetAfterLogin('')).toBe('/customers');
    expect(redirectTargetAfterLogin('?redirect=')).toBe('/customers');
  });

  it('refuses to leave the site or loop back to the login page', () => {
    for (const target of [
      'https://evil.example',
      '//evil.example',
      '/\\evil.example',
      'javascript:alert(1)',
      '/login',
      '/login?x=1',
    ]) {
      expect(redirectTargetAfterLogin(`?redirect=${encodeURIComponent(target)}`)).toBe('/customers');
    }
  });
});
