import type { z } from 'zod'
import type { ZodOpenApiPathsObject } from 'zod-openapi'
import {
  exampleCustomerLevel,
  exampleCustomField,
  exampleGroupItem,
  exampleIds,
  exampleRelationshipType,
  exampleTagItem,
  exampleTopGroupItem,
} from '../../http/openapi-examples.js'
import { errorResponses, jsonContent } from '../../http/schemas.js'
import {
  CustomerLevel,
  CustomerLevelInput,
  CustomerLevelList,
  CustomerLevelPatch,
  CustomFieldDefinition,
  CustomFieldInput,
  CustomFieldList,
  CustomFieldPatch,
  GroupInput,
  GroupItem,
  GroupList,
  GroupPatch,
  RelationshipType,
  RelationshipTypeInput,
  RelationshipTypeList,
  RelationshipTypePatch,
  SettingIdParams,
  TagInput,
  TagItem,
  TagList,
  TagPatch,
} from './settings.schemas.js'

interface Described<Item extends z.ZodType, List extends z.ZodType, Input extends z.ZodType, Patch extends z.ZodType> {
  /** Operation id stem, e.g. `Tag` gives listTags, createTag, updateTag, deleteTag. */
  name: string
  plural: string
  what: string
  who: string
  item: Item
  list: List
  input: Input
  patch: Patch
  examples: { list: z.input<List>; input: z.input<Input>; created: z.input<Item>; patch: z.input<Patch>; updated: z.input<Item> }
  /** What writing needs (reading needs only a signed-in user). */
  permission: 'settings:manage' | 'custom_field:manage'
  /** Extra note on DELETE (what it does to customers, when it is refused). */
  onDelete: string
  deleteConflict: boolean
}

const paths = <Item extends z.ZodType, List extends z.ZodType, Input extends z.ZodType, Patch extends z.ZodType>(
  path: string,
  d: Described<Item, List, Input, Patch>,
): ZodOpenApiPathsObject => ({
  [path]: {
    get: {
      operationId: `list${d.plural}`,
      'x-permission': 'authenticated',
      tags: ['settings'],
      summary: `All ${d.what} (everyone signed in)`,
      responses: { '200': { description: `The ${d.what}`, content: jsonContent(d.list, d.examples.list) }, ...errorResponses(401) },
    },
    post: {
      operationId: `create${d.name}`,
      'x-permission': d.permission,
      tags: ['settings'],
      summary: `Add one (${d.who})`,
      requestBody: { required: true, content: jsonContent(d.input, d.examples.input) },
      responses: { '201': { description: 'Created', content: jsonContent(d.item, d.examples.created) }, ...errorResponses(400, 401, 403, 409, 422) },
    },
  },
  [`${path}/{id}`]: {
    patch: {
      operationId: `update${d.name}`,
      'x-permission': d.permission,
      tags: ['settings'],
      summary: `Change one (${d.who})`,
      requestParams: { path: SettingIdParams },
      requestBody: { required: true, content: jsonContent(d.patch, d.examples.patch) },
      responses: { '200': { description: 'Updated', content: jsonContent(d.item, d.examples.updated) }, ...errorResponses(400, 401, 403, 404, 409, 422) },
    },
    delete: {
      operationId: `delete${d.name}`,
      'x-permission': d.permission,
      tags: ['settings'],
      summary: `Delete one (${d.who}). ${d.onDelete}`,
      requestParams: { path: SettingIdParams },
      responses: {
        '204': { description: 'Deleted' },
        ...(d.deleteConflict ? errorResponses(401, 403, 404, 409) : errorResponses(401, 403, 404)),
      },
    },
  },
})

const managers = 'admin and manager: settings:manage'

