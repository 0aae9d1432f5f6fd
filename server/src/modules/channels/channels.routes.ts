import { Router, type Request } from 'express'
import { requirePermission } from '../../auth/middleware.js'
import { ChannelInput, ChannelListQuery, ChannelPatch, QrQuery } from './channels.schemas.js'
import type { ChannelsService } from './channels.service.js'

/** Where the console was reached: the links of the codes point there unless PUBLIC_BASE_URL says otherwise. */
const originOf = (req: Request): string => `${req.protocol}://${req.get('host') ?? 'localhost'}`

// Not validated here: an id that is no uuid is simply a channel that does not exist (404).
const idOf = (req: Request): string => String(req.params.id ?? '')

/** Mounted at /channels. */
export const channelsRouter = (channels: ChannelsService): Router => {
  const router = Router()
  router.get('/', requirePermission('feedback:read'), async (req, res) => {
    res.json(await channels.list(req.ctx, ChannelListQuery.parse(req.query), originOf(req)))
  })
  router.post('/', requirePermission('channel:manage'), async (req, res) => {
    res.status(201).json(await channels.create(req.ctx, ChannelInput.parse(req.body), originOf(req)))
  })
  router.get('/:id', requirePermission('feedback:read'), async (req, res) => {
    res.json(await channels.get(req.ctx, idOf(req), originOf(req)))
  })
  router.patch('/:id', requirePermission('channel:manage'), async (req, res) => {
    res.json(await channels.update(req.ctx, idOf(req), ChannelPatch.parse(req.body), originOf(req)))
  })
  router.delete('/:id', requirePermission('channel:manage'), async (req, res) => {
    await channels.remove(req.ctx, idOf(req))
    res.status(204).end()
  })
  router.post('/:id/reissue', requirePermission('channel:manage'), async (req, res) => {
    res.json(await channels.reissue(req.ctx, idOf(req), originOf(req)))
  })
  router.get('/:id/qr', requirePermission('channel:manage'), async (req, res) => {
    const { contentType, image } = await channels.qr(req.ctx, idOf(req), QrQuery.parse(req.query), originOf(req))
    // A reissue changes the code: never serve an old one from a cache.
    res.set({ 'Content-Type': contentType, 'Cache-Control': 'no-store' }).send(image)
  })
  return router
}
