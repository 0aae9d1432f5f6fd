import { Router, type Request, type RequestHandler } from 'express'
import multer from 'multer'
import { requirePermission } from '../../auth/middleware.js'
import { AppError } from '../../http/errors.js'
import {
  FieldsQuery,
  ImportListQuery,
  IssuesQuery,
  MappingInput,
  RowsQuery,
  RunInput,
  SheetInput,
  TemplateInput,
  TemplatesQuery,
  UploadFields,
} from './imports.schemas.js'
import type { ImportsService } from './imports.service.js'

// Not validated here: an id that is no uuid is simply an import that does not exist (404).
const idOf = (req: Request): string => String(req.params.id ?? '')

/** The file in field `file`, held in memory (it is stored in the database), refused past the size limit while read. */
const fileUpload = (maxBytes: number): RequestHandler => {
  const upload = multer({
    storage: multer.memoryStorage(),
    // File names are UTF-8 in every current browser (客户名单.xlsx).
    defParamCharset: 'utf8',
    limits: { fileSize: maxBytes, files: 1, fields: 5, parts: 6, fieldSize: 1024, headerPairs: 50 },
  }).single('file')
  return (req, res, next) => {
    upload(req, res, (error: unknown) => {
      if (error === undefined || error === null) return next()
      if (error instanceof multer.MulterError) {
        if (error.code === 'LIMIT_FILE_SIZE') return next(new AppError('IMPORT_FILE_TOO_LARGE', { cause: error }))
        const field = error.field ?? 'file'
        return next(new AppError('VALIDATION_FAILED', { fieldProblems: [{ field, messageKey: 'validation.invalid' }], cause: error }))
      }
      // A broken multipart body (cut off, malformed boundary) is the client's mistake.
      next(new AppError('BAD_REQUEST', { cause: error }))
    })
  }
}

/** Mounted at /imports. */
export const importsRouter = (imports: ImportsService): Router => {
  const router = Router()
  const allowed = requirePermission('customer:import')

  router.get('/fields', allowed, async (req, res) => {
    res.json(await imports.fields(req.ctx, FieldsQuery.parse(req.query).entity))
  })
  router.get('/templates', allowed, async (req, res) => {
    res.json(await imports.templates(req.ctx, TemplatesQuery.parse(req.query).entity))
  })
  router.post('/templates', allowed, async (req, res) => {
    res.status(201).json(await imports.createTemplate(req.ctx, TemplateInput.parse(req.body)))
  })
  router.delete('/templates/:id', allowed, async (req, res) => {
    await imports.deleteTemplate(req.ctx, idOf(req))
    res.status(204).end()
  })

  router.get('/', allowed, async (req, res) => {
    res.json(await imports.list(req.ctx, ImportListQuery.parse(req.query)))
  })
  router.post('/', allowed, fileUpload(imports.maxFileBytes), async (req, res) => {
    const fields = UploadFields.parse(req.body ?? {})
    const file = req.file === undefined ? undefined : { buffer: req.file.buffer, originalName: req.file.originalname }
    res.status(201).json(await imports.upload(req.ctx, file, fields))
  })
  router.get('/:id', allowed, async (req, res) => {
    res.json(await imports.get(req.ctx, idOf(req)))
  })
  router.delete('/:id', allowed, async (req, res) => {
    await imports.cancel(req.ctx, idOf(req))
    res.status(204).end()
  })
  router.put('/:id/sheet', allowed, async (req, res) => {
    res.json(await imports.chooseSheet(req.ctx, idOf(req), SheetInput.parse(req.body)))
  })
  router.put('/:id/mapping', allowed, async (req, res) => {
    res.json(await imports.setMapping(req.ctx, idOf(req), MappingInput.parse(req.body)))
  })
  router.get('/:id/issues', allowed, async (req, res) => {
    res.json(await imports.issues(req.ctx, idOf(req), IssuesQuery.parse(req.query)))
  })
  router.get('/:id/report.xlsx', allowed, async (req, res) => {
    const report = await imports.report(req.ctx, idOf(req))
    res
      .set({
        'Content-Type': 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
        'Content-Disposition': `attachment; filename="report.xlsx"; filename*=UTF-8''${encodeURIComponent(report.fileName)}`,
        'Cache-Control': 'no-store',
      })
      .send(report.body)
  })
  router.post('/:id/run', allowed, async (req, res) => {
    res.status(202).json(await imports.run(req.ctx, idOf(req), RunInput.parse(req.body ?? {})))
  })
  router.get('/:id/rows', allowed, async (req, res) => {
    res.json(await imports.rows(req.ctx, idOf(req), RowsQuery.parse(req.query)))
  })
  return router
}
