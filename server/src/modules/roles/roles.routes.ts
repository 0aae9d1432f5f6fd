import { Router, type RequestHandler } from 'express'
import { requireAuth, requirePermission } from '../../auth/middleware.js'
import { can } from '../../http/context.js'
import { AppError } from '../../http/errors.js'
import { RoleIdParams, RoleInput, RolePatch } from './roles.schemas.js'
import type { RolesService } from './roles.service.js'

// User and API-key administrators read roles to pick one for a user or a key, without being able to change them.
const canReadRoles: RequestHandler = (req, _res, next) => {
  const { user } = req.ctx
  if (user === null) throw new AppError('UNAUTHENTICATED')
  if (user.passwordChangeRequired) throw new AppError('PASSWORD_CHANGE_REQUIRED')
  if (!can(user, 'role:manage') && !can(user, 'user:manage') && !can(user, 'api_key:manage')) throw new AppError('FORBIDDEN')
  next()
}

/** Mounted at /roles. */
export const rolesRouter = (roles: RolesService): Router => {
  const router = Router()
  const manage = requirePermission('role:manage')
  router.get('/', canReadRoles, async (req, res) => {
    res.json(await roles.list(req.ctx))
  })
  router.post('/', manage, async (req, res) => {
    res.status(201).json(await roles.create(req.ctx, RoleInput.parse(req.body)))
  })
  router.get('/:id', canReadRoles, async (req, res) => {
    res.json(await roles.get(req.ctx, RoleIdParams.parse(req.params).id))
  })
  router.patch('/:id', manage, async (req, res) => {
    res.json(await roles.update(req.ctx, RoleIdParams.parse(req.params).id, RolePatch.parse(req.body)))
  })
  router.delete('/:id', manage, async (req, res) => {
    await roles.remove(req.ctx, RoleIdParams.parse(req.params).id)
    res.status(204).end()
  })
  return router
}

/** Mounted at /permissions: the catalogue with labels in the caller's language (everyone signed in). */
export const permissionsRouter = (roles: RolesService): Router => {
  const router = Router()
  router.get('/', requireAuth, (req, res) => {
    res.json(roles.catalogue(req.ctx))
  })
  return router
}
