import { z } from 'zod'
import 'zod-openapi'
import { singleLine } from '../../http/schemas.js'

// The preset colour names antd's Tag understands; anything else must be a #rrggbb value.
export const presetColors = [
  'default', 'magenta', 'red', 'volcano', 'orange', 'gold', 'yellow', 'lime', 'green', 'cyan', 'blue', 'geekblue',
  'purple', 'pink', 'success', 'processing', 'error', 'warning',
] as const

export const Color = z
  .string()
  .trim()
  .refine((value) => (presetColors as readonly string[]).includes(value) || /^#[0-9a-fA-F]{6}$/.test(value), {
    error: 'validation.color',
  })
  .meta({ description: `An antd preset colour (${presetColors.join(', ')}) or #rrggbb`, example: 'blue' })

const sortOrder = z.number().int().min(0).max(1_000_000).meta({ description: 'Smaller first', example: 10 })

export const SettingIdParams = z.object({
  id: z.string().meta({ description: 'Id (uuid)', format: 'uuid' }),
})

// ---- tags ----
export const TagItem = z
  .object({
    id: z.uuid(),
    name: z.string().meta({ example: 'VIP' }),
    color: z.string().meta({ example: 'gold' }),
    customerCount: z.number().int().min(0).meta({ description: 'Live customers carrying it (all scopes)', example: 12 }),
  })
  .meta({ id: 'TagItem' })
export const TagList = z.object({ items: z.array(TagItem) }).meta({ id: 'TagList', description: 'By name' })
const tagFields = { name: singleLine(1, 20).meta({ example: 'VIP' }), color: Color }
export const TagInput = z
  .strictObject({ name: tagFields.name, color: tagFields.color.optional() })
  .meta({ id: 'TagInput', description: 'The colour defaults to blue' })
export const TagPatch = z.strictObject(tagFields).partial().meta({ id: 'TagPatch' })

// ---- groups ----
export const GroupItem = z
  .object({
    id: z.uuid(),
    name: z.string().meta({ example: '华东区' }),
    parentId: z.uuid().nullable(),
    sortOrder: z.number().int(),
    customerCount: z.number().int().min(0).meta({ description: 'Live customers directly in it', example: 8 }),
  })
  .meta({ id: 'GroupItem' })
export const GroupList = z
  .object({ items: z.array(GroupItem) })
  .meta({ id: 'GroupList', description: 'Flat, by sortOrder then name; the tree comes from parentId' })
const groupFields = {
  name: singleLine(1, 30).meta({ example: '华东区' }),
  parentId: z.uuid().nullable().meta({ description: 'The parent group; null for a top-level group' }),
  sortOrder,
}
export const GroupInput = z
  .strictObject({ name: groupFields.name, parentId: groupFields.parentId.optional(), sortOrder: sortOrder.optional() })
  .meta({ id: 'GroupInput' })
export const GroupPatch = z.strictObject(groupFields).partial().meta({ id: 'GroupPatch', description: 'A group cannot move under itself or its sub-groups' })

// ---- customer levels ----
export const CustomerLevel = z
  .object({
    id: z.uuid(),
    name: z.string().meta({ example: 'VIP' }),
    color: z.string().meta({ example: 'gold' }),
    sortOrder: z.number().int(),
    isDefault: z.boolean().meta({ description: 'Given to new customers when none is chosen' }),
  })
  .meta({ id: 'CustomerLevel' })
export const CustomerLevelList = z
  .object({ items: z.array(CustomerLevel) })
  .meta({ id: 'CustomerLevelList', description: 'By sortOrder' })
const levelFields = {
  name: singleLine(1, 20).meta({ example: 'VIP' }),
  color: Color,
  sortOrder,
  isDefault: z.boolean().meta({ description: 'Making one level the default clears the flag on the others' }),
}
export const CustomerLevelInput = z
  .strictObject({
    name: levelFields.name,
    color: levelFields.color.optional(),
    sortOrder: sortOrder.optional(),
    isDefault: levelFields.isDefault.optional(),
  })
  .meta({ id: 'CustomerLevelInput' })
export const CustomerLevelPatch = z.strictObject(levelFields).partial().meta({ id: 'CustomerLevelPatch' })

// ---- relationship types ----
export const RelationshipType = z
  .object({ id: z.uuid(), name: z.string().meta({ example: '决策人' }), sortOrder: z.number().int() })
  .meta({ id: 'RelationshipType' })
