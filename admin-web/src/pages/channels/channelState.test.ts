import dayjs from 'dayjs';
import { describe, expect, it } from 'vitest';
import type { StaffUser } from '@/api/types';
import { channelStatus, qrFileName, qrTypesFor, staffOfStore, toChannelInput, toChannelPatch } from './channelState';

const now = new Date('2026-11-23T08:00:00.000Z');

describe('channel status', () => {
  it('is active without an end date, and until the end date passes', () => {
    expect(channelStatus({ disabled: false, validUntil: null }, now)).toBe('active');
    expect(channelStatus({ disabled: false, validUntil: '2026-11-23T15:59:59.999Z' }, now)).toBe('active');
  });

  it('is expired once its end date lies in the past', () => {
    expect(channelStatus({ disabled: false, validUntil: '2026-11-22T15:59:59.999Z' }, now)).toBe('expired');
  });

  it('calls a disabled channel disabled even when it has expired too', () => {
    expect(channelStatus({ disabled: true, validUntil: '2026-01-01T00:00:00.000Z' }, now)).toBe('disabled');
  });
});

describe('channel form', () => {
  it('creates a channel without the optional staff member and date when they are left empty', () => {
    expect(toChannelInput({ kind: 'feedback', name: ' 前台 ', teamId: 't1', staffId: undefined, validUntil: null })).toEqual({
      kind: 'feedback',
      name: '前台',
      teamId: 't1',
    });
  });

  it('lets a code work through the whole chosen last day', () => {
    const input = toChannelInput({
      kind: 'self_register',
      name: '门口',
      teamId: 't1',
      staffId: 'u1',
      validUntil: dayjs('2026-12-31T10:00:00'),
    });
    expect(input.staffId).toBe('u1');
    expect(dayjs(input.validUntil).format('YYYY-MM-DD HH:mm:ss')).toBe('2026-12-31 23:59:59');
  });

  it('clears the staff member and the end date on edit by sending null', () => {
    expect(toChannelPatch({ kind: 'feedback', name: '前台', teamId: 't2' })).toEqual({
      name: '前台',
      teamId: 't2',
      staffId: null,
      validUntil: null,
    });
  });
});

describe('staff of a store', () => {
  const staff: StaffUser[] = [
    { id: 'u1', username: 'sales1', displayName: '李娜', teamId: 'store-a' },
    { id: 'u2', username: 'sales2', displayName: '张伟', teamId: 'store-b' },
  ];

  it('offers only the members of the chosen store, and nobody before a store is chosen', () => {
    expect(staffOfStore(staff, 'store-a').map((member) => member.displayName)).toEqual(['李娜']);
    expect(staffOfStore(staff, undefined)).toEqual([]);
  });
});

describe('QR codes', () => {
  it('offers the mini-program code only when WeChat is configured', () => {
    expect(qrTypesFor(true)).toEqual(['wxacode', 'h5']);
    expect(qrTypesFor(false)).toEqual(['h5']);
  });

  it('names a downloaded code after its channel, without characters file systems refuse', () => {
    expect(qrFileName('西湖店 / 前台', 'h5', 'svg')).toBe('西湖店-前台-h5.svg');
    expect(qrFileName('  ', 'wxacode', 'png')).toBe('channel-wxacode.png');
  });
});
