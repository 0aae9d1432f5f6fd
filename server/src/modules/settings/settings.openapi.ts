import type { z } from 'zod'
import type { ZodOpenApiPathsObject } from 'zod-openapi'
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

interface Described {
  /** Operation id stem, e.g. `Tag` gives listTags, createTag, updateTag, deleteTag. */
  name: string
  plural: string
  what: string
  who: string
  item: z.ZodType
  list: z.ZodType
  input: z.ZodType
  patch: z.ZodType
  /** What writing needs (reading needs only a signed-in user). */
  permission: 'settings:manage' | 'custom_field:manage'
  /** Extra note on DELETE (what it does to customers, when it is refused). */
  onDelete: string
  deleteConflict: boolean
}

const paths = (path: string, d: Described): ZodOpenApiPathsObject => ({
  [path]: {
    get: {
      operationId: `list${d.plural}`,
      'x-permission': 'authenticated',
      tags: ['settings'],
      summary: `All ${d.what} (everyone signed in)`,
      responses: { '200': { description: `The ${d.what}`, content: jsonContent(d.list) }, ...errorResponses(401) },
    },
    post: {
      operationId: `create${d.name}`,
      'x-permission': d.permission,
      tags: ['settings'],
      summary: `Add one (${d.who})`,
      requestBody: { required: true, content: jsonContent(d.input) },
      responses: { '201': { description: 'Created', content: jsonContent(d.item) }, ...errorResponses(400, 401, 403, 409, 422) },
    },
  },
  [`${path}/{id}`]: {
    patch: {
      operationId: `update${d.name}`,
      'x-permission': d.permission,
      tags: ['settings'],
      summary: `Change one (${d.who})`,
      requestParams: { path: SettingIdParams },
      requestBody: { required: true, content: jsonContent(d.patch) },
      responses: { '200': { description: 'Updated', content: jsonContent(d.item) }, ...errorResponses(400, 401, 403, 404, 409, 422) },
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
    onDelete: 'Customers lose the tag; their timelines note it.', deleteConflict: false,
  }),
  ...paths('/api/groups', {
    name: 'Group', plural: 'Groups', what: 'groups (flat; the tree comes from parentId)', who: managers, permission: 'settings:manage',
    item: GroupItem, list: GroupList, input: GroupInput, patch: GroupPatch,
    onDelete: 'Refused with 409 GROUP_NOT_EMPTY while it has sub-groups; its customers leave it.', deleteConflict: true,
  }),
  ...paths('/api/customer-levels', {
    name: 'CustomerLevel', plural: 'CustomerLevels', what: 'customer levels', who: managers, permission: 'settings:manage',
    item: CustomerLevel, list: CustomerLevelList, input: CustomerLevelInput, patch: CustomerLevelPatch,
    onDelete: 'Refused with 409 LEVEL_IN_USE while live customers have it.', deleteConflict: true,
  }),
  ...paths('/api/relationship-types', {
    name: 'RelationshipType', plural: 'RelationshipTypes', what: 'relationship types of contacts', who: managers, permission: 'settings:manage',
    item: RelationshipType, list: RelationshipTypeList, input: RelationshipTypeInput, patch: RelationshipTypePatch,
    onDelete: 'Contacts that had it keep existing without one.', deleteConflict: false,
  }),
  ...paths('/api/custom-fields', {
    name: 'CustomField', plural: 'CustomFields', what: 'custom field definitions', who: 'admin only: custom_field:manage', permission: 'custom_field:manage',
    item: CustomFieldDefinition, list: CustomFieldList, input: CustomFieldInput, patch: CustomFieldPatch,
    onDelete: "Customers' values of the field are removed with it.", deleteConflict: false,
  }),
}
