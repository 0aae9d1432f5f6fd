import { Router, type RequestHandler } from 'express'
import { requireAuth, requirePermission } from '../../auth/middleware.js'
import type { Permission } from '../../auth/permissions.js'
import type { RequestContext } from '../../http/context.js'
import type { z } from 'zod'
import {
  CustomerLevelInput,
  CustomerLevelPatch,
  CustomFieldInput,
  CustomFieldPatch,
  GroupInput,
  GroupPatch,
  RelationshipTypeInput,
  RelationshipTypePatch,
  SettingIdParams,
  TagInput,
  TagPatch,
} from './settings.schemas.js'
import type { SettingsService } from './settings.service.js'

interface Resource<I extends z.ZodType, P extends z.ZodType> {
  path: string
  permission: Permission
  input: I
  patch: P
  list: (ctx: RequestContext) => Promise<unknown>
  create: (ctx: RequestContext, input: z.output<I>) => Promise<unknown>
  update: (ctx: RequestContext, id: string, input: z.output<P>) => Promise<unknown>
  remove: (ctx: RequestContext, id: string) => Promise<void>
}

/** The same five routes for every kind of setting: everyone signed in reads, the permission holders write. */
const mount = <I extends z.ZodType, P extends z.ZodType>(router: Router, resource: Resource<I, P>) => {
  const write: RequestHandler = requirePermission(resource.permission)
  router.get(resource.path, requireAuth, async (req, res) => {
    res.json(await resource.list(req.ctx))
  })
  router.post(resource.path, write, async (req, res) => {
    res.status(201).json(await resource.create(req.ctx, resource.input.parse(req.body)))
  })
  router.patch(`${resource.path}/:id`, write, async (req, res) => {
    res.json(await resource.update(req.ctx, SettingIdParams.parse(req.params).id, resource.patch.parse(req.body)))
  })
  router.delete(`${resource.path}/:id`, write, async (req, res) => {
    await resource.remove(req.ctx, SettingIdParams.parse(req.params).id)
    res.status(204).end()
  })
}

/** Mounted at /api: /tags, /groups, /customer-levels, /relationship-types, /custom-fields. */
export const settingsRouter = (settings: SettingsService): Router => {
  const router = Router()
  mount(router, {
    path: '/tags', permission: 'settings:manage', input: TagInput, patch: TagPatch,
    list: settings.listTags, create: settings.createTag, update: settings.updateTag, remove: settings.removeTag,
  })
  mount(router, {
    path: '/groups', permission: 'settings:manage', input: GroupInput, patch: GroupPatch,
    list: settings.listGroups, create: settings.createGroup, update: settings.updateGroup, remove: settings.removeGroup,
  })
  mount(router, {
    path: '/customer-levels', permission: 'settings:manage', input: CustomerLevelInput, patch: CustomerLevelPatch,
    list: settings.listLevels, create: settings.createLevel, update: settings.updateLevel, remove: settings.removeLevel,
  })
  mount(router, {
    path: '/relationship-types', permission: 'settings:manage', input: RelationshipTypeInput, patch: RelationshipTypePatch,
    list: settings.listRelationshipTypes, create: settings.createRelationshipType,
    update: settings.updateRelationshipType, remove: settings.removeRelationshipType,
  })
  mount(router, {
    path: '/custom-fields', permission: 'custom_field:manage', input: CustomFieldInput, patch: CustomFieldPatch,
    list: settings.listCustomFields, create: settings.createCustomField,
    update: settings.updateCustomField, remove: settings.removeCustomField,
  })
  return router
}
