// `pnpm dev`: the server in watch mode plus the console and the H5 in watch mode, all in one terminal.
// The server serves the H5 build from intake-miniapp/dist/h5; the console dev server proxies /api to it.
import { spawn } from 'node:child_process';
import { repoRoot } from './targets.mjs';

const processes = [
  ['server', ['--filter', '@kezhi/server', 'run', 'dev']],
  ['console', ['--filter', '@kezhi/admin-web', 'run', 'dev']],
  ['h5', ['--filter', '@kezhi/intake-miniapp', 'run', 'dev:h5']],
].map(([name, args]) => {
  const child = spawn('pnpm', args, { cwd: repoRoot, stdio: ['ignore', 'pipe', 'pipe'] });
  const prefix = (chunk) => chunk.toString().split('\n').filter(Boolean).map((line) => `[${name}] ${line}`).join('\n');
  child.stdout.on('data', (chunk) => console.log(prefix(chunk)));
  child.stderr.on('data', (chunk) => console.error(prefix(chunk)));
  child.on('exit', (code) => console.log(`[${name}] exited with ${code}`));
  return child;
});

for (const signal of ['SIGINT', 'SIGTERM']) {
  process.on(signal, () => {
    for (const child of processes) child.kill(signal);
    process.exit(0);
  });
}
