// `pnpm test`: builds what the tests need, runs every package's tests one after another (2 cores are
// better used by one runner at a time), then prints one closing line with the totals.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync } from 'node:fs';
import path from 'node:path';
import { buildTargets } from './build.mjs';
import { repoRoot } from './targets.mjs';
import { chromiumPath } from './chromium.mjs';

const resultsDir = path.join(repoRoot, '.tmp', 'test-results');
rmSync(resultsDir, { recursive: true, force: true });
mkdirSync(resultsDir, { recursive: true });

const browser = chromiumPath();
if (!browser) {
  console.error('[test] Chromium was not found (set CHROMIUM_PATH, or on Debian: apt-get install -y chromium fonts-wqy-microhei).');
  process.exit(1);
}

const vitestSuite = (name, filter, prepare) => ({
  name,
  prepare,
  command: ['pnpm', ['--filter', filter, 'exec', 'vitest', 'run', '--reporter=default', '--reporter=json',
    `--outputFile.json=${path.join(resultsDir, `${name}.json`)}`]],
  counts: (report) => ({ passed: report.numPassedTests, failed: report.numFailedTests + (report.numTodoTests ?? 0) }),
});

const suites = [
  vitestSuite('server', '@kezhi/server'),
  // Umi writes the tsconfig its sources extend only during `max setup` (a build writes another folder).
  vitestSuite('admin-web', '@kezhi/admin-web', ['pnpm', ['--filter', '@kezhi/admin-web', 'exec', 'max', 'setup']]),
  vitestSuite('intake-miniapp', '@kezhi/intake-miniapp'),
  {
    name: 'e2e',
    command: ['pnpm', ['--filter', '@kezhi/e2e', 'exec', 'playwright', 'test', '--reporter=list,json']],
    env: { PLAYWRIGHT_JSON_OUTPUT_NAME: path.join(resultsDir, 'e2e.json') },
    counts: (report) => ({ passed: report.stats.expected + report.stats.flaky, failed: report.stats.unexpected + report.stats.skipped }),
  },
];

const onlySuites = process.argv.slice(2);
const selected = onlySuites.length > 0 ? suites.filter((suite) => onlySuites.includes(suite.name)) : suites;

try {
  buildTargets(['server', 'console', 'h5', 'weapp']);
} catch (error) {
  console.error(error instanceof Error ? error.message : error);
  console.log('0 passed, 1 failed');
  process.exit(1);
}

let passed = 0;
let failed = 0;
const summary = [];
for (const suite of selected) {
  console.log(`\n[test] ${suite.name}`);
  const started = Date.now();
  if (suite.prepare) {
    const [prepareCommand, prepareArgs] = suite.prepare;
    spawnSync(prepareCommand, prepareArgs, { cwd: repoRoot, stdio: 'inherit' });
  }
  const [command, args] = suite.command;
  const run = spawnSync(command, args, {
    cwd: repoRoot,
    stdio: 'inherit',
    env: { ...process.env, CHROMIUM_PATH: browser, ...suite.env },
  });
  const reportFile = path.join(resultsDir, `${suite.name}.json`);
  let counts = { passed: 0, failed: 1 };
  if (existsSync(reportFile)) counts = suite.counts(JSON.parse(readFileSync(reportFile, 'utf8')));
  // A runner that crashed before reporting, or exited non-zero with no failing test, still fails the run.
  if (run.status !== 0 && counts.failed === 0) counts.failed = 1;
  passed += counts.passed;
  failed += counts.failed;
  summary.push(`${suite.name}: ${counts.passed} passed, ${counts.failed} failed in ${((Date.now() - started) / 1000).toFixed(0)} s`);
}

console.log(`\n[test] ${summary.join('\n[test] ')}`);
console.log(`${passed} passed, ${failed} failed`);
process.exit(failed > 0 || passed === 0 ? 1 : 0);
