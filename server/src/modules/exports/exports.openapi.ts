import type { ZodOpenApiPathsObject } from 'zod-openapi'

export const exportsPaths: ZodOpenApiPathsObject = {}
