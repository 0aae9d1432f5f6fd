import express, { Router, type Request, type RequestHandler } from 'express'
import multer from 'multer'
import { AppError } from '../../http/errors.js'
import { readIdempotencyKey, idempotentReplayHeader } from '../../http/idempotency.js'
import { concurrencyGate, deviceHashOf, deviceRateLimit, publicWriteGate, requireDevice } from '../../http/public-gate.js'
import { defaultRateLimits, type RateLimitOptions } from '../../http/rate-limit.js'
import { FeedbackSubmission, intakeLimits, RegistrationSubmission } from './public-intake.schemas.js'
import type { FormTokenClaims } from '../../lib/channel-tokens.js'
import type { PublicIntakeService } from './public-intake.service.js'

export const formTokenHeader = 'X-Form-Token'

// The form token of an upload is checked before its body is read; the handler picks the claims up here.
const formClaims = new WeakMap<Request, FormTokenClaims>()
const formOf = (req: Request): FormTokenClaims => {
  const claims = formClaims.get(req)
  if (claims === undefined) throw new AppError('FORM_TOKEN_INVALID')
  return claims
}

/** One photo in field `photo`, held in memory (it goes to the database), refused past the size limit while read. */
const photoUpload = (): RequestHandler => {
  const upload = multer({
    storage: multer.memoryStorage(),
    limits: { fileSize: intakeLimits.maxPhotoBytes, files: 1, fields: 5, parts: 6, fieldSize: 1024, headerPairs: 50 },
  }).single('photo')
  return (req, res, next) => {
    upload(req, res, (error: unknown) => {
      if (error === undefined || error === null) return next()
      if (error instanceof multer.MulterError) {
        if (error.code === 'LIMIT_FILE_SIZE') return next(new AppError('PHOTO_TOO_LARGE'))
        if (error.code === 'LIMIT_FILE_COUNT' || error.code === 'LIMIT_UNEXPECTED_FILE') return next(new AppError('TOO_MANY_PHOTOS'))
        return next(new AppError('VALIDATION_FAILED', { fieldProblems: [{ field: 'photo', messageKey: 'validation.invalid' }], cause: error }))
      }
      // A broken multipart body (cut off, malformed boundary) is the client's mistake.
      next(new AppError('BAD_REQUEST', { cause: error }))
    })
  }
}

/**
 * Mounted at /public, in front of the API's own JSON parser so its smaller body limit applies. The per-IP limit is
 * mounted around it (app.ts); here: the device, its own limit on writes, and the gate that keeps public writes few.
 */
export const publicIntakeRouter = (intake: PublicIntakeService, rateLimits: Partial<RateLimitOptions> = {}): Router => {
  const router = Router()
  const json = express.json({ limit: '16kb', type: ['application/json', 'application/*+json'] })
  const perDevice = deviceRateLimit(rateLimits.device ?? defaultRateLimits.device)
  const gate = concurrencyGate(publicWriteGate)
  router.use(requireDevice)

  router.get('/channels/:token', async (req, res) => {
    res.set('Cache-Control', 'no-store').json(await intake.openChannel(req.ctx, req.params.token, deviceHashOf(req)))
  })

  router.post('/photos', perDevice, (req, _res, next) => {
    // Checked before the body is read: a forged or foreign form token never costs an upload.
    formClaims.set(req, intake.checkForm(req.get(formTokenHeader), deviceHashOf(req)))
    next()
  }, photoUpload(), gate, async (req, res) => {
    if (req.file === undefined) throw new AppError('VALIDATION_FAILED', { fieldProblems: [{ field: 'photo', messageKey: 'validation.required' }] })
    res.status(201).json(await intake.uploadPhoto(req.ctx, formOf(req), req.file.buffer))
  })

  router.post('/feedback', perDevice, json, gate, async (req, res) => {
    const form = intake.checkForm(req.get(formTokenHeader), deviceHashOf(req))
    const receipt = await intake.submitFeedback(req.ctx, form, FeedbackSubmission.parse(req.body), readIdempotencyKey(req))
    const { replayed, ...body } = receipt
    if (replayed === true) res.set(idempotentReplayHeader, 'true')
    res.status(201).json(body)
  })

  router.post('/registrations', perDevice, json, gate, async (req, res) => {
    const form = intake.checkForm(req.get(formTokenHeader), deviceHashOf(req))
    const receipt = await intake.register(req.ctx, form, RegistrationSubmission.parse(req.body), readIdempotencyKey(req))
    if (receipt.replayed === true) res.set(idempotentReplayHeader, 'true')
    res.status(201).json({ received: true })
  })

  return router
}
