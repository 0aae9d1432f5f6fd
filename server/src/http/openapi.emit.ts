// `pnpm --filter @kezhi/server openapi`: writes server/openapi.json, the file front ends generate types from.
import { writeFile } from 'node:fs/promises'
import { buildOpenApiDocument, serializeOpenApiDocument, openApiFile } from './openapi.js'

await writeFile(openApiFile, serializeOpenApiDocument(buildOpenApiDocument()))
console.log(`wrote ${openApiFile}`)
