import { describe, expect, it } from 'vitest';
import {
  applyTemplate,
  canEditMapping,
  duplicateStrategiesFor,
  ignoreValue,
  initialColumns,
  isWorking,
  missingRequired,
  reportFileName,
  sameColumns,
  selectValueOf,
  stepIndexOf,
  stepOf,
  targetOfSelectValue,
  templateFit,
  templateMappingOf,
  withTarget,
} from './importWizard';

const fields = [
  { target: 'name', label: '姓名', required: true, multiple: false },
  { target: 'phone', label: '手机', required: false, multiple: true },
  { target: 'email', label: '邮箱', required: false, multiple: true },
  { target: 'birthday', label: '生日', required: false, multiple: false },
  { target: 'notes', label: '备注', required: false, multiple: false },
];

const headers = ['客户名称', '手机', '备用手机', '生日', '备注'];
const guessed = [
  { index: 0, header: '客户名称', target: 'name' },
  { index: 1, header: '手机', target: 'phone' },
  { index: 2, header: '备用手机', target: null },
  { index: 3, header: '生日', target: 'birthday' },
  { index: 4, header: '备注', target: 'notes' },
];

describe('the wizard step follows the job status', () => {
  it('maps columns of a fresh upload', () => {
    expect(stepOf('uploaded')).toBe('mapping');
  });

  it('shows the report while validating and once validated', () => {
    expect(stepOf('validating')).toBe('report');
    expect(stepOf('validated')).toBe('report');
  });

  it('goes back to the mapping of a validated import only when the person asks to', () => {
    expect(stepOf('validated', true)).toBe('mapping');
    // While validating or running there is nothing to remap.
    expect(stepOf('validating', true)).toBe('report');
    expect(stepOf('running', true)).toBe('progress');
  });

  it('shows the progress while queued or running and the result when finished either way', () => {
    expect(stepOf('queued')).toBe('progress');
    expect(stepOf('running')).toBe('progress');
    expect(stepOf('completed')).toBe('result');
    expect(stepOf('failed')).toBe('result');
    expect(stepOf('cancelled')).toBe('cancelled');
  });

  it('places each step in the steps bar after the upload', () => {
    expect(stepIndexOf('mapping')).toBe(1);
    expect(stepIndexOf('report')).toBe(2);
    expect(stepIndexOf('progress')).toBe(3);
    expect(stepIndexOf('result')).toBe(4);
    expect(stepIndexOf('cancelled', 'report')).toBe(2);
  });

  it('polls exactly while the server works on the job', () => {
    const statuses = ['uploaded', 'validating', 'validated', 'queued', 'running', 'completed', 'failed', 'cancelled'] as const;
    expect(statuses.filter(isWorking)).toEqual(['validating', 'queued', 'running']);
    expect(statuses.filter(canEditMapping)).toEqual(['uploaded', 'validated']);
  });
});

describe('duplicates', () => {
  it('may be skipped, updated or created anew for customers and contacts, only skipped for orders', () => {
    expect(duplicateStrategiesFor('customers')).toEqual(['skip', 'update', 'create']);
    expect(duplicateStrategiesFor('contacts')).toEqual(['skip', 'update', 'create']);
    expect(duplicateStrategiesFor('orders')).toEqual(['skip']);
  });
});

describe('column mapping', () => {
  it('starts from the server guess and gives every header of the file one entry', () => {
    const columns = initialColumns({
      headers,
      mapping: null,
      suggestedMapping: { columns: [guessed[0], guessed[3]] },
    });
    expect(columns.map((column) => column.target)).toEqual(['name', null, null, 'birthday', null]);
    expect(columns.map((column) => column.header)).toEqual(headers);
  });

  it('prefers the mapping saved on the job over the guess (a reload keeps the person’s choice)', () => {
    const saved = guessed.map((column) => (column.index === 4 ? { ...column, target: null } : column));
    const columns = initialColumns({ headers, mapping: { columns: saved }, suggestedMapping: { columns: guessed } });
    expect(columns[4].target).toBeNull();
  });

  it('lets phones sit on several columns', () => {
    const columns = withTarget(guessed, 2, 'phone', fields);
    expect(columns.filter((column) => column.target === 'phone').map((column) => column.index)).toEqual([1, 2]);
  });

  it('moves a single-value field from the column that had it', () => {
    const columns = withTarget(guessed, 4, 'birthday', fields);
    expect(columns[4].target).toBe('birthday');
    expect(columns[3].target).toBeNull();
  });

  it('ignores a column without touching the others', () => {
    const columns = withTarget(guessed, 0, null, fields);
    expect(columns[0].target).toBeNull();
    expect(columns.slice(1)).toEqual(guessed.slice(1));
    expect(guessed[0].target).toBe('name');
  });

  it('names the required fields no column is mapped to', () => {
    expect(missingRequired(guessed, fields)).toEqual([]);
    expect(missingRequired(withTarget(guessed, 0, null, fields), fields).map((field) => field.label)).toEqual(['姓名']);
  });

  it('tells an edited mapping from the one it started with', () => {
    expect(sameColumns(guessed, [...guessed])).toBe(true);
    expect(sameColumns(guessed, withTarget(guessed, 2, 'phone', fields))).toBe(false);
  });

  it('stands for "ignore" with a select value of its own', () => {
    expect(selectValueOf(null)).toBe(ignoreValue);
    expect(targetOfSelectValue(ignoreValue)).toBeNull();
    expect(targetOfSelectValue(selectValueOf('phone'))).toBe('phone');
  });
});

describe('mapping templates', () => {
  it('saves every column by header, the ignored ones as null', () => {
    expect(templateMappingOf(guessed)).toEqual({ 客户名称: 'name', 手机: 'phone', 备用手机: null, 生日: 'birthday', 备注: 'notes' });
  });

  it('leaves out a column the template ignores', () => {
    const columns = applyTemplate(guessed, { mapping: { 备注: null } }, fields);
    expect(columns[4].target).toBeNull();
    expect(columns.slice(0, 4)).toEqual(guessed.slice(0, 4));
  });

  it('applies a template to the headers it knows and leaves the others as guessed', () => {
    const template = { mapping: { 备用手机: 'phone', 备注: 'email', 其他列: 'name' } };
    const columns = applyTemplate(guessed, template, fields);
    expect(columns.map((column) => column.target)).toEqual(['name', 'phone', 'phone', 'birthday', 'email']);
  });

  it('moves a single-value field to the template’s column', () => {
    const columns = applyTemplate(guessed, { mapping: { 备注: 'birthday' } }, fields);
    expect(columns[4].target).toBe('birthday');
    expect(columns[3].target).toBeNull();
  });

  it('ignores a column whose template field no longer exists (a deleted custom field)', () => {
    const columns = applyTemplate(guessed, { mapping: { 备注: 'customFields.gone' } }, fields);
    expect(columns[4].target).toBeNull();
  });

  it('ranks templates by how many of the file’s headers they know', () => {
    expect(templateFit(headers, { mapping: { 手机: 'phone', 生日: 'birthday', 其他: 'notes' } })).toBe(2);
    expect(templateFit(headers, { mapping: {} })).toBe(0);
  });
});

describe('the validation report file', () => {
  it('is named after the imported file', () => {
    expect(reportFileName('客户资料.csv', '校验报告')).toBe('客户资料-校验报告.xlsx');
  });

  it('has a name even when the imported file had only an extension', () => {
    expect(reportFileName('.csv', 'report')).toBe('.csv-report.xlsx');
    expect(reportFileName('', 'report')).toBe('import-report.xlsx');
  });
});
