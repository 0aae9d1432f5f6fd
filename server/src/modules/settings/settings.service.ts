import type { CustomerAccess } from '../../access/customers.js'
import { diffSnapshots, recordAudit, type AuditResource } from '../../audit/audit.js'
import type { Db } from '../../db/prisma.js'
import { Prisma } from '../../generated/prisma/client.js'
import { authenticated, type AuthenticatedContext, type RequestContext } from '../../http/context.js'
import { AppError, type ErrorCode, type FieldProblem } from '../../http/errors.js'
import {
  selectTypes,
  uniqueCapableTypes,
  type CustomerLevelDto,
  type CustomerLevelInputData,
  type CustomerLevelPatchData,
  type CustomFieldDefinitionDto,
  type CustomFieldInputData,
  type CustomFieldPatchData,
  type GroupInputData,
  type GroupItemDto,
  type GroupPatchData,
  type RelationshipTypeDto,
  type RelationshipTypeInputData,
  type RelationshipTypePatchData,
  type TagInputData,
  type TagItemDto,
  type TagPatchData,
} from './settings.schemas.js'

type Tx = Prisma.TransactionClient

const uuidShape = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i

const invalid = (fieldProblems: FieldProblem[]) => new AppError('VALIDATION_FAILED', { fieldProblems })
const nameTaken = (field = 'name') =>
  new AppError('NAME_TAKEN', { fieldProblems: [{ field, messageKey: 'validation.name_taken' }] })

/** A uuid-shaped id, or the given not-found code: a malformed id names nothing. */
const idOr = (id: string, code: ErrorCode): string => {
  if (!uuidShape.test(id)) throw new AppError(code)
  return id
}

/**
 * Records on every live customer that had it that a tag or group was removed with its definition, so their
 * timelines explain why it disappeared. One INSERT … SELECT, whatever the number of customers.
 */
const recordRemoval = async (tx: Tx, actorId: string, field: 'tags' | 'groups', name: string, customerIds: Prisma.Sql) => {
  const payload = JSON.stringify({ action: `${field === 'tags' ? 'tag' : 'group'}_deleted`, changes: [{ field, from: [name], to: [] }] })
  await tx.$executeRaw`
    INSERT INTO customer_events (id, customer_id, kind, actor_id, occurred_at, payload)
    SELECT gen_random_uuid(), c.id, 'change', ${actorId}::uuid, now(), ${payload}::jsonb
    FROM customers c WHERE c.deleted_at IS NULL AND c.id IN (${customerIds})`
}

export interface SettingsService {
  listTags(ctx: RequestContext): Promise<{ items: TagItemDto[] }>
  createTag(ctx: RequestContext, input: TagInputData): Promise<TagItemDto>
  updateTag(ctx: RequestContext, id: string, input: TagPatchData): Promise<TagItemDto>
  removeTag(ctx: RequestContext, id: string): Promise<void>

  listGroups(ctx: RequestContext): Promise<{ items: GroupItemDto[] }>
  createGroup(ctx: RequestContext, input: GroupInputData): Promise<GroupItemDto>
  updateGroup(ctx: RequestContext, id: string, input: GroupPatchData): Promise<GroupItemDto>
  removeGroup(ctx: RequestContext, id: string): Promise<void>

  listLevels(ctx: RequestContext): Promise<{ items: CustomerLevelDto[] }>
  createLevel(ctx: RequestContext, input: CustomerLevelInputData): Promise<CustomerLevelDto>
  updateLevel(ctx: RequestContext, id: string, input: CustomerLevelPatchData): Promise<CustomerLevelDto>
  removeLevel(ctx: RequestContext, id: string): Promise<void>

  listRelationshipTypes(ctx: RequestContext): Promise<{ items: RelationshipTypeDto[] }>
  createRelationshipType(ctx: RequestContext, input: RelationshipTypeInputData): Promise<RelationshipTypeDto>
  updateRelationshipType(ctx: RequestContext, id: string, input: RelationshipTypePatchData): Promise<RelationshipTypeDto>
  removeRelationshipType(ctx: RequestContext, id: string): Promise<void>

  listCustomFields(ctx: RequestContext): Promise<{ items: CustomFieldDefinitionDto[] }>
  createCustomField(ctx: RequestContext, input: CustomFieldInputData): Promise<CustomFieldDefinitionDto>
  updateCustomField(ctx: RequestContext, id: string, input: CustomFieldPatchData): Promise<CustomFieldDefinitionDto>
  removeCustomField(ctx: RequestContext, id: string): Promise<void>
}

