// Runs `prisma generate` without letting the CLI download its native schema engine: the download host is
// often unreachable (offline installs, mainland networks) and generate never runs that engine anyway.
// Setting PRISMA_SCHEMA_ENGINE_BINARY to any existing file is enough to skip the download.
import { spawnSync } from 'node:child_process'
import { createRequire } from 'node:module'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'

const prismaDir = join(dirname(fileURLToPath(import.meta.url)), '..')
const require = createRequire(import.meta.url)
const prismaCli = join(dirname(require.resolve('prisma/package.json')), 'build', 'index.js')

const env = { ...process.env, PRISMA_HIDE_UPDATE_MESSAGE: '1', CHECKPOINT_DISABLE: '1' }
env.PRISMA_SCHEMA_ENGINE_BINARY ??= process.execPath

const result = spawnSync(process.execPath, [prismaCli, 'generate'], { cwd: prismaDir, env, stdio: 'inherit' })
process.exit(result.status ?? 1)
