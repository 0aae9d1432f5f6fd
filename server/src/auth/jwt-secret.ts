import { randomBytes } from 'node:crypto'
import { mkdir, readFile, writeFile } from 'node:fs/promises'
import { join } from 'node:path'

/** JWT_SECRET when given; otherwise a secret generated once into DATA_DIR/jwt-secret, so tokens survive restarts. */
export const resolveJwtSecret = async (configured: string | undefined, dataDir: string): Promise<string> => {
  if (configured !== undefined) return configured
  const file = join(dataDir, 'jwt-secret')
  const existing = (await readFile(file, 'utf8').catch(() => '')).trim()
  if (existing !== '') return existing
  await mkdir(dataDir, { recursive: true })
  const secret = randomBytes(48).toString('base64url')
  // `wx` fails if another process created the file meanwhile; then its secret wins.
  await writeFile(file, `${secret}\n`, { mode: 0o600, flag: 'wx' }).catch(() => undefined)
  return (await readFile(file, 'utf8')).trim()
}
