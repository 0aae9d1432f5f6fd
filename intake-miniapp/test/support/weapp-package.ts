import { spawnSync } from 'node:child_process'
import { chmodSync, copyFileSync, existsSync, mkdtempSync, readdirSync, readFileSync, statSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { fileURLToPath } from 'node:url'

export const packageDir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..')
export const weappDir = path.join(packageDir, 'dist/weapp')

// What the WeChat package is built from; generated files are outputs of the build, not inputs.
const buildInputs = ['src', 'config', 'package.json', 'babel.config.js', 'project.config.json', 'tsconfig.json', '../server/openapi.json']
const generatedPaths = [path.join(packageDir, 'src/generated'), path.join(packageDir, 'src/api/schema.d.ts')]

/** Every file under `dir`, as paths relative to it with forward slashes. */
export function listFiles(dir: string, base = dir): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name)
    if (entry.isDirectory()) return listFiles(full, base)
    return [path.relative(base, full).split(path.sep).join('/')]
  })
}

function newestInputTime(): number {
  let newest = 0
  const visit = (target: string) => {
    if (!existsSync(target) || generatedPaths.some((generated) => target.startsWith(generated))) return
    const stats = statSync(target)
    if (stats.isDirectory()) {
      for (const entry of readdirSync(target)) visit(path.join(target, entry))
    } else {
      newest = Math.max(newest, stats.mtimeMs)
    }
  }
  for (const input of buildInputs) visit(path.join(packageDir, input))
  return newest
}

/** Builds the WeChat package unless dist/weapp is newer than everything it is built from. */
export function ensureWeappBuild(): void {
  const marker = path.join(weappDir, 'app.js')
  if (existsSync(marker) && statSync(marker).mtimeMs >= newestInputTime()) return
  const build = spawnSync('pnpm', ['run', 'build:weapp'], { cwd: packageDir, encoding: 'utf8', env: { ...process.env, CI: 'true' } })
  if (build.status !== 0) {
    throw new Error(`pnpm run build:weapp failed (${build.status}):\n${build.stdout}\n${build.stderr}`)
  }
}

export interface CompileResult {
  status: number | null
  stdout: string
  stderr: string
}

// WeChat's compilers ship in npm's miniprogram-compiler without the executable bit. They are copied
// to a private folder before being made executable, so that pnpm's shared store is left as installed.
const compilerCopies = new Map<string, string>()

function compilerBinary(name: 'wcc' | 'wcsc'): string {
  const copied = compilerCopies.get(name)
  if (copied) return copied
  const shipped = path.join(packageDir, 'node_modules/miniprogram-compiler/bin/linux', name)
  const folder = mkdtempSync(path.join(tmpdir(), 'kezhi-wechat-compiler-'))
  const executable = path.join(folder, name)
  copyFileSync(shipped, executable)
  chmodSync(executable, 0o755)
  compilerCopies.set(name, executable)
  return executable
}

function run(binary: string, args: string[], cwd: string): CompileResult {
  const result = spawnSync(binary, args, { cwd, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 })
  if (result.error) throw result.error
  return { status: result.status, stdout: result.stdout, stderr: result.stderr }
}

function readUsingComponents(root: string, file: string): string[] {
  const jsonFile = path.join(root, file.replace(/\.(wxml|wxss)$/, '.json'))
  if (!existsSync(jsonFile)) return []
  const config: { usingComponents?: Record<string, string> } = JSON.parse(readFileSync(jsonFile, 'utf8'))
  return Object.keys(config.usingComponents ?? {})
}

/**
 * Compiles every .wxml (with the .wxs modules) in one wcc run, as WeChat's tools do: wcc needs the
 * whole set to resolve imports. `-cc` takes one argument listing, for each file that uses custom
 * components, "<file> <count> <names...>", preceded by the number of such files.
 */
export function compileWxml(root: string, wxmlFiles: string[], wxsFiles: string[], outputFile: string): CompileResult {
  const withComponents = wxmlFiles
    .map((file) => ({ file, components: readUsingComponents(root, file) }))
    .filter((entry) => entry.components.length > 0)
  const componentDefinition = [
    String(withComponents.length),
    ...withComponents.flatMap((entry) => [entry.file, String(entry.components.length), ...entry.components]),
  ].join(' ')
  return run(compilerBinary('wcc'), ['-d', '-cc', componentDefinition, ...wxmlFiles, ...wxsFiles, '-gn', '$gwx', '-o', outputFile], root)
}

/**
 * Compiles every .wxss in one wcsc run. `-pc N` says that the first N files are page or component
 * styles (those with a .json beside them); the rest are only imported.
 */
export function compileWxss(root: string, wxssFiles: string[], outputFile: string): CompileResult {
  const pageStyles = wxssFiles.filter((file) => existsSync(path.join(root, file.replace(/\.wxss$/, '.json'))))
  const importedStyles = wxssFiles.filter((file) => !pageStyles.includes(file))
  return run(compilerBinary('wcsc'), ['-db', '-pc', String(pageStyles.length), ...pageStyles, ...importedStyles, '-o', outputFile], root)
}
