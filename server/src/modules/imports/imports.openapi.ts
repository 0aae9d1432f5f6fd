import { z } from 'zod'
import type { ZodOpenApiPathsObject } from 'zod-openapi'
import { ErrorResponse, errorResponses, jsonContent } from '../../http/schemas.js'
import {
  FieldsQuery,
  ImportFieldList,
  ImportIssueList,
  ImportJob,
  ImportJobList,
  ImportListQuery,
  ImportRowList,
  ImportTemplate,
  ImportTemplateList,
  importExamples,
  IssuesQuery,
  MappingInput,
  RowsQuery,
  RunInput,
  SheetInput,
  TemplateInput,
  TemplatesQuery,
  UploadBody,
} from './imports.schemas.js'

const idParam = { path: z.object({ id: z.uuid() }) }
const tags = ['imports']
const permission = 'customer:import'

/** Error answers whose status the shared list does not describe. */
const moreErrors = (entries: Record<string, { description: string; example: z.input<typeof ErrorResponse> }>) =>
  Object.fromEntries(Object.entries(entries).map(([status, { description, example }]) => [status, { description, content: jsonContent(ErrorResponse, example) }]))

const stateConflict = moreErrors({
  '409': {
    description: 'Not possible in the import\'s current status (`IMPORT_STATE_CONFLICT`)',
    example: { code: 'IMPORT_STATE_CONFLICT', message: '导入任务当前状态不允许此操作', details: [] },
  },
})

const { job, template, mapping } = importExamples

