import {
  keepPreviousData,
  useInfiniteQuery,
  useMutation,
  useQuery,
  useQueryClient,
  type QueryClient,
} from '@tanstack/react-query';
import { api, requestData, requestNoContent } from '@/api/client';
import type { QueryOf, RequestOf, ResponseOf } from '@/api/types';

// Imports and exports (docs/contract.md, "Data in and out"): every shape below comes from the
// generated OpenAPI types, reached through the contract's paths.

export type ImportJob = ResponseOf<'/api/imports/{id}', 'get'>;
export type ImportStatus = ImportJob['status'];
export type ImportEntity = ImportJob['entity'];
export type ImportMapping = NonNullable<ImportJob['mapping']>;
export type ImportColumn = ImportMapping['columns'][number];
export type DuplicateStrategy = NonNullable<ImportJob['duplicateStrategy']>;
export type ImportMappingRequest = RequestOf<'/api/imports/{id}/mapping', 'put'>;
export type ImportField = ResponseOf<'/api/imports/fields', 'get'>['items'][number];
export type ImportIssuePage = ResponseOf<'/api/imports/{id}/issues', 'get'>;
export type ImportIssue = ImportIssuePage['items'][number];
export type ImportIssueSeverity = ImportIssue['severity'];
export type ImportRowPage = ResponseOf<'/api/imports/{id}/rows', 'get'>;
export type ImportRowResult = ImportRowPage['items'][number];
export type ImportRowOutcome = ImportRowResult['outcome'];
export type ImportTemplate = ResponseOf<'/api/imports/templates', 'get'>['items'][number];
export type ImportTemplateInput = RequestOf<'/api/imports/templates', 'post'>;

export type ExportJob = ResponseOf<'/api/exports/{id}', 'get'>;
export type ExportStatus = ExportJob['status'];
export type ExportFormat = ExportJob['format'];
export type ExportRequest = RequestOf<'/api/exports', 'post'>;

type ImportListQuery = QueryOf<'/api/imports', 'get'>;

// ---- Cache keys (the factory style of queryKeys.ts) ----

export const importKeys = {
  all: ['imports'] as const,
  lists: () => [...importKeys.all, 'list'] as const,
  details: () => [...importKeys.all, 'detail'] as const,
  // The issues and row results of one import sit under its detail key, so one invalidation refreshes all.
  detail: (id: string) => [...importKeys.details(), id] as const,
  /** Issues as of a status: a new validation (after a remapping) gives other issues. */
  issues: (id: string, status: ImportStatus, severity?: ImportIssueSeverity) =>
    [...importKeys.detail(id), 'issues', status, severity ?? 'all'] as const,
  rows: (id: string, status: ImportStatus, outcome: ImportRowOutcome) =>
    [...importKeys.detail(id), 'rows', status, outcome] as const,
  fields: (entity: ImportEntity) => [...importKeys.all, 'fields', entity] as const,
  templates: (entity: ImportEntity) => [...importKeys.all, 'templates', entity] as const,
};

export const exportKeys = {
  all: ['exports'] as const,
  list: () => [...exportKeys.all, 'list'] as const,
  detail: (id: string) => [...exportKeys.all, 'detail', id] as const,
};

const pageSize = 50;

// ---- Imports ----

/** The caller's imports (an administrator's: everyone's), newest first, page by page. */
export function useImports(refetchInterval: (jobs: ImportJob[]) => number | false) {
  return useInfiniteQuery({
    queryKey: importKeys.lists(),
    queryFn: ({ pageParam, signal }) => {
      const query: ImportListQuery = pageParam ? { cursor: pageParam, limit: pageSize } : { limit: pageSize };
      return requestData(api.GET('/api/imports', { params: { query }, signal }));
    },
    initialPageParam: null as string | null,
    getNextPageParam: (lastPage) => lastPage.nextCursor ?? undefined,
    refetchInterval: (query) => refetchInterval(query.state.data?.pages.flatMap((page) => page.items) ?? []),
  });
}

export function useImport(id: string, refetchInterval: (job: ImportJob | undefined) => number | false) {
  return useQuery({
    queryKey: importKeys.detail(id),
    queryFn: ({ signal }) => requestData(api.GET('/api/imports/{id}', { params: { path: { id } }, signal })),
    refetchInterval: (query) => refetchInterval(query.state.data),
  });
}

/** The fields a column can be mapped to, in the reader's language. */
export function useImportFields(entity: ImportEntity | undefined) {
  return useQuery({
    queryKey: importKeys.fields(entity ?? 'customers'),
    queryFn: ({ signal }) =>
      requestData(api.GET('/api/imports/fields', { params: { query: { entity: entity ?? 'customers' } }, signal })).then(
        (data) => data.items,
      ),
    enabled: entity !== undefined,
    staleTime: 5 * 60_000,
  });
}

export function useImportIssues(job: ImportJob | undefined, severity?: ImportIssueSeverity) {
  const id = job?.id ?? '';
  const status = job?.status ?? 'uploaded';
  return useInfiniteQuery({
    queryKey: importKeys.issues(id, status, severity),
    queryFn: ({ pageParam, signal }) =>
      requestData(
        api.GET('/api/imports/{id}/issues', {
          params: {
            path: { id },
            query: { limit: pageSize, ...(pageParam ? { cursor: pageParam } : {}), ...(severity ? { severity } : {}) },
          },
          signal,
        }),
      ),
    initialPageParam: null as string | null,
    getNextPageParam: (lastPage) => lastPage.nextCursor ?? undefined,
    enabled: job !== undefined && status !== 'uploaded' && status !== 'validating',
    placeholderData: keepPreviousData,
  });
}

