// The pure parts of the backups page: sizes, the schedule in words, and where a requested backup stands.

const units = ['B', 'KB', 'MB', 'GB', 'TB'] as const;

/** A byte count as people read it: 1 decimal from KB up (1024-based, like file managers), whole bytes below. */
export function formatBytes(size: number): string {
  if (!Number.isFinite(size) || size < 0) return '—';
  let value = size;
  let unit = 0;
  while (value >= 1024 && unit < units.length - 1) {
    value /= 1024;
    unit += 1;
  }
  if (unit === 0) return `${value} B`;
  // 1023.96 KB would round to "1024.0 KB"; say "1.0 MB" instead.
  if (Number(value.toFixed(1)) >= 1024 && unit < units.length - 1) return `1.0 ${units[unit + 1]}`;
  return `${value.toFixed(1)} ${units[unit]}`;
}

/** A count with thousands separators in the reader's language (`12,345`). */
export function formatCount(count: number, language: string): string {
  return new Intl.NumberFormat(language).format(count);
}

/**
 * The schedule the server reports (a 5-field cron expression, or null when scheduled backups are off) in a
 * form the page can put into words. Only the shapes an operator is likely to set get words; anything else is
 * shown as the expression itself.
 */
export type ScheduleDescription =
  | { kind: 'off' }
  | { kind: 'daily'; time: string }
  | { kind: 'weekly'; weekday: number; time: string }
  | { kind: 'cron'; expression: string };

const plainNumber = /^\d{1,2}$/;

export function describeSchedule(schedule: string | null): ScheduleDescription {
  if (schedule === null || schedule.trim() === '' || schedule.trim().toLowerCase() === 'off') return { kind: 'off' };
  const expression = schedule.trim();
  const fields = expression.split(/\s+/);
  if (fields.length !== 5) return { kind: 'cron', expression };
  const [minute, hour, dayOfMonth, month, dayOfWeek] = fields;
  if (!plainNumber.test(minute) || !plainNumber.test(hour) || dayOfMonth !== '*' || month !== '*') {
    return { kind: 'cron', expression };
  }
  const minuteValue = Number(minute);
  const hourValue = Number(hour);
  if (minuteValue > 59 || hourValue > 23) return { kind: 'cron', expression };
  const time = `${String(hourValue).padStart(2, '0')}:${String(minuteValue).padStart(2, '0')}`;
  if (dayOfWeek === '*') return { kind: 'daily', time };
  if (/^[0-7]$/.test(dayOfWeek)) return { kind: 'weekly', weekday: Number(dayOfWeek) % 7, time };
  return { kind: 'cron', expression };
}

/**
 * Where the backup started from this page stands, judged from the list the page polls:
 * - `idle`: nothing was started here;
 * - `running`: the server says a backup runs, or the job has not been picked up yet;
 * - `done`: the archive is in the list;
 * - `lost`: the server stopped running without the archive after the grace period (the job failed: the
 *   server's log says why).
 * The grace period covers the moment between the 202 and the worker taking the job, when the list may say
 * nothing runs yet.
 */
export type BackupProgress = 'idle' | 'running' | 'done' | 'lost';

export interface RequestedBackup {
  name: string;
  requestedAt: number;
}

export const backupPickupGraceMs = 30_000;

export function backupProgress(
  requested: RequestedBackup | null,
  list: { running: boolean; items: readonly { name: string }[] } | undefined,
  now: number,
): BackupProgress {
  if (requested === null) return list?.running ? 'running' : 'idle';
  if (list === undefined) return 'running';
  if (list.items.some((item) => item.name === requested.name)) return list.running ? 'running' : 'done';
  if (list.running) return 'running';
  return now - requested.requestedAt < backupPickupGraceMs ? 'running' : 'lost';
}
