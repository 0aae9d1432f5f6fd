// The build targets of the workspace and the inputs whose content decides whether a target is stale.
import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

// Generated or installed paths never count as inputs: rebuilding must not depend on its own output.
const skippedNames = new Set([
  'node_modules', 'dist', '.umi', '.umi-production', '.umi-test', 'generated', 'schema.d.ts',
  'test-results', 'playwright-report', '.turbo', '.cache',
]);

const miniappInputs = ['intake-miniapp/src', 'intake-miniapp/config', 'intake-miniapp/package.json',
  'intake-miniapp/babel.config.js', 'intake-miniapp/project.config.json', 'intake-miniapp/tsconfig.json',
  'server/openapi.json'];

export const targets = {
  server: {
    label: 'server',
    command: ['pnpm', ['--filter', '@kezhi/server', 'run', 'build']],
    inputs: ['server/src', 'server/package.json', 'server/tsconfig.json', 'server/tsconfig.build.json',
      'prisma/schema.prisma', 'prisma/prisma.config.ts', 'prisma/scripts/generate.mjs'],
    output: 'server/dist',
  },
  console: {
    label: 'admin console',
    command: ['pnpm', ['--filter', '@kezhi/admin-web', 'run', 'build']],
    inputs: ['admin-web/src', 'admin-web/config', 'admin-web/.umirc.ts', 'admin-web/package.json',
      'admin-web/tsconfig.json', 'admin-web/public', 'server/openapi.json'],
    output: 'admin-web/dist',
  },
  h5: {
    label: 'mini-program H5',
    command: ['pnpm', ['--filter', '@kezhi/intake-miniapp', 'run', 'build:h5']],
    inputs: miniappInputs,
    output: 'intake-miniapp/dist/h5',
  },
  weapp: {
    label: 'mini-program WeChat package',
    command: ['pnpm', ['--filter', '@kezhi/intake-miniapp', 'run', 'build:weapp']],
    inputs: miniappInputs,
    output: 'intake-miniapp/dist/weapp',
  },
};

function collectFiles(relativePath, found) {
  const absolute = path.join(repoRoot, relativePath);
  if (!existsSync(absolute)) return;
  const stats = statSync(absolute);
  if (stats.isFile()) {
    found.push(relativePath);
    return;
  }
  for (const entry of readdirSync(absolute)) {
    if (skippedNames.has(entry) || entry.startsWith('.umi')) continue;
    collectFiles(path.join(relativePath, entry), found);
  }
}

export function inputHash(target) {
  const files = [];
  for (const input of target.inputs) collectFiles(input, files);
  const hash = createHash('sha256');
  for (const file of files.sort()) {
    hash.update(file);
    hash.update('\0');
    hash.update(readFileSync(path.join(repoRoot, file)));
    hash.update('\0');
  }
  return hash.digest('hex');
}

export const stampFile = (target) => path.join(repoRoot, target.output, '.kezhi-build-hash');
