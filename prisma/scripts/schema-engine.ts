// Loads Prisma's schema engine compiled to WebAssembly, so migrations can be generated and checked
// without the native engine binary (which the Prisma CLI downloads from a host that may be unreachable).
import { readFile, readdir } from 'node:fs/promises'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { PrismaPg } from '@prisma/adapter-pg'
import pg from 'pg'
import { bindMigrationAwareSqlAdapterFactory, ColumnTypeEnum } from '@prisma/driver-adapter-utils'
import type {
  SqlDriverAdapter,
  SqlMigrationAwareDriverAdapterFactory,
  SqlQuery,
  SqlQueryable,
  SqlResultSet,
} from '@prisma/driver-adapter-utils'
import * as engineBindings from '@prisma/schema-engine-wasm/schema_engine_bg'
import type { MigrationList, SchemaEngine } from '@prisma/schema-engine-wasm/schema_engine_bg'

export type { MigrationList, SchemaEngine }

export const prismaDir = join(dirname(fileURLToPath(import.meta.url)), '..')
export const schemaPath = join(prismaDir, 'schema.prisma')
export const migrationsDir = join(prismaDir, 'migrations')

let wasmReady: Promise<void> | undefined

// Node has WebAssembly as a global, but the server's compiler settings carry no DOM typings that declare it.
const wasmApi = (
  globalThis as unknown as {
    WebAssembly: {
      instantiate(bytes: Uint8Array, imports: object): Promise<{ instance: { exports: Record<string, unknown> } }>
    }
  }
).WebAssembly

// The package targets bundlers: its JS glue expects the bundler to have instantiated the wasm module.
// In plain Node we instantiate it ourselves and hand the exports to the glue.
const loadWasm = (): Promise<void> =>
  (wasmReady ??= (async () => {
    // The glue reports Rust panics through this global; without it a panic surfaces as an unrelated TypeError.
    Object.assign(globalThis, {
      PRISMA_WASM_PANIC_REGISTRY: { set_message: (message: string) => console.error(`schema engine panicked: ${message}`) },
    })
    const gluePath = fileURLToPath(import.meta.resolve('@prisma/schema-engine-wasm/schema_engine_bg'))
    const bytes = await readFile(join(dirname(gluePath), 'schema_engine_bg.wasm'))
    const { instance } = await wasmApi.instantiate(bytes, { './schema_engine_bg.js': engineBindings })
    engineBindings.__wbg_set_wasm(instance.exports)
    const start = instance.exports.__wbindgen_start
    if (typeof start === 'function') start()
  })())

export const readSchema = async (): Promise<{ path: string; content: string }> => ({
  path: schemaPath,
  content: await readFile(schemaPath, 'utf8'),
})

const pgCharTypeId = 18
const pgTextTypeId = 25

interface ResultWithFields {
  fields?: { dataTypeID: number }[]
  rows?: unknown[]
}

// Result rows of queries that returned "char" columns, with the positions of those columns.
const charColumnsOfRows = new WeakMap<object, number[]>()

const noteCharColumns = (result: unknown): unknown => {
  for (const part of Array.isArray(result) ? result : [result]) {
    const { fields, rows } = (part ?? {}) as ResultWithFields
    const positions: number[] = []
    fields?.forEach((field, position) => {
      if (field.dataTypeID === pgCharTypeId) {
        field.dataTypeID = pgTextTypeId
        positions.push(position)
      }
    })
    if (positions.length > 0 && rows) charColumnsOfRows.set(rows, positions)
  }
  return result
}

/**
 * The engine describes a database through catalog queries returning PostgreSQL's one-byte `"char"` type
 * (pg_constraint.contype and friends) and expects them as characters. @prisma/adapter-pg 7.10 has no mapping
 * for that type and fails. This client lets the adapter read them as text and remembers where they were;
 * the adapter wrapper below then reports those columns as characters again.
 */
