// How far a background job (an import's validation or run, an export) has come, as the console shows it.

export interface JobProgress {
  processed: number;
  total: number;
  percent: number;
}

export interface ShownProgress {
  /** Whole percent for antd's Progress, 0–100. */
  percent: number;
  processed: number;
  total: number;
}

const wholeCount = (value: number) => (Number.isFinite(value) && value > 0 ? Math.floor(value) : 0);

/**
 * The server's percent when it sent one, otherwise processed / total. Floored rather than rounded,
 * so a bar shows 100 only once the last row is in; a finished job always shows 100.
 */
export function shownProgress(progress: JobProgress, finished = false): ShownProgress {
  const total = wholeCount(progress.total);
  const processed = Math.min(wholeCount(progress.processed), total || wholeCount(progress.processed));
  if (finished) return { percent: 100, processed: total || processed, total: total || processed };
  const fromServer = Number.isFinite(progress.percent) ? progress.percent : NaN;
  const raw = Number.isNaN(fromServer) ? (total > 0 ? (processed / total) * 100 : 0) : fromServer;
  const percent = Math.min(Math.max(Math.floor(raw), 0), 100);
  return { percent, processed, total };
}

/** Characters Windows, macOS or a browser refuse in a file name. */
const unsafeInFileName = /[\\/:*?"<>|\u0000-\u001f]+/g;

/** A file name without its extension, safe to build another file name from. */
export function baseNameOf(fileName: string): string {
  const withoutFolder = fileName.split(/[\\/]/).pop() ?? '';
  const dot = withoutFolder.lastIndexOf('.');
  const base = dot > 0 ? withoutFolder.slice(0, dot) : withoutFolder;
  return base.replace(unsafeInFileName, '_').trim();
}

/** A byte count for people: 930 B, 12.5 KB, 3.2 MB. */
export function fileSizeText(bytes: number | null | undefined): string | null {
  if (bytes === null || bytes === undefined || !Number.isFinite(bytes) || bytes < 0) return null;
  if (bytes < 1024) return `${bytes} B`;
  const units = ['KB', 'MB', 'GB'];
  let value = bytes / 1024;
  let unit = 0;
  while (value >= 1024 && unit < units.length - 1) {
    value /= 1024;
    unit += 1;
  }
  const digits = value >= 100 ? 0 : 1;
  return `${value.toFixed(digits)} ${units[unit]}`;
}
