import { z } from 'zod'
import type { ZodOpenApiPathsObject } from 'zod-openapi'
import { ErrorResponse, errorResponses, jsonContent } from '../../http/schemas.js'
import { Channel, ChannelInput, ChannelList, ChannelListQuery, ChannelPatch, QrQuery } from './channels.schemas.js'

const idParam = { path: z.object({ id: z.uuid() }) }

/** Error answers whose status the shared list does not describe. */
export const otherErrorResponses = (entries: Record<string, string>) =>
  Object.fromEntries(Object.entries(entries).map(([status, description]) => [status, { description, content: jsonContent(ErrorResponse) }]))

export const channelsPaths: ZodOpenApiPathsObject = {
  '/api/channels': {
    get: {
      operationId: 'listChannels',
      tags: ['channels'],
      summary: 'QR channels of the stores in the caller\'s feedback scope (disabled ones included), newest first',
      'x-permission': 'feedback:read',
      requestParams: { query: ChannelListQuery },
      responses: { '200': { description: 'The channels', content: jsonContent(ChannelList) }, ...errorResponses(401, 403, 422) },
    },
    post: {
      operationId: 'createChannel',
      tags: ['channels'],
      summary: 'Create a channel (a store, optionally a staff member) for feedback or self-registration codes',
      'x-permission': 'channel:manage',
      requestBody: { required: true, content: jsonContent(ChannelInput) },
      responses: { '201': { description: 'Created', content: jsonContent(Channel) }, ...errorResponses(401, 403, 404, 422) },
    },
  },
  '/api/channels/{id}': {
    get: {
      operationId: 'getChannel',
      tags: ['channels'],
      summary: 'One channel',
      'x-permission': 'feedback:read',
      requestParams: idParam,
      responses: { '200': { description: 'The channel', content: jsonContent(Channel) }, ...errorResponses(401, 403, 404) },
    },
    patch: {
      operationId: 'updateChannel',
      tags: ['channels'],
      summary: 'Rename, move to another store or staff member, set the end date, disable or enable',
      'x-permission': 'channel:manage',
      requestParams: idParam,
      requestBody: { required: true, content: jsonContent(ChannelPatch) },
      responses: { '200': { description: 'The channel', content: jsonContent(Channel) }, ...errorResponses(401, 403, 404, 422) },
    },
    delete: {
      operationId: 'deleteChannel',
      tags: ['channels'],
      summary: 'Delete a channel: its codes stop working, its feedback stays',
      'x-permission': 'channel:manage',
      requestParams: idParam,
      responses: { '204': { description: 'Deleted' }, ...errorResponses(401, 403, 404) },
    },
  },
  '/api/channels/{id}/reissue': {
    post: {
      operationId: 'reissueChannel',
      tags: ['channels'],
      summary: 'A new token: every code printed before is refused from now on',
      'x-permission': 'channel:manage',
      requestParams: idParam,
      responses: { '200': { description: 'The channel with its new token', content: jsonContent(Channel) }, ...errorResponses(401, 403, 404) },
    },
  },
  '/api/channels/{id}/qr': {
    get: {
      operationId: 'getChannelQr',
      tags: ['channels'],
      summary: 'The QR code to print: a mini-program code (wxacode, PNG) or a code of the H5 link (PNG or SVG)',
      'x-permission': 'channel:manage',
      requestParams: { ...idParam, query: QrQuery },
      responses: {
        '200': {
          description: 'The image',
          content: {
            'image/png': { schema: { type: 'string', contentMediaType: 'image/png' } },
            'image/svg+xml': { schema: { type: 'string' } },
          },
        },
        ...errorResponses(401, 403, 404, 422),
        ...otherErrorResponses({ '502': 'WeChat could not be reached (`WECHAT_UNAVAILABLE`)' }),
      },
    },
  },
}
