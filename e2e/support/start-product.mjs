// Starts the built server on an empty DATA_DIR so every run begins from the same first-start state.
import { rmSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const dataDir = process.env.DATA_DIR;
if (!dataDir || !dataDir.includes('.tmp')) throw new Error('e2e DATA_DIR must be a throw-away folder under .tmp');
rmSync(dataDir, { recursive: true, force: true });

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
await import(pathToFileURL(path.join(repoRoot, 'server', 'dist', 'main.js')).href);