export const settingsPaths: ZodOpenApiPathsObject = {
  ...paths('/api/tags', {
    name: 'Tag', plural: 'Tags', what: 'tags with their customer counts', who: managers, permission: 'settings:manage',
    item: TagItem, list: TagList, input: TagInput, patch: TagPatch,
    examples: {
      list: { items: [exampleTagItem, { id: exampleIds.groupBuyTag, name: '团购', color: 'orange', customerCount: 42 }] },
      input: { name: '老客户', color: 'blue' },
      created: { ...exampleTagItem, customerCount: 0 },
      patch: { name: '老客户（3年+）', color: '#1677ff' },
      updated: { ...exampleTagItem, name: '老客户（3年+）', color: '#1677ff' },
    },
    onDelete: 'Customers lose the tag; their timelines note it.', deleteConflict: false,
  }),
  ...paths('/api/groups', {
    name: 'Group', plural: 'Groups', what: 'groups (flat; the tree comes from parentId)', who: managers, permission: 'settings:manage',
    item: GroupItem, list: GroupList, input: GroupInput, patch: GroupPatch,
    examples: {
      list: { items: [exampleTopGroupItem, exampleGroupItem] },
      input: { name: '杭州', parentId: exampleIds.eastGroup, sortOrder: 10 },
      created: { ...exampleGroupItem, customerCount: 0 },
      patch: { name: '杭州主城区', sortOrder: 5 },
      updated: { ...exampleGroupItem, name: '杭州主城区', sortOrder: 5 },
    },
    onDelete: 'Refused with 409 GROUP_NOT_EMPTY while it has sub-groups; its customers leave it.', deleteConflict: true,
  }),
  ...paths('/api/customer-levels', {
    name: 'CustomerLevel', plural: 'CustomerLevels', what: 'customer levels', who: managers, permission: 'settings:manage',
    item: CustomerLevel, list: CustomerLevelList, input: CustomerLevelInput, patch: CustomerLevelPatch,
    examples: {
      list: {
        items: [
          { id: 'c1d2e3f4-a5b6-4c7d-8e9f-0a1b2c3d4e5f', name: '普通', color: 'default', sortOrder: 0, isDefault: true },
          exampleCustomerLevel,
          { id: 'd2e3f4a5-b6c7-4d8e-9f0a-1b2c3d4e5f60', name: 'SVIP', color: 'volcano', sortOrder: 20, isDefault: false },
        ],
      },
      input: { name: 'VIP', color: 'gold', sortOrder: 10, isDefault: false },
      created: exampleCustomerLevel,
      patch: { name: '金卡会员' },
      updated: { ...exampleCustomerLevel, name: '金卡会员' },
    },
    onDelete: 'Refused with 409 LEVEL_IN_USE while live customers have it.', deleteConflict: true,
  }),
  ...paths('/api/relationship-types', {
    name: 'RelationshipType', plural: 'RelationshipTypes', what: 'relationship types of contacts', who: managers, permission: 'settings:manage',
    item: RelationshipType, list: RelationshipTypeList, input: RelationshipTypeInput, patch: RelationshipTypePatch,
    examples: {
      list: {
        items: [
          exampleRelationshipType,
          { id: 'e3f4a5b6-c7d8-4e9f-8a0b-2c3d4e5f6071', name: '使用人', sortOrder: 20 },
          { id: 'f4a5b6c7-d8e9-4f0a-9b1c-3d4e5f607182', name: '家属', sortOrder: 30 },
        ],
      },
      input: { name: '决策人', sortOrder: 10 },
      created: exampleRelationshipType,
      patch: { name: '最终决策人' },
      updated: { ...exampleRelationshipType, name: '最终决策人' },
    },
    onDelete: 'Contacts that had it keep existing without one.', deleteConflict: false,
  }),
  ...paths('/api/custom-fields', {
    name: 'CustomField', plural: 'CustomFields', what: 'custom field definitions', who: 'admin only: custom_field:manage', permission: 'custom_field:manage',
    item: CustomFieldDefinition, list: CustomFieldList, input: CustomFieldInput, patch: CustomFieldPatch,
    examples: {
      list: {
        items: [
          exampleCustomField,
          { id: 'a5b6c7d8-e9f0-4a1b-8c2d-4e5f60718293', key: 'vip_since', label: '入会日期', type: 'date', options: [], required: false, unique: false, sortOrder: 20 },
          { id: 'b6c7d8e9-f0a1-4b2c-9d3e-5f6071829304', key: 'channel', label: '获客渠道', type: 'single_select', options: ['门店', '抖音', '小红书', '老客户转介绍'], required: false, unique: false, sortOrder: 30 },
        ],
      },
      input: { key: 'wechat_id', label: '微信号', type: 'text', required: false, unique: true, sortOrder: 10 },
      created: exampleCustomField,
      patch: { label: '微信号（个人）' },
      updated: { ...exampleCustomField, label: '微信号（个人）' },
    },
    onDelete: "Customers' values of the field are removed with it.", deleteConflict: false,
  }),
}
