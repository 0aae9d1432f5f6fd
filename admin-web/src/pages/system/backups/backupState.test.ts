import { describe, expect, it } from 'vitest';
import { backupPickupGraceMs, backupProgress, describeSchedule, formatBytes, formatCount } from './backupState';

describe('backup sizes', () => {
  it('reads small archives in bytes and larger ones with one decimal', () => {
    expect(formatBytes(0)).toBe('0 B');
    expect(formatBytes(1023)).toBe('1023 B');
    expect(formatBytes(1024)).toBe('1.0 KB');
    expect(formatBytes(1536)).toBe('1.5 KB');
    expect(formatBytes(5 * 1024 * 1024 + 300 * 1024)).toBe('5.3 MB');
    expect(formatBytes(3 * 1024 ** 3)).toBe('3.0 GB');
  });

  it('moves to the next unit instead of showing 1024.0', () => {
    expect(formatBytes(1024 * 1024 - 10)).toBe('1.0 MB');
  });

  it('shows a dash for a size that makes no sense', () => {
    expect(formatBytes(-1)).toBe('—');
    expect(formatBytes(Number.NaN)).toBe('—');
  });

  it('groups row counts the way the reader writes numbers', () => {
    expect(formatCount(1234567, 'en-US')).toBe('1,234,567');
    expect(formatCount(1234567, 'zh-CN')).toBe('1,234,567');
  });
});

describe('the backup schedule in words', () => {
  it('knows the default daily time', () => {
    expect(describeSchedule('30 3 * * *')).toEqual({ kind: 'daily', time: '03:30' });
  });

  it('knows a weekly backup, Sunday written as 0 or 7', () => {
    expect(describeSchedule('0 22 * * 5')).toEqual({ kind: 'weekly', weekday: 5, time: '22:00' });
    expect(describeSchedule('15 1 * * 7')).toEqual({ kind: 'weekly', weekday: 0, time: '01:15' });
  });

  it('says off when the server schedules nothing', () => {
    expect(describeSchedule(null)).toEqual({ kind: 'off' });
    expect(describeSchedule('off')).toEqual({ kind: 'off' });
  });

  it('shows any other expression as it is', () => {
    expect(describeSchedule('0 */6 * * *')).toEqual({ kind: 'cron', expression: '0 */6 * * *' });
    expect(describeSchedule('0 3 1 * *')).toEqual({ kind: 'cron', expression: '0 3 1 * *' });
    expect(describeSchedule('0 3 * * 1-5')).toEqual({ kind: 'cron', expression: '0 3 * * 1-5' });
    expect(describeSchedule('61 3 * * *')).toEqual({ kind: 'cron', expression: '61 3 * * *' });
  });
});

describe('a backup started from the page', () => {
  const name = 'kezhi-backup-20250301-101500.tar.gz';
  const requested = { name, requestedAt: 1_000_000 };
  const older = { name: 'kezhi-backup-20250228-033000.tar.gz' };

  it('is running while the server says so, even once its file shows up', () => {
    expect(backupProgress(requested, { running: true, items: [older] }, 1_000_500)).toBe('running');
    expect(backupProgress(requested, { running: true, items: [{ name }, older] }, 1_000_500)).toBe('running');
  });

  it('is running until the first list arrives', () => {
    expect(backupProgress(requested, undefined, 1_000_500)).toBe('running');
  });

  it('is still waiting for the worker shortly after the request, though nothing runs yet', () => {
    expect(backupProgress(requested, { running: false, items: [older] }, 1_000_000 + backupPickupGraceMs - 1)).toBe(
      'running',
    );
  });

  it('is done when its archive is listed and nothing runs', () => {
    expect(backupProgress(requested, { running: false, items: [{ name }, older] }, 1_000_500)).toBe('done');
  });

  it('is lost when the server stopped without the archive after the grace period', () => {
    expect(backupProgress(requested, { running: false, items: [older] }, 1_000_000 + backupPickupGraceMs)).toBe('lost');
  });

  it('shows a scheduled backup that runs while nobody asked here', () => {
    expect(backupProgress(null, { running: true, items: [older] }, 0)).toBe('running');
    expect(backupProgress(null, { running: false, items: [older] }, 0)).toBe('idle');
  });
});
