import { describe, expect, it } from 'vitest';
import type { RevealedContacts } from '@/api/types';
import {
  isRevealed,
  nothingRevealed,
  revealedValues,
  shownEmail,
  shownPhone,
  shownPrimaryPhone,
} from './revealed';

const revealed: RevealedContacts = {
  phones: [
    { id: 'p1', number: '+8613800138000', display: '138 0013 8000' },
    { id: 'p2', number: '+8657188886666', display: '0571 8888 6666' },
  ],
  emails: [{ id: 'e1', address: 'chen@example.com' }],
  contacts: [
    {
      id: 'c1',
      phones: [{ id: 'cp1', number: '+8613900139000', display: '139 0013 9000' }],
      emails: [{ id: 'ce1', address: 'wang@example.com' }],
    },
  ],
};

const masked = (id: string, display: string) => ({ id, display });

describe('revealed phones and emails', () => {
  it('show the full value in place of the masked one, for the customer and its contacts', () => {
    const values = revealedValues(revealed);
    expect(shownPhone(masked('p1', '138****8000'), values)).toBe('138 0013 8000');
    expect(shownPhone(masked('cp1', '139****9000'), values)).toBe('139 0013 9000');
    expect(shownEmail({ id: 'ce1', address: 'w***@example.com' }, values)).toBe('wang@example.com');
    expect(isRevealed(values)).toBe(true);
  });

  it('keep the masked text until a reveal, and for entries added since', () => {
    expect(shownPhone(masked('p1', '138****8000'), nothingRevealed)).toBe('138****8000');
    expect(shownPhone(masked('p9', '137****7000'), revealedValues(revealed))).toBe('137****7000');
    expect(isRevealed(revealedValues(undefined))).toBe(false);
  });

  it('reveal the primary phone of the header', () => {
    const customer = {
      phones: [
        {
          id: 'p2',
          type: 'work',
          number: '0571****6666',
          display: '0571****6666',
          primary: false,
          masked: true,
        },
        {
          id: 'p1',
          type: 'mobile',
          number: '138****8000',
          display: '138****8000',
          primary: true,
          masked: true,
        },
      ],
      primaryPhone: '138****8000',
    } as const;
    expect(shownPrimaryPhone({ ...customer, phones: [...customer.phones] }, nothingRevealed)).toBe(
      '138****8000',
    );
    expect(shownPrimaryPhone({ ...customer, phones: [...customer.phones] }, revealedValues(revealed))).toBe(
      '138 0013 8000',
    );
    expect(shownPrimaryPhone({ phones: [], primaryPhone: null }, revealedValues(revealed))).toBeNull();
  });
});