export function useImportRows(job: ImportJob | undefined, outcome: ImportRowOutcome) {
  const id = job?.id ?? '';
  const status = job?.status ?? 'uploaded';
  return useInfiniteQuery({
    queryKey: importKeys.rows(id, status, outcome),
    queryFn: ({ pageParam, signal }) =>
      requestData(
        api.GET('/api/imports/{id}/rows', {
          params: { path: { id }, query: { outcome, limit: pageSize, ...(pageParam ? { cursor: pageParam } : {}) } },
          signal,
        }),
      ),
    initialPageParam: null as string | null,
    getNextPageParam: (lastPage) => lastPage.nextCursor ?? undefined,
    enabled: status === 'completed' || status === 'failed',
  });
}

/** A job the server answered with: shown at once, and the lists refreshed. */
function storeImport(queryClient: QueryClient, job: ImportJob) {
  queryClient.setQueryData(importKeys.detail(job.id), job);
  return queryClient.invalidateQueries({ queryKey: importKeys.lists() });
}

/** Uploads a file (multipart) → the new import, status `uploaded`. */
export function useUploadImport() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ file, entity }: { file: File; entity: ImportEntity }) => {
      const form = new FormData();
      form.append('entity', entity);
      form.append('file', file, file.name);
      return requestData(
        api.POST('/api/imports', {
          // The typed body names the fields; the request carries them as multipart (the browser sets the boundary).
          body: { entity, file: file.name },
          bodySerializer: () => form,
        }),
      );
    },
    onSuccess: (job) => storeImport(queryClient, job),
  });
}

/** Reads another sheet of the uploaded workbook: new headers and preview, and the mapping starts again. */
export function useChooseImportSheet() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ id, sheet }: { id: string; sheet: string }) =>
      requestData(api.PUT('/api/imports/{id}/sheet', { params: { path: { id } }, body: { sheet } })),
    onSuccess: (job) => storeImport(queryClient, job),
  });
}

/** Saves the mapping (or applies a template); the server then validates every row. */
export function useSaveImportMapping() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ id, request }: { id: string; request: ImportMappingRequest }) =>
      requestData(api.PUT('/api/imports/{id}/mapping', { params: { path: { id } }, body: request })),
    onSuccess: (job) => storeImport(queryClient, job),
  });
}

export function useRunImport() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ id, duplicateStrategy }: { id: string; duplicateStrategy: DuplicateStrategy }) =>
      requestData(api.POST('/api/imports/{id}/run', { params: { path: { id } }, body: { duplicateStrategy } })),
    onSuccess: (job) => storeImport(queryClient, job),
  });
}

export function useCancelImport() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (id: string) => requestNoContent(api.DELETE('/api/imports/{id}', { params: { path: { id } } })),
    onSuccess: (_, id) =>
      Promise.all([
        queryClient.invalidateQueries({ queryKey: importKeys.detail(id) }),
        queryClient.invalidateQueries({ queryKey: importKeys.lists() }),
      ]),
  });
}

/** The validation report (and, after a run, the result per row) as XLSX; needs the bearer token. */
export function fetchImportReport(id: string) {
  return requestData(
    api.GET('/api/imports/{id}/report.xlsx', { params: { path: { id } }, parseAs: 'blob' }),
  ) as Promise<Blob>;
}

export function useImportTemplates(entity: ImportEntity | undefined) {
  return useQuery({
    queryKey: importKeys.templates(entity ?? 'customers'),
    queryFn: ({ signal }) =>
      requestData(
        api.GET('/api/imports/templates', { params: { query: { entity: entity ?? 'customers' } }, signal }),
      ).then((data) => data.items),
    enabled: entity !== undefined,
  });
}

export function useSaveImportTemplate() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (input: ImportTemplateInput) => requestData(api.POST('/api/imports/templates', { body: input })),
    onSuccess: (template) => queryClient.invalidateQueries({ queryKey: importKeys.templates(template.entity) }),
  });
}

export function useDeleteImportTemplate() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (template: Pick<ImportTemplate, 'id' | 'entity'>) =>
      requestNoContent(api.DELETE('/api/imports/templates/{id}', { params: { path: { id: template.id } } })),
    onSuccess: (_, template) => queryClient.invalidateQueries({ queryKey: importKeys.templates(template.entity) }),
  });
}

// ---- Exports ----

/** The caller's exports, newest first, page by page; asked again while one of them is being written. */
export function useExports(refetchInterval: (jobs: ExportJob[]) => number | false) {
  return useInfiniteQuery({
    queryKey: exportKeys.list(),
    queryFn: ({ pageParam, signal }) =>
      requestData(
        api.GET('/api/exports', {
          params: { query: pageParam ? { cursor: pageParam, limit: pageSize } : { limit: pageSize } },
          signal,
        }),
      ),
    initialPageParam: null as string | null,
    getNextPageParam: (lastPage) => lastPage.nextCursor ?? undefined,
    refetchInterval: (query) => refetchInterval(query.state.data?.pages.flatMap((page) => page.items) ?? []),
  });
}

export function useExport(id: string | undefined, refetchInterval: (job: ExportJob | undefined) => number | false) {
  return useQuery({
    queryKey: exportKeys.detail(id ?? ''),
    queryFn: ({ signal }) =>
      requestData(api.GET('/api/exports/{id}', { params: { path: { id: id ?? '' } }, signal })),
    enabled: id !== undefined,
    refetchInterval: (query) => refetchInterval(query.state.data),
  });
}

export function useCreateExport() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (request: ExportRequest) => requestData(api.POST('/api/exports', { body: request })),
    onSuccess: (job) => {
      queryClient.setQueryData(exportKeys.detail(job.id), job);
      return queryClient.invalidateQueries({ queryKey: exportKeys.list() });
    },
  });
}