export const RelationshipTypeList = z
  .object({ items: z.array(RelationshipType) })
  .meta({ id: 'RelationshipTypeList', description: 'By sortOrder' })
const relationshipTypeFields = { name: singleLine(1, 20).meta({ example: '决策人' }), sortOrder }
export const RelationshipTypeInput = z
  .strictObject({ name: relationshipTypeFields.name, sortOrder: sortOrder.optional() })
  .meta({ id: 'RelationshipTypeInput' })
export const RelationshipTypePatch = z
  .strictObject(relationshipTypeFields)
  .partial()
  .meta({ id: 'RelationshipTypePatch' })

// ---- custom field definitions ----
export const CustomFieldType = z
  .enum(['text', 'number', 'date', 'single_select', 'multi_select', 'boolean'])
  .meta({ id: 'CustomFieldType' })
export const selectTypes: readonly string[] = ['single_select', 'multi_select']
// A uniqueness rule over a list or a yes/no answer would make no sense.
export const uniqueCapableTypes: readonly string[] = ['text', 'number', 'date', 'single_select']

export const CustomFieldDefinition = z
  .object({
    id: z.uuid(),
    key: z.string().meta({ description: "Where the value lives in a customer's customFields", example: 'wechat_id' }),
    label: z.string().meta({ example: '微信号' }),
    type: CustomFieldType,
    options: z.array(z.string()).meta({ description: 'Choices of select fields', example: [] }),
    required: z.boolean(),
    unique: z.boolean(),
    sortOrder: z.number().int(),
  })
  .meta({ id: 'CustomFieldDefinition' })
export const CustomFieldList = z
  .object({ items: z.array(CustomFieldDefinition) })
  .meta({ id: 'CustomFieldList', description: 'By sortOrder' })

const customFieldFields = {
  label: singleLine(1, 30).meta({ example: '微信号' }),
  type: CustomFieldType,
  options: z
    .array(singleLine(1, 50))
    .max(100)
    .refine((options) => new Set(options).size === options.length, { error: 'validation.duplicate_options' })
    .meta({ description: 'Required (at least one) for select fields; ignored otherwise', example: ['线下门店', '抖音', '朋友推荐'] }),
  required: z.boolean(),
  unique: z.boolean().meta({ description: 'No two live customers may share a value (text, number, date, single_select)' }),
  sortOrder,
}
export const CustomFieldInput = z
  .strictObject({
    key: z
      .string()
      .regex(/^[a-z][a-z0-9_]{0,39}$/, { error: 'validation.slug' })
      .meta({ description: 'Lowercase letters, digits and _, starting with a letter; cannot be changed later', example: 'wechat_id' }),
    label: customFieldFields.label,
    type: customFieldFields.type,
    options: customFieldFields.options.default([]),
    required: customFieldFields.required.default(false),
    unique: customFieldFields.unique.default(false),
    sortOrder: sortOrder.optional(),
  })
  .meta({ id: 'CustomFieldInput' })
export const CustomFieldPatch = z
  .strictObject({
    ...customFieldFields,
    key: z.string().optional().meta({ description: 'Immutable: accepted only when equal to the stored key' }),
  })
  .partial()
  .meta({
    id: 'CustomFieldPatch',
    description: 'The key never changes; the type can change only while no customer has a value for the field',
  })

export type TagItemDto = z.infer<typeof TagItem>
export type GroupItemDto = z.infer<typeof GroupItem>
export type CustomerLevelDto = z.infer<typeof CustomerLevel>
export type RelationshipTypeDto = z.infer<typeof RelationshipType>
export type CustomFieldDefinitionDto = z.infer<typeof CustomFieldDefinition>
export type TagInputData = z.output<typeof TagInput>
export type TagPatchData = z.output<typeof TagPatch>
export type GroupInputData = z.output<typeof GroupInput>
export type GroupPatchData = z.output<typeof GroupPatch>
export type CustomerLevelInputData = z.output<typeof CustomerLevelInput>
export type CustomerLevelPatchData = z.output<typeof CustomerLevelPatch>
export type RelationshipTypeInputData = z.output<typeof RelationshipTypeInput>
export type RelationshipTypePatchData = z.output<typeof RelationshipTypePatch>
export type CustomFieldInputData = z.output<typeof CustomFieldInput>
export type CustomFieldPatchData = z.output<typeof CustomFieldPatch>
