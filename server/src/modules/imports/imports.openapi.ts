import type { ZodOpenApiPathsObject } from 'zod-openapi'

export const importsPaths: ZodOpenApiPathsObject = {}
