import { z } from 'zod'
import type { ZodOpenApiPathsObject } from 'zod-openapi'
import { ErrorResponse, errorResponses, jsonContent } from '../../http/schemas.js'
import { ExportDownloadQuery, ExportInput, ExportJob, ExportJobList, ExportListQuery, type ExportJobDto } from './exports.schemas.js'

const idParam = { path: z.object({ id: z.uuid() }) }

const queuedExample: ExportJobDto = {
  id: '7d1f0c52-3a8e-4f55-9b7e-2c4d1e6f8a90',
  entity: 'customers',
  format: 'csv',
  status: 'queued',
  total: 1280,
  progress: { processed: 0, total: 1280, percent: 0 },
  fileName: '客户导出-20250131-1630.csv',
  fileSize: null,
  fullContacts: true,
  downloadUrl: null,
  expiresAt: null,
  createdAt: '2025-01-31T08:30:00.000Z',
  finishedAt: null,
  errorCode: null,
  errorMessage: null,
}

const completedExample: ExportJobDto = {
  ...queuedExample,
  status: 'completed',
  progress: { processed: 1280, total: 1280, percent: 100 },
  fileSize: 241_664,
  downloadUrl: '/api/exports/7d1f0c52-3a8e-4f55-9b7e-2c4d1e6f8a90/download?token=3f9a1c2b7d4e.q8Xx0b2mT1uYzR6cVn4KfH-Wj3sLp9aE',
  expiresAt: '2025-02-01T08:30:02.000Z',
  finishedAt: '2025-01-31T08:30:02.000Z',
}

/** Answers of the download beyond the shared ones, each with its own code. */
const downloadErrors = {
  '404': {
    description: 'No such export, or the token is not valid for it (`EXPORT_NOT_FOUND`)',
    content: jsonContent(ErrorResponse, { code: 'EXPORT_NOT_FOUND', message: '导出任务不存在', details: [] }),
  },
  '409': {
    description: 'The export has not completed (`EXPORT_NOT_READY`)',
    content: jsonContent(ErrorResponse, { code: 'EXPORT_NOT_READY', message: '导出文件尚未生成', details: [] }),
  },
  '410': {
    description: 'The link has expired and the file is gone (`EXPORT_EXPIRED`)',
    content: jsonContent(ErrorResponse, { code: 'EXPORT_EXPIRED', message: '下载链接已过期，请重新导出', details: [] }),
  },
}

export const exportsPaths: ZodOpenApiPathsObject = {
  '/api/exports': {
    get: {
      operationId: 'listExports',
      tags: ['exports'],
      summary: "The caller's own exports, newest first (with download links until they expire)",
      'x-permission': 'customer:export',
      requestParams: { query: ExportListQuery },
      responses: {
        '200': {
          description: 'The exports',
          content: jsonContent(ExportJobList, { items: [completedExample], nextCursor: null }),
        },
        ...errorResponses(401, 403, 422),
      },
    },
    post: {
      operationId: 'createExport',
      tags: ['exports'],
      summary:
        "Export the caller's customers matching a filter (or their contacts or orders) to CSV, Excel or JSON: always a job, " +
        'polled with GET /api/exports/{id}; phones and emails in full only with customer:reveal_phone',
      'x-permission': 'customer:export',
      requestBody: {
        required: true,
        content: jsonContent(ExportInput, {
          entity: 'customers',
          format: 'csv',
          filter: { lifecycleStatuses: ['active'], createdFrom: '2025-01-01', tagIds: ['5b0e7c1a-9d2f-4e6b-8a3c-1f2d3e4a5b6c'] },
          sort: { field: 'createdAt', order: 'desc' },
        }),
      },
      responses: {
        '202': { description: 'Queued', content: jsonContent(ExportJob, queuedExample) },
        ...errorResponses(401, 403, 422),
      },
    },
  },
  '/api/exports/{id}': {
    get: {
      operationId: 'getExport',
      tags: ['exports'],
      summary: 'One of the caller\'s exports: status, progress (processed / total) and, once completed, the download link',
      'x-permission': 'customer:export',
      requestParams: idParam,
      responses: {
        '200': { description: 'The export', content: jsonContent(ExportJob, completedExample) },
        ...errorResponses(401, 403, 404),
      },
    },
  },
  '/api/exports/{id}/download': {
    get: {
      operationId: 'downloadExport',
      tags: ['exports'],
      summary:
        'The exported file (Content-Disposition: attachment). Needs no bearer header: the signed token of downloadUrl is the ' +
        'permission, valid until expiresAt',
      'x-permission': 'public',
      security: [],
      requestParams: { ...idParam, query: ExportDownloadQuery },
      responses: {
        '200': {
          description: 'The file',
          content: {
            'text/csv': {
              schema: { type: 'string' },
              example: '\uFEFF客户编号,姓名,手机\r\n7d1f0c52-3a8e-4f55-9b7e-2c4d1e6f8a90,张伟,138****8000\r\n',
            },
            'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet': {
              schema: { type: 'string', contentMediaType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet' },
            },
            'application/json': {
              schema: { type: 'array', items: { type: 'object', additionalProperties: true } },
              example: [{ id: '7d1f0c52-3a8e-4f55-9b7e-2c4d1e6f8a90', name: '张伟', phone: ['138****8000'] }],
            },
          },
        },
        ...errorResponses(422),
        ...downloadErrors,
      },
    },
  },
}
