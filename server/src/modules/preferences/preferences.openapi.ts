import type { ZodOpenApiPathsObject } from 'zod-openapi'
import { errorResponses, jsonContent } from '../../http/schemas.js'
import { Preference, PreferenceInput, PreferenceParams } from './preferences.schemas.js'

const columnsPreference = { key: 'customers.columns', value: { visible: ['name', 'primaryPhone', 'level', 'owner', 'lastActivityAt'], widths: { name: 160 } } }

export const preferencesPaths: ZodOpenApiPathsObject = {
  '/api/me/preferences/{key}': {
    get: {
      operationId: 'getPreference',
      'x-permission': 'authenticated',
      tags: ['me'],
      summary: "One of the caller's preferences (value null when unset)",
      requestParams: { path: PreferenceParams },
      responses: { '200': { description: 'The preference', content: jsonContent(Preference, columnsPreference) }, ...errorResponses(401, 422) },
    },
    put: {
      operationId: 'putPreference',
      'x-permission': 'authenticated',
      tags: ['me'],
      summary: "Store one of the caller's preferences (any JSON up to 16 KB; null clears it)",
      requestParams: { path: PreferenceParams },
      requestBody: { required: true, content: jsonContent(PreferenceInput, { value: columnsPreference.value }) },
      responses: { '200': { description: 'The stored preference', content: jsonContent(Preference, columnsPreference) }, ...errorResponses(400, 401, 422) },
    },
  },
}