class CharAwareClient extends pg.Client {}
const originalQuery = pg.Client.prototype.query
Object.defineProperty(CharAwareClient.prototype, 'query', {
  value: function query(this: pg.Client, ...args: unknown[]): unknown {
    const callbackIndex = args.findIndex((arg) => typeof arg === 'function')
    if (callbackIndex >= 0) {
      const callback = args[callbackIndex] as (error: unknown, result: unknown) => void
      args[callbackIndex] = (error: unknown, result: unknown) => callback(error, noteCharColumns(result))
      return Reflect.apply(originalQuery, this, args)
    }
    const outcome: unknown = Reflect.apply(originalQuery, this, args)
    return outcome instanceof Promise ? outcome.then(noteCharColumns) : outcome
  },
})

const restoreCharColumns = (resultSet: SqlResultSet): SqlResultSet => {
  const positions = charColumnsOfRows.get(resultSet.rows)
  for (const position of positions ?? []) resultSet.columnTypes[position] = ColumnTypeEnum.Character
  return resultSet
}

const withCharColumns = <T extends SqlQueryable>(queryable: T): T =>
  new Proxy(queryable, {
    get(target, property, receiver) {
      if (property === 'queryRaw') {
        return async (query: SqlQuery) => restoreCharColumns(await target.queryRaw(query))
      }
      if (property === 'startTransaction' && 'startTransaction' in target) {
        const adapter = target as unknown as SqlDriverAdapter
        return async (...args: Parameters<SqlDriverAdapter['startTransaction']>) =>
          withCharColumns(await adapter.startTransaction(...args))
      }
      const value: unknown = Reflect.get(target, property, receiver)
      return typeof value === 'function' ? value.bind(target) : value
    },
  })

const charAwareFactory = (connectionString: string): SqlMigrationAwareDriverAdapterFactory => {
  // Idle connections are cut when a throwaway cluster stops; that is expected, not a crash.
  const factory = new PrismaPg(
    { connectionString, Client: CharAwareClient },
    { onPoolError: () => undefined, onConnectionError: () => undefined },
  )
  return {
    provider: factory.provider,
    adapterName: factory.adapterName,
    connect: async () => withCharColumns(await factory.connect()),
    connectToShadowDb: async () => withCharColumns(await factory.connectToShadowDb()),
  }
}

/** Opens the engine against a PostgreSQL server; shadow databases are created there when needed. */
export const openSchemaEngine = async (connectionString: string): Promise<SchemaEngine> => {
  await loadWasm()
  const schema = await readSchema()
  const logs: string[] = []
  return engineBindings.SchemaEngine.new(
    { datamodels: [[schema.path, schema.content]] },
    (line: string) => logs.push(line),
    bindMigrationAwareSqlAdapterFactory(charAwareFactory(connectionString)),
  )
}

export const lockfileContent = '# Please do not edit this file manually\n# It should be added in your version-control system (e.g., Git)\nprovider = "postgresql"\n'

/** The migrations folder in the shape the engine expects (the same shape the Prisma CLI builds). */
export const readMigrationList = async (dir = migrationsDir): Promise<MigrationList> => {
  const entries = await readdir(dir, { withFileTypes: true }).catch(() => [])
  const folders = entries.filter((entry) => entry.isDirectory()).map((entry) => entry.name).sort()
  const lockPath = join(dir, 'migration_lock.toml')
  return {
    baseDir: dir,
    lockfile: { path: 'migration_lock.toml', content: await readFile(lockPath, 'utf8').catch(() => null) },
    shadowDbInitScript: '',
    migrationDirectories: await Promise.all(
      folders.map(async (folder) => ({
        path: folder,
        migrationFile: {
          path: 'migration.sql',
          content: await readFile(join(dir, folder, 'migration.sql'), 'utf8').then(
            (value) => ({ tag: 'ok' as const, value }),
            (error: Error) => ({ tag: 'error' as const, value: error.message }),
          ),
        },
      })),
    ),
  }
}

export const noFilters = { externalTables: [], externalEnums: [] }
