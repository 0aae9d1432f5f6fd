import type { ZodOpenApiPathsObject } from 'zod-openapi'

export const backupsPaths: ZodOpenApiPathsObject = {}
