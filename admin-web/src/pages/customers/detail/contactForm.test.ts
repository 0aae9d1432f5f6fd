import { describe, expect, it } from 'vitest';
import type { Contact } from '@/api/types';
import { buildTree } from '@/utils/tree';
import { reportsToCandidates, toContactFormValues, toContactInput } from './contactForm';

const contact = (id: string, reportsToId: string | null = null, extra: Partial<Contact> = {}): Contact => ({
  id,
  name: id,
  title: null,
  phones: [],
  emails: [],
  relationshipType: null,
  reportsToId,
  notes: null,
  createdAt: '2026-11-23T08:00:00.000Z',
  updatedAt: '2026-11-23T08:00:00.000Z',
  ...extra,
});

describe('contact form', () => {
  it('builds the request body with the first phone and email as primary', () => {
    expect(
      toContactInput({
        name: ' 王芳 ',
        title: '',
        relationshipTypeId: 'rt-buyer',
        reportsToId: 'boss',
        phones: [
          { type: 'work', number: '' },
          { type: 'mobile', number: ' 13800138000 ' },
          { type: 'work', number: '0571-88886666' },
        ],
        emails: [{ address: 'wf@example.com' }],
        notes: null,
      }),
    ).toEqual({
      name: '王芳',
      title: null,
      relationshipTypeId: 'rt-buyer',
      reportsToId: 'boss',
      phones: [
        { type: 'mobile', number: '13800138000', primary: true },
        { type: 'work', number: '0571-88886666', primary: false },
      ],
      emails: [{ address: 'wf@example.com', primary: true }],
      notes: null,
    });
  });

  it('fills the form with the primary entries first', () => {
    const values = toContactFormValues(
      contact('c1', 'boss', {
        relationshipType: { id: 'rt', name: '决策人' },
        phones: [
          {
            id: 'p-work',
            type: 'work',
            number: '0571****6666',
            display: '0571****6666',
            primary: false,
            masked: true,
          },
          {
            id: 'p-mobile',
            type: 'mobile',
            number: '138****8000',
            display: '138****8000',
            primary: true,
            masked: true,
          },
        ],
      }),
    );
    expect(values.phones).toEqual([
      { id: 'p-mobile', type: 'mobile', number: '138****8000' },
      { id: 'p-work', type: 'work', number: '0571****6666' },
    ]);
    expect(values).toMatchObject({ relationshipTypeId: 'rt', reportsToId: 'boss' });
  });

  it('sends kept entries by id and only new ones in full', () => {
    expect(
      toContactInput({
        name: '王芳',
        phones: [
          { id: 'p1', type: 'mobile', number: '138****8000' },
          { type: 'work', number: ' 0571-88886666 ' },
        ],
        emails: [{ address: 'new@example.com' }, { id: 'e1', address: 'w***@example.com' }],
      }),
    ).toMatchObject({
      phones: [
        { id: 'p1', type: 'mobile', primary: true },
        { type: 'work', number: '0571-88886666', primary: false },
      ],
      emails: [
        { address: 'new@example.com', primary: true },
        { id: 'e1', primary: false },
      ],
    });
  });

  it('offers as "reports to" everyone except the contact and those below it', () => {
    const contacts = [contact('ceo'), contact('cfo', 'ceo'), contact('buyer', 'cfo'), contact('cto', 'ceo')];
    expect(reportsToCandidates(contacts, 'cfo').map((c) => c.id)).toEqual(['ceo', 'cto']);
    expect(reportsToCandidates(contacts, undefined)).toHaveLength(4);
    expect(buildTree(contacts, (c) => c.reportsToId)[0].children?.map((c) => c.id)).toEqual(['cfo', 'cto']);
  });
});
