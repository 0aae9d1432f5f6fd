import { Router } from 'express'
import { requirePermission } from '../../auth/middleware.js'
import {
  FeedbackCustomerInput,
  FeedbackNoteInput,
  FeedbackParams,
  FeedbackPatch,
  FeedbackPhotoParams,
  FeedbackQuery,
  FeedbackStatsQuery,
} from './feedback.schemas.js'
import type { FeedbackService } from './feedback.service.js'

/** Mounted at /feedback (the console's inbox; the public form posts to /public/feedback). */
export const feedbackRouter = (feedback: FeedbackService): Router => {
  const router = Router()
  // Before /:id, which would otherwise take "stats" for an id.
  router.get('/stats', requirePermission('feedback:read'), async (req, res) => {
    res.json(await feedback.stats(req.ctx, FeedbackStatsQuery.parse(req.query)))
  })
  router.get('/', requirePermission('feedback:read'), async (req, res) => {
    res.json(await feedback.list(req.ctx, FeedbackQuery.parse(req.query)))
  })
  router.get('/:id', requirePermission('feedback:read'), async (req, res) => {
    res.json(await feedback.get(req.ctx, FeedbackParams.parse(req.params).id))
  })
  router.patch('/:id', requirePermission('feedback:manage'), async (req, res) => {
    res.json(await feedback.update(req.ctx, FeedbackParams.parse(req.params).id, FeedbackPatch.parse(req.body)))
  })
  router.post('/:id/notes', requirePermission('feedback:manage'), async (req, res) => {
    res.status(201).json(await feedback.addNote(req.ctx, FeedbackParams.parse(req.params).id, FeedbackNoteInput.parse(req.body)))
  })
  router.put('/:id/customer', requirePermission('feedback:manage'), async (req, res) => {
    const { customerId } = FeedbackCustomerInput.parse(req.body)
    res.json(await feedback.linkCustomer(req.ctx, FeedbackParams.parse(req.params).id, customerId))
  })
  router.post('/:id/reveal', requirePermission('customer:reveal_phone'), requirePermission('feedback:read'), async (req, res) => {
    res.json(await feedback.revealPhone(req.ctx, FeedbackParams.parse(req.params).id))
  })
  router.get('/:id/photos/:photoId', requirePermission('feedback:read'), async (req, res) => {
    const { id, photoId } = FeedbackPhotoParams.parse(req.params)
    const photo = await feedback.photo(req.ctx, id, photoId)
    // Private: a shared cache must never hand one person's customer photo to another.
    res.set({ 'Content-Type': photo.contentType, 'Cache-Control': 'private, max-age=3600', 'X-Content-Type-Options': 'nosniff' })
    res.send(Buffer.from(photo.data))
  })
  return router
}