export const importsPaths: ZodOpenApiPathsObject = {
  '/api/imports': {
    get: {
      operationId: 'listImports',
      tags,
      summary: 'The caller\'s imports (administrators: everyone\'s), newest first',
      'x-permission': permission,
      requestParams: { query: ImportListQuery },
      responses: {
        '200': { description: 'A page of imports', content: jsonContent(ImportJobList, { items: [job], nextCursor: null }) },
        ...errorResponses(401, 403, 422),
      },
    },
    post: {
      operationId: 'uploadImport',
      tags,
      summary: 'Upload a file (CSV, XLSX or JSON; format and encoding detected from the content): the header, the row count, a preview and a suggested mapping',
      'x-permission': permission,
      requestBody: {
        required: true,
        content: {
          'multipart/form-data': {
            schema: UploadBody,
            example: { file: '姓名,手机号,地址\n陈晓明,138-0013-8000,浙江省杭州市西湖区文三路 90 号\n', entity: 'customers' },
          },
        },
      },
      responses: {
        '201': { description: 'Stored; status uploaded', content: jsonContent(ImportJob, { ...job, status: 'uploaded', mapping: null, duplicateStrategy: null, validRows: null, invalidRows: null }) },
        ...errorResponses(400, 401, 403, 422),
        ...moreErrors({
          '413': {
            description: 'Larger than IMPORT_MAX_FILE_MB (`IMPORT_FILE_TOO_LARGE`)',
            example: { code: 'IMPORT_FILE_TOO_LARGE', message: '文件太大，请拆分后再导入', details: [] },
          },
          '415': {
            description: 'Not CSV, XLSX or JSON (`IMPORT_FILE_UNSUPPORTED`)',
            example: { code: 'IMPORT_FILE_UNSUPPORTED', message: '只支持 CSV、Excel（.xlsx）和 JSON 文件', details: [] },
          },
        }),
      },
    },
  },
  '/api/imports/fields': {
    get: {
      operationId: 'listImportFields',
      tags,
      summary: 'The fields a column can be imported into, with their labels in the request\'s language',
      'x-permission': permission,
      requestParams: { query: FieldsQuery },
      responses: {
        '200': {
          description: 'The targets',
          content: jsonContent(ImportFieldList, {
            items: [
              { target: 'name', label: '姓名', required: true, multiple: false, type: 'text', example: '陈晓明' },
              { target: 'phone', label: '手机', required: false, multiple: true, type: 'phone', example: '138-0013-8000' },
            ],
          }),
        },
        ...errorResponses(401, 403, 422),
      },
    },
  },
  '/api/imports/templates': {
    get: {
      operationId: 'listImportTemplates',
      tags,
      summary: 'The caller\'s saved mappings',
      'x-permission': permission,
      requestParams: { query: TemplatesQuery },
      responses: { '200': { description: 'The templates', content: jsonContent(ImportTemplateList, { items: [template] }) }, ...errorResponses(401, 403, 422) },
    },
    post: {
      operationId: 'createImportTemplate',
      tags,
      summary: 'Save a mapping (header text → field) to reuse with files laid out the same way',
      'x-permission': permission,
      requestBody: { required: true, content: jsonContent(TemplateInput, { name: template.name, entity: template.entity, mapping: template.mapping }) },
      responses: {
        '201': { description: 'Saved', content: jsonContent(ImportTemplate, template) },
        ...errorResponses(401, 403, 409, 422),
      },
    },
  },
  '/api/imports/templates/{id}': {
    delete: {
      operationId: 'deleteImportTemplate',
      tags,
      summary: 'Delete one of the caller\'s templates',
      'x-permission': permission,
      requestParams: idParam,
      responses: { '204': { description: 'Deleted' }, ...errorResponses(401, 403, 404) },
    },
  },
  '/api/imports/{id}': {
    get: {
      operationId: 'getImport',
      tags,
      summary: 'One import: status, progress and counts (poll while validating, queued or running)',
      'x-permission': permission,
      requestParams: idParam,
      responses: { '200': { description: 'The import', content: jsonContent(ImportJob, job) }, ...errorResponses(401, 403, 404) },
    },
    delete: {
      operationId: 'cancelImport',
      tags,
      summary: 'Cancel an import that is uploaded or validated (its file is cleared)',
      'x-permission': permission,
      requestParams: idParam,
      responses: { '204': { description: 'Cancelled' }, ...errorResponses(401, 403, 404), ...stateConflict },
    },
  },
  '/api/imports/{id}/sheet': {
    put: {
      operationId: 'chooseImportSheet',
      tags,
      summary: 'Read another sheet of the uploaded workbook (XLSX, status uploaded or validated): its headers, row count and preview replace the current ones, the report is cleared and the mapping is suggested anew',
      'x-permission': permission,
      requestParams: idParam,
      requestBody: { required: true, content: jsonContent(SheetInput, { sheet: '客户' }) },
      responses: {
        '200': { description: 'The import on the chosen sheet, status uploaded', content: jsonContent(ImportJob, { ...job, status: 'uploaded', mapping: null, validRows: null, invalidRows: null }) },
        ...errorResponses(401, 403, 404, 422),
        ...stateConflict,
      },
    },
  },
  '/api/imports/{id}/mapping': {
    put: {
      operationId: 'setImportMapping',
      tags,
      summary: 'Choose the mapping (or a template) and the duplicate strategy; every row is then validated as a job (status validating → validated)',
      'x-permission': permission,
      requestParams: idParam,
      requestBody: { required: true, content: jsonContent(MappingInput, { mapping, duplicateStrategy: 'skip' }) },
      responses: {
        '200': { description: 'The import, now validating', content: jsonContent(ImportJob, { ...job, status: 'validating', validRows: null, invalidRows: null }) },
        ...errorResponses(401, 403, 404, 422),
        ...stateConflict,
      },
    },
  },
  '/api/imports/{id}/issues': {
    get: {
      operationId: 'listImportIssues',
      tags,
      summary: 'The validation report: problems by row and column, with messages in the request\'s language',
      'x-permission': permission,
      requestParams: { ...idParam, query: IssuesQuery },
      responses: {
        '200': {
          description: 'A page of issues',
          content: jsonContent(ImportIssueList, {
            items: [
              { rowNumber: 3, column: '手机号', value: '138-0013-80', code: 'invalid_phone', message: '不是有效的电话号码', severity: 'error' },
              { rowNumber: 4, column: '手机号', value: '１３９００１３９０００', code: 'adjusted', message: '已规范为 +8613900139000', severity: 'warning' },
            ],
            nextCursor: null,
            total: 2,
          }),
        },
        ...errorResponses(401, 403, 404, 422),
      },
    },
  },
  '/api/imports/{id}/report.xlsx': {
    get: {
      operationId: 'downloadImportReport',
      tags,
      summary: 'The validation report as a workbook (行号, 列, 值, 问题), plus the result of every row after a run',
      'x-permission': permission,
      requestParams: idParam,
      responses: {
        '200': {
          description: 'The workbook',
          content: {
            'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet': {
              schema: { type: 'string', contentMediaType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet' },
              example: '(binary XLSX)',
            },
          },
        },
        ...errorResponses(401, 403, 404),
      },
    },
  },
  '/api/imports/{id}/run': {
    post: {
      operationId: 'runImport',
      tags,
      summary: 'Write the valid rows (a job, in batches of 500; rows with errors are counted as failed)',
      'x-permission': permission,
      requestParams: idParam,
      requestBody: { required: false, content: jsonContent(RunInput, { duplicateStrategy: 'skip' }) },
      responses: {
        '202': { description: 'Queued', content: jsonContent(ImportJob, { ...job, status: 'queued' }) },
        ...errorResponses(401, 403, 404, 422),
        ...stateConflict,
      },
    },
  },
  '/api/imports/{id}/rows': {
    get: {
      operationId: 'listImportRows',
      tags,
      summary: 'What happened to each row of the run (created, updated, skipped, failed)',
      'x-permission': permission,
      requestParams: { ...idParam, query: RowsQuery },
      responses: {
        '200': {
          description: 'A page of row results',
          content: jsonContent(ImportRowList, {
            items: [
              { rowNumber: 2, outcome: 'created', customer: { id: '4b1f2e3d-5c6a-4789-9abc-def012345678', name: '陈晓明' }, message: null },
              { rowNumber: 3, outcome: 'failed', customer: null, message: '手机号: 不是有效的电话号码' },
            ],
            nextCursor: null,
            total: 2,
          }),
        },
        ...errorResponses(401, 403, 404, 422),
      },
    },
  },
}