type Snapshot = Record<string, unknown>

/**
 * One audit entry per settings write, with the fields that changed (an update that changed nothing leaves none).
 * Settings are shared by every customer, so the entries name no customer.
 */
const audit = async (
  tx: Tx,
  ctx: AuthenticatedContext,
  resource: AuditResource,
  action: 'create' | 'update' | 'delete',
  record: { id: string; label: string },
  before: Snapshot | null,
  after: Snapshot | null,
) => {
  const changes = diffSnapshots(before, after)
  if (action === 'update' && Object.keys(changes).length === 0) return
  await recordAudit(tx, ctx, { action, resource, resourceId: record.id, label: record.label, changes })
}

const tagView = (row: { name: string; color: string }): Snapshot => ({ name: row.name, color: row.color })
const groupView = (row: { name: string; parentId: string | null; sortOrder: number }): Snapshot => ({
  name: row.name, parentId: row.parentId, sortOrder: row.sortOrder,
})
const levelView = (row: { name: string; color: string; sortOrder: number; isDefault: boolean }): Snapshot => ({
  name: row.name, color: row.color, sortOrder: row.sortOrder, isDefault: row.isDefault,
})
const relationshipTypeView = (row: { name: string; sortOrder: number }): Snapshot => ({ name: row.name, sortOrder: row.sortOrder })
const customFieldView = (row: {
  key: string; label: string; type: string; options: string[]; required: boolean; unique: boolean; sortOrder: number
}): Snapshot => ({
  key: row.key, label: row.label, type: row.type, options: row.options, required: row.required, unique: row.unique, sortOrder: row.sortOrder,
})

