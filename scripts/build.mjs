// Builds every target whose inputs changed since its last build (or all of them with --force).
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { pathToFileURL } from 'node:url';
import { inputHash, repoRoot, stampFile, targets } from './targets.mjs';

export function buildTargets(names, { force = false } = {}) {
  for (const name of names) {
    const target = targets[name];
    const hash = inputHash(target);
    const stamp = stampFile(target);
    if (!force && existsSync(stamp) && readFileSync(stamp, 'utf8') === hash) {
      console.log(`[build] ${target.label}: up to date`);
      continue;
    }
    console.log(`[build] ${target.label}: building…`);
    const started = Date.now();
    const [command, args] = target.command;
    const result = spawnSync(command, args, { cwd: repoRoot, stdio: 'inherit' });
    if (result.status !== 0) {
      throw new Error(`[build] ${target.label} failed (exit ${result.status ?? result.signal})`);
    }
    writeFileSync(stamp, hash);
    console.log(`[build] ${target.label}: built in ${((Date.now() - started) / 1000).toFixed(1)} s`);
  }
}

if (import.meta.url === pathToFileURL(process.argv[1]).href) {
  const args = process.argv.slice(2);
  const force = args.includes('--force');
  const names = args.filter((arg) => !arg.startsWith('--'));
  try {
    buildTargets(names.length > 0 ? names : Object.keys(targets), { force });
  } catch (error) {
    console.error(error instanceof Error ? error.message : error);
    process.exit(1);
  }
}
