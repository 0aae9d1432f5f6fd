// `pnpm start`: build what is not built, then run the product in this process.
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { buildTargets } from './build.mjs';
import { repoRoot } from './targets.mjs';

try {
  buildTargets(['server', 'console', 'h5']);
} catch (error) {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
}
await import(pathToFileURL(path.join(repoRoot, 'server/dist/main.js')).href);