export const createSettingsService = ({ db, access }: { db: Db; access: Pick<CustomerAccess, 'linkCounts'> }): SettingsService => {
  // ---- tags ----
  // Counts are of the caller's customers only (their data scope), like every other number they see.
  const toTag = (row: Prisma.TagGetPayload<object>, counts: ReadonlyMap<string, number>): TagItemDto => ({
    id: row.id,
    name: row.name,
    color: row.color,
    customerCount: counts.get(row.id) ?? 0,
  })
  const findTag = async (tx: Tx, id: string) => {
    const row = await tx.tag.findUnique({ where: { id: idOr(id, 'TAG_NOT_FOUND') } })
    if (row === null) throw new AppError('TAG_NOT_FOUND')
    return row
  }
  const checkTagName = async (tx: Tx, name: string | undefined, exceptId?: string) => {
    if (name === undefined) return
    const other = await tx.tag.findUnique({ where: { name } })
    if (other !== null && other.id !== exceptId) throw nameTaken()
  }

  // ---- groups ----
  const toGroup = (row: Prisma.GroupGetPayload<object>, counts: ReadonlyMap<string, number>): GroupItemDto => ({
    id: row.id,
    name: row.name,
    parentId: row.parentId,
    sortOrder: row.sortOrder,
    customerCount: counts.get(row.id) ?? 0,
  })
  const findGroup = async (tx: Tx, id: string) => {
    const row = await tx.group.findUnique({ where: { id: idOr(id, 'GROUP_NOT_FOUND') } })
    if (row === null) throw new AppError('GROUP_NOT_FOUND')
    return row
  }
  // The database's unique (parent, name) treats NULL parents as distinct, so siblings are checked here.
  const checkGroupName = async (tx: Tx, name: string, parentId: string | null, exceptId?: string) => {
    const other = await tx.group.findFirst({ where: { name, parentId, ...(exceptId ? { id: { not: exceptId } } : {}) } })
    if (other !== null) throw nameTaken()
  }
  const checkParent = async (tx: Tx, parentId: string | null, selfId?: string) => {
    if (parentId === null) return
    if ((await tx.group.count({ where: { id: parentId } })) === 0) {
      throw invalid([{ field: 'parentId', messageKey: 'validation.parent_group_not_found' }])
    }
    if (selfId === undefined) return
    // Walk up from the new parent; meeting the group itself means it would sit under its own sub-tree.
    const loop = await tx.$queryRaw<{ found: number }[]>`
      WITH RECURSIVE chain(id, parent_id, depth) AS (
        SELECT id, parent_id, 1 FROM groups WHERE id = ${parentId}::uuid
        UNION ALL
        SELECT g.id, g.parent_id, chain.depth + 1 FROM groups g JOIN chain ON g.id = chain.parent_id WHERE chain.depth < 10000
      )
      SELECT 1 AS found FROM chain WHERE id = ${selfId}::uuid LIMIT 1`
    if (loop.length > 0) throw invalid([{ field: 'parentId', messageKey: 'validation.parent_group_cycle' }])
  }
  // Tree edits take turns, so two moves cannot each close half of a loop.
  const lockGroupTree = (tx: Tx) => tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtext('kezhi.groups'))`

  // ---- levels ----
  const toLevel = (row: Prisma.CustomerLevelGetPayload<object>): CustomerLevelDto => ({
    id: row.id,
    name: row.name,
    color: row.color,
    sortOrder: row.sortOrder,
    isDefault: row.isDefault,
  })
  const findLevel = async (tx: Tx, id: string) => {
    const row = await tx.customerLevel.findUnique({ where: { id: idOr(id, 'LEVEL_NOT_FOUND') } })
    if (row === null) throw new AppError('LEVEL_NOT_FOUND')
    return row
  }
  const checkLevelName = async (tx: Tx, name: string | undefined, exceptId?: string) => {
    if (name === undefined) return
    const other = await tx.customerLevel.findUnique({ where: { name } })
    if (other !== null && other.id !== exceptId) throw nameTaken()
  }
  const nextSortOrder = async (table: 'customer_levels' | 'relationship_types' | 'custom_field_definitions' | 'groups', tx: Tx) => {
    const [row] = await tx.$queryRaw<{ next: number }[]>`SELECT (coalesce(max(sort_order), 0) + 10)::int AS next FROM ${Prisma.raw(table)}`
    return row?.next ?? 10
  }

  // ---- relationship types ----
  const toRelationshipType = (row: Prisma.RelationshipTypeGetPayload<object>): RelationshipTypeDto => ({
    id: row.id,
    name: row.name,
    sortOrder: row.sortOrder,
  })
  const findRelationshipType = async (tx: Tx, id: string) => {
    const row = await tx.relationshipType.findUnique({ where: { id: idOr(id, 'RELATIONSHIP_TYPE_NOT_FOUND') } })
    if (row === null) throw new AppError('RELATIONSHIP_TYPE_NOT_FOUND')
    return row
  }
  const checkRelationshipTypeName = async (tx: Tx, name: string | undefined, exceptId?: string) => {
    if (name === undefined) return
    const other = await tx.relationshipType.findUnique({ where: { name } })
    if (other !== null && other.id !== exceptId) throw nameTaken()
  }

  // ---- custom fields ----
  const toCustomField = (row: Prisma.CustomFieldDefinitionGetPayload<object>): CustomFieldDefinitionDto => ({
    id: row.id,
    key: row.key,
    label: row.label,
    type: row.type,
    options: row.options,
    required: row.required,
    unique: row.unique,
    sortOrder: row.sortOrder,
  })
  const findCustomField = async (tx: Tx, id: string) => {
    const row = await tx.customFieldDefinition.findUnique({ where: { id: idOr(id, 'CUSTOM_FIELD_NOT_FOUND') } })
    if (row === null) throw new AppError('CUSTOM_FIELD_NOT_FOUND')
    return row
  }
  /** Options only mean something for select fields, which need at least one; unique only where it makes sense. */
  const checkFieldShape = (type: string, options: string[], unique: boolean): string[] => {
    const problems: FieldProblem[] = []
    if (selectTypes.includes(type) && options.length === 0) problems.push({ field: 'options', messageKey: 'validation.options_required' })
    if (unique && !uniqueCapableTypes.includes(type)) problems.push({ field: 'unique', messageKey: 'validation.unique_not_supported' })
    if (problems.length > 0) throw invalid(problems)
    return selectTypes.includes(type) ? options : []
  }
  // Values of every customer count, trashed ones included: a restore brings them back.
  const hasValues = async (tx: Tx, key: string) => {
    const rows = await tx.$queryRaw<{ found: number }[]>`
      SELECT 1 AS found FROM customers
      WHERE custom_fields -> ${key} IS NOT NULL AND custom_fields -> ${key} <> 'null'::jsonb LIMIT 1`
    return rows.length > 0
  }
  const usesOptions = async (tx: Tx, key: string, options: string[]) => {
    if (options.length === 0) return false
    const rows = await tx.$queryRaw<{ found: number }[]>`
      SELECT 1 AS found FROM customers c
      WHERE (jsonb_typeof(c.custom_fields -> ${key}) = 'string' AND c.custom_fields ->> ${key} = ANY(${options}::text[]))
         OR (jsonb_typeof(c.custom_fields -> ${key}) = 'array' AND EXISTS (
              SELECT 1 FROM jsonb_array_elements_text(c.custom_fields -> ${key}) AS v(value) WHERE v.value = ANY(${options}::text[])))
      LIMIT 1`
    return rows.length > 0
  }
  const hasDuplicateValues = async (tx: Tx, key: string) => {
    const rows = await tx.$queryRaw<{ found: number }[]>`
      SELECT 1 AS found FROM customers
      WHERE deleted_at IS NULL AND custom_fields -> ${key} IS NOT NULL AND custom_fields -> ${key} <> 'null'::jsonb
      GROUP BY custom_fields -> ${key} HAVING count(*) > 1 LIMIT 1`
    return rows.length > 0
  }

  return {
    // ---- tags ----
    listTags: async (ctx) => {
      const caller = authenticated(ctx)
      const [rows, counts] = await Promise.all([db.tag.findMany({ orderBy: [{ name: 'asc' }] }), access.linkCounts(caller, 'tags')])
      return { items: rows.map((row) => toTag(row, counts)) }
    },
    createTag: async (ctx, input) => {
      const caller = authenticated(ctx)
      const row = await db.$transaction(async (tx) => {
        await checkTagName(tx, input.name)
        const created = await tx.tag.create({ data: { name: input.name, color: input.color ?? 'blue' } })
        await audit(tx, caller, 'tag', 'create', { id: created.id, label: created.name }, null, tagView(created))
        return created
      })
      return toTag(row, await access.linkCounts(caller, 'tags'))
    },
    updateTag: async (ctx, id, input) => {
      const caller = authenticated(ctx)
      const row = await db.$transaction(async (tx) => {
        const tag = await findTag(tx, id)
        await checkTagName(tx, input.name, tag.id)
        const updated = await tx.tag.update({ where: { id: tag.id }, data: input })
        await audit(tx, caller, 'tag', 'update', { id: tag.id, label: updated.name }, tagView(tag), tagView(updated))
        return updated
      })
      return toTag(row, await access.linkCounts(caller, 'tags'))
    },
    removeTag: async (ctx, id) => {
      const caller = authenticated(ctx)
      await db.$transaction(async (tx) => {
        const tag = await findTag(tx, id)
        await audit(tx, caller, 'tag', 'delete', { id: tag.id, label: tag.name }, tagView(tag), null)
        await recordRemoval(tx, caller.user.id, 'tags', tag.name, Prisma.sql`SELECT customer_id FROM customer_tags WHERE tag_id = ${tag.id}::uuid`)
        // The customers' links go with it (ON DELETE CASCADE).
        await tx.tag.delete({ where: { id: tag.id } })
      })
    },

    // ---- groups ----
    listGroups: async (ctx) => {
      const caller = authenticated(ctx)
      const [rows, counts] = await Promise.all([
        db.group.findMany({ orderBy: [{ sortOrder: 'asc' }, { name: 'asc' }] }),
        access.linkCounts(caller, 'groups'),
      ])
      return { items: rows.map((row) => toGroup(row, counts)) }
    },
    createGroup: async (ctx, input) => {
      const caller = authenticated(ctx)
      const row = await db.$transaction(async (tx) => {
        await lockGroupTree(tx)
        const parentId = input.parentId ?? null
        await checkParent(tx, parentId)
        await checkGroupName(tx, input.name, parentId)
        const sortOrder = input.sortOrder ?? (await nextSortOrder('groups', tx))
        const created = await tx.group.create({ data: { name: input.name, parentId, sortOrder } })
        await audit(tx, caller, 'group', 'create', { id: created.id, label: created.name }, null, groupView(created))
        return created
      })
      return toGroup(row, await access.linkCounts(caller, 'groups'))
    },
    updateGroup: async (ctx, id, input) => {
      const caller = authenticated(ctx)
      const row = await db.$transaction(async (tx) => {
        await lockGroupTree(tx)
        const group = await findGroup(tx, id)
        const parentId = input.parentId === undefined ? group.parentId : input.parentId
        if (input.parentId !== undefined) await checkParent(tx, parentId, group.id)
        if (input.name !== undefined || input.parentId !== undefined) await checkGroupName(tx, input.name ?? group.name, parentId, group.id)
        const updated = await tx.group.update({ where: { id: group.id }, data: { name: input.name, parentId, sortOrder: input.sortOrder } })
        await audit(tx, caller, 'group', 'update', { id: group.id, label: updated.name }, groupView(group), groupView(updated))
        return updated
      })
      return toGroup(row, await access.linkCounts(caller, 'groups'))
    },
    removeGroup: async (ctx, id) => {
      const caller = authenticated(ctx)
      await db.$transaction(async (tx) => {
        await lockGroupTree(tx)
        const group = await findGroup(tx, id)
        if ((await tx.group.count({ where: { parentId: group.id } })) > 0) throw new AppError('GROUP_NOT_EMPTY')
        await audit(tx, caller, 'group', 'delete', { id: group.id, label: group.name }, groupView(group), null)
        await recordRemoval(tx, caller.user.id, 'groups', group.name, Prisma.sql`SELECT customer_id FROM customer_groups WHERE group_id = ${group.id}::uuid`)
        // Memberships go with it (ON DELETE CASCADE).
        await tx.group.delete({ where: { id: group.id } })
      })
    },

    // ---- levels ----
    listLevels: async (ctx) => {
      authenticated(ctx)
      const rows = await db.customerLevel.findMany({ orderBy: [{ sortOrder: 'asc' }, { name: 'asc' }] })
      return { items: rows.map(toLevel) }
    },
    createLevel: async (ctx, input) => {
      const caller = authenticated(ctx)
      return db.$transaction(async (tx) => {
        await checkLevelName(tx, input.name)
        // At most one default: choosing a new one retires the old.
        if (input.isDefault === true) await tx.customerLevel.updateMany({ where: { isDefault: true }, data: { isDefault: false } })
        const sortOrder = input.sortOrder ?? (await nextSortOrder('customer_levels', tx))
        const created = await tx.customerLevel.create({ data: { name: input.name, color: input.color ?? 'default', sortOrder, isDefault: input.isDefault ?? false } })
        await audit(tx, caller, 'level', 'create', { id: created.id, label: created.name }, null, levelView(created))
        return toLevel(created)
      })
    },
    updateLevel: async (ctx, id, input) => {
      const caller = authenticated(ctx)
      return db.$transaction(async (tx) => {
        const level = await findLevel(tx, id)
        await checkLevelName(tx, input.name, level.id)
        if (input.isDefault === true) {
          await tx.customerLevel.updateMany({ where: { isDefault: true, id: { not: level.id } }, data: { isDefault: false } })
        }
        const updated = await tx.customerLevel.update({ where: { id: level.id }, data: input })
        await audit(tx, caller, 'level', 'update', { id: level.id, label: updated.name }, levelView(level), levelView(updated))
        return toLevel(updated)
      })
    },
    removeLevel: async (ctx, id) => {
      const caller = authenticated(ctx)
      await db.$transaction(async (tx) => {
        const level = await findLevel(tx, id)
        // Customers in the trash lose the level (ON DELETE SET NULL); live ones must be moved first. The check
        // counts every customer, not the caller's: a level in use anywhere must stay.
        if ((await tx.customer.count({ where: { levelId: level.id, deletedAt: null } })) > 0) throw new AppError('LEVEL_IN_USE')
        await audit(tx, caller, 'level', 'delete', { id: level.id, label: level.name }, levelView(level), null)
        await tx.customerLevel.delete({ where: { id: level.id } })
      })
    },

    // ---- relationship types ----
    listRelationshipTypes: async (ctx) => {
      authenticated(ctx)
      const rows = await db.relationshipType.findMany({ orderBy: [{ sortOrder: 'asc' }, { name: 'asc' }] })
      return { items: rows.map(toRelationshipType) }
    },
    createRelationshipType: async (ctx, input) => {
      const caller = authenticated(ctx)
      return db.$transaction(async (tx) => {
        await checkRelationshipTypeName(tx, input.name)
        const sortOrder = input.sortOrder ?? (await nextSortOrder('relationship_types', tx))
        const created = await tx.relationshipType.create({ data: { name: input.name, sortOrder } })
        await audit(tx, caller, 'relationship_type', 'create', { id: created.id, label: created.name }, null, relationshipTypeView(created))
        return toRelationshipType(created)
      })
    },
    updateRelationshipType: async (ctx, id, input) => {
      const caller = authenticated(ctx)
      return db.$transaction(async (tx) => {
        const type = await findRelationshipType(tx, id)
        await checkRelationshipTypeName(tx, input.name, type.id)
        const updated = await tx.relationshipType.update({ where: { id: type.id }, data: input })
        await audit(tx, caller, 'relationship_type', 'update', { id: type.id, label: updated.name }, relationshipTypeView(type), relationshipTypeView(updated))
        return toRelationshipType(updated)
      })
    },
    removeRelationshipType: async (ctx, id) => {
      const caller = authenticated(ctx)
      await db.$transaction(async (tx) => {
        const type = await findRelationshipType(tx, id)
        await audit(tx, caller, 'relationship_type', 'delete', { id: type.id, label: type.name }, relationshipTypeView(type), null)
        // Contacts keep existing without a relationship type (ON DELETE SET NULL).
        await tx.relationshipType.delete({ where: { id: type.id } })
      })
    },

    // ---- custom fields ----
    listCustomFields: async (ctx) => {
      authenticated(ctx)
      const rows = await db.customFieldDefinition.findMany({ orderBy: [{ sortOrder: 'asc' }, { createdAt: 'asc' }] })
      return { items: rows.map(toCustomField) }
    },
    createCustomField: async (ctx, input) => {
      const caller = authenticated(ctx)
      const options = checkFieldShape(input.type, input.options, input.unique)
      return db.$transaction(async (tx) => {
        if ((await tx.customFieldDefinition.count({ where: { key: input.key } })) > 0) {
          throw new AppError('CUSTOM_FIELD_KEY_TAKEN', { fieldProblems: [{ field: 'key', messageKey: 'validation.key_taken' }] })
        }
        const sortOrder = input.sortOrder ?? (await nextSortOrder('custom_field_definitions', tx))
        const created = await tx.customFieldDefinition.create({ data: { ...input, options, sortOrder } })
        await audit(tx, caller, 'custom_field', 'create', { id: created.id, label: created.label }, null, customFieldView(created))
        return toCustomField(created)
      })
    },
    updateCustomField: async (ctx, id, input) => {
      const caller = authenticated(ctx)
      return db.$transaction(async (tx) => {
        const field = await findCustomField(tx, id)
        if (input.key !== undefined && input.key !== field.key) {
          throw invalid([{ field: 'key', messageKey: 'validation.key_immutable' }])
        }
        const type = input.type ?? field.type
        const options = checkFieldShape(type, input.options ?? field.options, input.unique ?? field.unique)
        if (type !== field.type && (await hasValues(tx, field.key))) throw new AppError('CUSTOM_FIELD_IN_USE')
        const removed = field.options.filter((option) => !options.includes(option))
        if (await usesOptions(tx, field.key, removed)) throw new AppError('CUSTOM_FIELD_IN_USE')
        if (input.unique === true && !field.unique && (await hasDuplicateValues(tx, field.key))) {
          throw new AppError('CUSTOM_FIELD_NOT_UNIQUE')
        }
        const { key: _key, ...changes } = input
        const updated = await tx.customFieldDefinition.update({ where: { id: field.id }, data: { ...changes, options } })
        await audit(tx, caller, 'custom_field', 'update', { id: field.id, label: updated.label }, customFieldView(field), customFieldView(updated))
        return toCustomField(updated)
      })
    },
    removeCustomField: async (ctx, id) => {
      const caller = authenticated(ctx)
      await db.$transaction(async (tx) => {
        const field = await findCustomField(tx, id)
        await audit(tx, caller, 'custom_field', 'delete', { id: field.id, label: field.label }, customFieldView(field), null)
        // Values without a definition would be invisible and would block a new field with the same key.
        await tx.$executeRaw`UPDATE customers SET custom_fields = custom_fields - ${field.key} WHERE custom_fields -> ${field.key} IS NOT NULL`
        await tx.customFieldDefinition.delete({ where: { id: field.id } })
      })
    },
  }
}
