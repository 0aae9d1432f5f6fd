import { describe, expect, it } from 'vitest';
import { customerExportRequest, downloadLinkOf, isExportWorking, shownExportStatus } from './exportState';

const now = new Date('2026-11-23T08:00:00.000Z');
const completed = {
  status: 'completed' as const,
  expiresAt: '2026-11-24T08:00:00.000Z',
  downloadUrl: '/api/exports/e1/download?token=abc',
};

describe('export status', () => {
  it('offers the download link of a completed export until it expires', () => {
    expect(shownExportStatus(completed, now)).toBe('completed');
    expect(downloadLinkOf(completed, now)).toBe('/api/exports/e1/download?token=abc');
  });

  it('calls an export expired once its link has lapsed, and offers no link', () => {
    const later = new Date('2026-11-24T08:00:00.000Z');
    expect(shownExportStatus(completed, later)).toBe('expired');
    expect(downloadLinkOf(completed, later)).toBeNull();
  });

  it('offers no link while the export is still being written or when it failed', () => {
    for (const status of ['queued', 'running', 'failed'] as const) {
      expect(downloadLinkOf({ status, expiresAt: null, downloadUrl: null }, now)).toBeNull();
      expect(shownExportStatus({ status, expiresAt: null }, now)).toBe(status);
    }
  });

  it('polls only while queued or running', () => {
    expect(isExportWorking('queued')).toBe(true);
    expect(isExportWorking('running')).toBe(true);
    expect(isExportWorking('completed')).toBe(false);
    expect(isExportWorking('failed')).toBe(false);
  });
});

describe('exporting the customer list', () => {
  it('sends the list filter in the saved views form, keyword included, with the chosen sort', () => {
    const request = customerExportRequest(
      { keyword: ' 王 ', tagIds: ['t2', 't1', ''], lifecycleStatuses: ['active'], totalSpentMin: 100 },
      { field: 'totalSpent', order: 'desc' },
      'xlsx',
    );
    expect(request).toEqual({
      entity: 'customers',
      format: 'xlsx',
      filter: { keyword: '王', tagIds: ['t1', 't2'], lifecycleStatuses: ['active'], totalSpentMin: 100 },
      sort: { field: 'totalSpent', order: 'desc' },
    });
  });

  it('keeps custom field conditions as JSON objects (not the list request string)', () => {
    const request = customerExportRequest({ customFields: { vip: true, size: { min: 2 } } }, null, 'csv');
    expect(request.filter).toEqual({ customFields: { size: { min: 2 }, vip: true } });
  });

  it('exports everyone in scope in the server order when nothing is filtered or sorted', () => {
    expect(customerExportRequest({ tagIds: [] }, null, 'json')).toEqual({ entity: 'customers', format: 'json' });
  });
});
