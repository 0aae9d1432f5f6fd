import { defineConfig } from 'prisma/config'

// Prisma 7 reads its settings from here. The server connects through @prisma/adapter-pg and applies
// migrations itself, so no datasource URL is needed for `prisma generate`.
export default defineConfig({
  schema: 'schema.prisma',
  migrations: { path: 'migrations' },
})
