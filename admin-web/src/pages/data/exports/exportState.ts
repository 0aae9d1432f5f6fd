import type { CustomerFilter } from '@/api/types';
import type { ListSort } from '@/pages/customers/list/sort';
import { normalizeFilter } from '@/pages/customers/list/filters';
import type { ExportFormat, ExportJob, ExportRequest, ExportStatus } from '@/services/dataTransfer';

// Exports are jobs on the server: queued, running, then a file behind a signed link until it expires.

export const exportFormats: readonly ExportFormat[] = ['csv', 'xlsx', 'json'];

export const exportPollMs = 1000;

/** What a person sees of an export: the server's status, or `expired` once its link has lapsed. */
export type ShownExportStatus = ExportStatus | 'expired';

export function shownExportStatus(job: Pick<ExportJob, 'status' | 'expiresAt'>, now: Date): ShownExportStatus {
  if (job.status === 'completed' && job.expiresAt !== null && new Date(job.expiresAt).getTime() <= now.getTime()) {
    return 'expired';
  }
  return job.status;
}

export const isExportWorking = (status: ExportStatus) => status === 'queued' || status === 'running';

/** The link that downloads the file, while it may still be downloaded. */
export function downloadLinkOf(job: Pick<ExportJob, 'status' | 'expiresAt' | 'downloadUrl'>, now: Date): string | null {
  return shownExportStatus(job, now) === 'completed' ? (job.downloadUrl ?? null) : null;
}

/**
 * The export of what the customer list shows: its filter (keyword and a saved view's conditions
 * included, in the views' JSON form) and its sort. An empty filter is left out (all customers in scope).
 */
export function customerExportRequest(filter: CustomerFilter, sort: ListSort, format: ExportFormat): ExportRequest {
  const normalized = normalizeFilter(filter);
  return {
    entity: 'customers',
    format,
    ...(Object.keys(normalized).length > 0 ? { filter: normalized } : {}),
    ...(sort ? { sort: { field: sort.field, order: sort.order } } : {}),
  };
}
