import { Router } from 'express'
import { requirePermission } from '../../auth/middleware.js'
import { ContactInput, ContactParams, ContactPatch } from './contacts.schemas.js'
import type { ContactsService } from './contacts.service.js'

const CustomerParams = ContactParams.pick({ id: true })

/** Mounted at /customers/:id/contacts; contacts are part of the customer's record, so writing them is an update of it. */
export const contactsRouter = (contacts: ContactsService): Router => {
  const router = Router({ mergeParams: true })
  router.get('/', requirePermission('customer:read'), async (req, res) => {
    res.json(await contacts.list(req.ctx, CustomerParams.parse(req.params).id))
  })
  router.post('/', requirePermission('customer:update'), async (req, res) => {
    res.status(201).json(await contacts.create(req.ctx, CustomerParams.parse(req.params).id, ContactInput.parse(req.body)))
  })
  router.patch('/:contactId', requirePermission('customer:update'), async (req, res) => {
    const { id, contactId } = ContactParams.parse(req.params)
    res.json(await contacts.update(req.ctx, id, contactId, ContactPatch.parse(req.body)))
  })
  router.delete('/:contactId', requirePermission('customer:update'), async (req, res) => {
    const { id, contactId } = ContactParams.parse(req.params)
    await contacts.remove(req.ctx, id, contactId)
    res.status(204).end()
  })
  return router
}
