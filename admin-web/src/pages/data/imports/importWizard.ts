import type {
  DuplicateStrategy,
  ImportColumn,
  ImportEntity,
  ImportField,
  ImportJob,
  ImportRowOutcome,
  ImportStatus,
  ImportTemplate,
} from '@/services/dataTransfer';
import { baseNameOf } from '../progress';

// The import wizard follows the job's status on the server, so a reload (or a colleague opening the
// link) lands on the same step; only "back to the mapping" after a validation is a local choice.

export type WizardStep = 'mapping' | 'report' | 'progress' | 'result' | 'cancelled';

export const importEntities: readonly ImportEntity[] = ['customers', 'contacts', 'orders'];

export const rowOutcomes: readonly ImportRowOutcome[] = ['created', 'updated', 'skipped', 'failed'];

/** The steps of antd's Steps bar, in order; the upload is always behind us on the detail page. */
export const wizardSteps = ['upload', 'mapping', 'report', 'progress', 'result'] as const;

export function stepOf(status: ImportStatus, remapping = false): WizardStep {
  switch (status) {
    case 'uploaded':
      return 'mapping';
    case 'validating':
      return 'report';
    case 'validated':
      return remapping ? 'mapping' : 'report';
    case 'queued':
    case 'running':
      return 'progress';
    case 'completed':
    case 'failed':
      return 'result';
    case 'cancelled':
      return 'cancelled';
  }
}

/** The position in the Steps bar; a cancelled import stays where it was left (the mapping or report). */
export function stepIndexOf(step: WizardStep, cancelledAt: 'mapping' | 'report' = 'mapping'): number {
  return wizardSteps.indexOf(step === 'cancelled' ? cancelledAt : step);
}

/** While the server works on the job the page asks again every second. */
export const isWorking = (status: ImportStatus) =>
  status === 'validating' || status === 'queued' || status === 'running';

export const canEditMapping = (status: ImportStatus) => status === 'uploaded' || status === 'validated';

export const canCancel = canEditMapping;

export const importPollMs = 1000;

/** Orders are matched by their number and never written twice: a duplicate order is only skipped. */
export function duplicateStrategiesFor(entity: ImportEntity): DuplicateStrategy[] {
  return entity === 'orders' ? ['skip'] : ['skip', 'update', 'create'];
}

// ---- Mapping ----

/** A Select's value for "ignore this column" (antd options cannot carry null). */
export const ignoreValue = '__ignore__';

export const selectValueOf = (target: string | null) => target ?? ignoreValue;
export const targetOfSelectValue = (value: string) => (value === ignoreValue ? null : value);

/**
 * The columns to show: the saved mapping, else the server's guess; every header of the file gets
 * exactly one entry, in file order (a mapping that misses a column ignores it).
 */
export function initialColumns(job: Pick<ImportJob, 'headers' | 'mapping' | 'suggestedMapping'>): ImportColumn[] {
  const source = job.mapping ?? job.suggestedMapping;
  const byIndex = new Map(source.columns.map((column) => [column.index, column.target] as const));
  return job.headers.map((header, index) => ({ index, header, target: byIndex.get(index) ?? null }));
}

/**
 * One column's target changed. A field that takes one value (name, birthday…) moves from the column
 * that had it; fields that take several (phones, emails, tags) may sit on several columns.
 */
export function withTarget(
  columns: readonly ImportColumn[],
  index: number,
  target: string | null,
  fields: readonly Pick<ImportField, 'target' | 'multiple'>[],
): ImportColumn[] {
  const multiple = target !== null && fields.some((field) => field.target === target && field.multiple);
  return columns.map((column) => {
    if (column.index === index) return { ...column, target };
    if (target !== null && !multiple && column.target === target) return { ...column, target: null };
    return column;
  });
}

/** Required fields no column is mapped to (the server refuses the mapping without them). */
export function missingRequired(
  columns: readonly ImportColumn[],
  fields: readonly Pick<ImportField, 'target' | 'required' | 'label'>[],
): Pick<ImportField, 'target' | 'label'>[] {
  const mapped = new Set(columns.map((column) => column.target));
  return fields.filter((field) => field.required && !mapped.has(field.target));
}

export const sameColumns = (a: readonly ImportColumn[], b: readonly ImportColumn[]) =>
  a.length === b.length && a.every((column, i) => column.index === b[i].index && column.target === b[i].target);

/** The saved template's form: header → target, null for a column left out (a template remembers that too). */
export function templateMappingOf(columns: readonly ImportColumn[]): Record<string, string | null> {
  const mapping: Record<string, string | null> = {};
  for (const column of columns) mapping[column.header] = column.target;
  return mapping;
}

/**
 * A template applied to this file: headers the template knows take its target (or none, when the
 * template's target no longer exists), the others keep what they had. A single-value field the
 * template puts on a column leaves the column that had it.
 */
export function applyTemplate(
  columns: readonly ImportColumn[],
  template: Pick<ImportTemplate, 'mapping'>,
  fields: readonly Pick<ImportField, 'target' | 'multiple'>[],
): ImportColumn[] {
  const known = new Set(fields.map((field) => field.target));
  const mapping: Record<string, string | null | undefined> = template.mapping;
  let result = [...columns];
  for (const column of columns) {
    if (!Object.prototype.hasOwnProperty.call(mapping, column.header)) continue;
    const target = mapping[column.header] ?? null;
    result = withTarget(result, column.index, target !== null && known.has(target) ? target : null, fields);
  }
  return result;
}

/** How many of the file's headers a template knows (templates that fit this file come first). */
export function templateFit(headers: readonly string[], template: Pick<ImportTemplate, 'mapping'>): number {
  return headers.filter((header) => Object.prototype.hasOwnProperty.call(template.mapping, header)).length;
}

// ---- Files ----

/** What the upload accepts; the server decides by the content, this only narrows the file picker. */
export const acceptedImportFiles = '.csv,.txt,.xlsx,.json';

/** The saved validation report: 客户资料-校验报告.xlsx from 客户资料.csv. */
export function reportFileName(fileName: string, suffix: string): string {
  const base = baseNameOf(fileName) || 'import';
  return `${base}-${suffix}.xlsx`;
}
