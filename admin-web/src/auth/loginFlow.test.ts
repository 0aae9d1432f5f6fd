import { describe, expect, it } from 'vitest';
import type { CurrentUser, LoginResponse } from '@/api/types';
import {
  destinationAfterSignIn,
  initialLoginStep,
  nextLoginStep,
  normaliseTotpCode,
  recoveryCodesFile,
  type LoginStep,
} from './loginFlow';

const user: CurrentUser = {
  id: 'u1',
  username: 'manager',
  displayName: '王经理',
  role: 'manager',
  roleId: 'r1',
  roleName: '销售经理',
  teamId: 't1',
  teamName: '杭州西湖店',
  permissions: ['customer:read'],
  scopes: { customer: 'team', audit: 'team', feedback: 'team' },
  passwordChangeRequired: false,
};
const session: LoginResponse = { accessToken: 'a', refreshToken: 'r', user };

describe('signing in step by step', () => {
  it('an account without two-factor authentication is signed in after the password', () => {
    expect(nextLoginStep(initialLoginStep, { type: 'passwordAccepted', result: session })).toEqual({
      step: 'signedIn',
      session,
    });
  });

  it('an account with two-factor authentication asks for a code, or a recovery code instead', () => {
    const code = nextLoginStep(initialLoginStep, {
      type: 'passwordAccepted',
      result: { mfa: 'required', challengeToken: 'c1' },
    });
    expect(code).toEqual({ step: 'code', challengeToken: 'c1', useRecoveryCode: false });
    const recovery = nextLoginStep(code, { type: 'toggleRecoveryCode' });
    expect(recovery).toEqual({ step: 'code', challengeToken: 'c1', useRecoveryCode: true });
    expect(nextLoginStep(recovery, { type: 'toggleRecoveryCode' })).toEqual(code);
    expect(nextLoginStep(recovery, { type: 'codeAccepted', session })).toEqual({ step: 'signedIn', session });
  });

  it('a role that requires two-factor authentication enrols first and shows the recovery codes once', () => {
    const enrol = nextLoginStep(initialLoginStep, {
      type: 'passwordAccepted',
      result: { mfa: 'setup_required', challengeToken: 'c2' },
    });
    expect(enrol).toEqual({ step: 'enrol', challengeToken: 'c2' });
    const codes = nextLoginStep(enrol, { type: 'enrolled', session, recoveryCodes: ['aaaaa-bbbbb'] });
    expect(codes).toEqual({ step: 'recoveryCodes', recoveryCodes: ['aaaaa-bbbbb'], session });
    // The session is held back until the person says they kept the codes.
    expect(nextLoginStep(codes, { type: 'codesSaved' })).toEqual({ step: 'signedIn', session });
  });

  it('an expired challenge goes back to the password with a notice', () => {
    const code: LoginStep = { step: 'code', challengeToken: 'c1', useRecoveryCode: false };
    expect(nextLoginStep(code, { type: 'challengeExpired' })).toEqual({
      step: 'password',
      notice: 'challengeExpired',
    });
    expect(
      nextLoginStep({ step: 'enrol', challengeToken: 'c2' }, { type: 'challengeExpired' }),
    ).toMatchObject({
      step: 'password',
    });
  });

  it('ignores events that do not belong to the current step', () => {
    expect(nextLoginStep(initialLoginStep, { type: 'codeAccepted', session })).toBe(initialLoginStep);
    expect(nextLoginStep(initialLoginStep, { type: 'codesSaved' })).toBe(initialLoginStep);
    const code: LoginStep = { step: 'code', challengeToken: 'c1', useRecoveryCode: false };
    expect(nextLoginStep(code, { type: 'passwordAccepted', result: session })).toBe(code);
    expect(nextLoginStep(code, { type: 'restart' })).toEqual(initialLoginStep);
  });
});

describe('after signing in', () => {
  it('goes where the login was asked for', () => {
    expect(destinationAfterSignIn(user, '?redirect=%2Fcustomers%2F42')).toBe('/customers/42');
  });

  it('changes a required password before anything else, then continues there', () => {
    expect(destinationAfterSignIn({ passwordChangeRequired: true }, '?redirect=%2Fcustomers%2F42')).toBe(
      '/account/password?redirect=%2Fcustomers%2F42',
    );
  });
});

describe('codes', () => {
  it('accepts six digits however they were typed or pasted', () => {
    expect(normaliseTotpCode('123456')).toBe('123456');
    expect(normaliseTotpCode(' 123 456 ')).toBe('123456');
    expect(normaliseTotpCode('１２３４５６')).toBe('123456');
    expect(normaliseTotpCode('12345')).toBeNull();
    expect(normaliseTotpCode('12345a')).toBeNull();
  });

  it('writes the recovery codes one a line under a heading', () => {
    expect(recoveryCodesFile(['a1', 'b2'], '客知 CRM 恢复码')).toBe('客知 CRM 恢复码\n\na1\nb2\n');
  });
});
