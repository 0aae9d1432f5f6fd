import type { ZodOpenApiPathsObject } from 'zod-openapi'

export const webhooksPaths: ZodOpenApiPathsObject = {}
