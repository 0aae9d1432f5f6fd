import { z } from 'zod'
import type { ZodOpenApiPathsObject } from 'zod-openapi'
import { exampleChannel, exampleStaff, exampleStore } from '../../http/openapi-examples.js'
import { ErrorResponse, errorResponses, jsonContent } from '../../http/schemas.js'
import { Channel, ChannelInput, ChannelList, ChannelListQuery, ChannelPatch, QrQuery } from './channels.schemas.js'

const registrationChannel: z.input<typeof Channel> = {
  ...exampleChannel,
  id: '0b1c2d3e-4f5a-4b6c-8d7e-9f0a1b2c3d4e',
  kind: 'self_register',
  name: '西湖店会员登记',
  staff: null,
  token: 'Lq8Wn4Zt1c.Vv2mYzE0Rk9hTnBxUw',
  link: 'https://crm.example.com/m/join?c=Lq8Wn4Zt1c.Vv2mYzE0Rk9hTnBxUw',
  validUntil: '2025-12-31T15:59:59.000Z',
  createdAt: '2025-11-01T02:00:00.000Z',
  feedbackCount: 0,
}
const reissuedToken = 'aZ3k9QmX2p.Yk7sPq1dWm3nRt8vXc'
const channelChange: z.input<typeof ChannelPatch> = { name: '西湖店收银台', staffId: null, validUntil: '2026-06-30T15:59:59.000Z' }
// The QR code of the H5 link as SVG (format=svg), shortened: the real one has a path per module.
const qrSvg =
  '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 41 41" shape-rendering="crispEdges"><path fill="#ffffff" d="M0 0h41v41H0z"/>' +
  '<path stroke="#000000" d="M4 4.5h7m2 0h1m1 0h3m3 0h1m2 0h1m2 0h7M4 5.5h1m5 0h1m3 0h2m1 0h1m4 0h3m1 0h1m5 0h1"/></svg>'

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
      responses: { '200': { description: 'The channels', content: jsonContent(ChannelList, { items: [registrationChannel, exampleChannel], wechatCodes: true }) }, ...errorResponses(401, 403, 422) },
    },
    post: {
      operationId: 'createChannel',
      tags: ['channels'],
      summary: 'Create a channel (a store, optionally a staff member) for feedback or self-registration codes',
      'x-permission': 'channel:manage',
      requestBody: { required: true, content: jsonContent(ChannelInput, { kind: 'feedback', name: '西湖店前台', teamId: exampleStore.id, staffId: exampleStaff.id, validUntil: null }) },
      responses: { '201': { description: 'Created', content: jsonContent(Channel, { ...exampleChannel, createdAt: '2025-11-25T05:12:00.000Z', feedbackCount: 0 }) }, ...errorResponses(401, 403, 404, 422) },
    },
  },
  '/api/channels/{id}': {
    get: {
      operationId: 'getChannel',
      tags: ['channels'],
      summary: 'One channel',
      'x-permission': 'feedback:read',
      requestParams: idParam,
      responses: { '200': { description: 'The channel', content: jsonContent(Channel, exampleChannel) }, ...errorResponses(401, 403, 404) },
    },
    patch: {
      operationId: 'updateChannel',
      tags: ['channels'],
      summary: 'Rename, move to another store or staff member, set the end date, disable or enable',
      'x-permission': 'channel:manage',
      requestParams: idParam,
      requestBody: { required: true, content: jsonContent(ChannelPatch, channelChange) },
      responses: { '200': { description: 'The channel', content: jsonContent(Channel, { ...exampleChannel, name: '西湖店收银台', staff: null, validUntil: '2026-06-30T15:59:59.000Z' }) }, ...errorResponses(401, 403, 404, 422) },
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
      responses: { '200': { description: 'The channel with its new token', content: jsonContent(Channel, { ...exampleChannel, token: reissuedToken, link: `https://crm.example.com/m/feedback?c=${reissuedToken}` }) }, ...errorResponses(401, 403, 404) },
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
            'image/svg+xml': { schema: { type: 'string' }, example: qrSvg },
          },
        },
        ...errorResponses(401, 403, 404, 422),
        ...otherErrorResponses({ '502': 'WeChat could not be reached (`WECHAT_UNAVAILABLE`)' }),
      },
    },
  },
}
