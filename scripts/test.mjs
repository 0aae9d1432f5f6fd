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
  failures: (report) => report.testResults.flatMap((file) => {
    const fileName = path.relative(repoRoot, file.name);
    const failedTests = file.assertionResults.filter((test) => test.status === 'failed' || test.status === 'todo');
    // A file that failed outside any test (an import error, a hook) has no failed assertion of its own.
    if (failedTests.length === 0 && file.status === 'failed') return [{ title: fileName, message: file.message ?? '' }];
    return failedTests.map((test) => ({ title: `${fileName} > ${test.fullName}`, message: test.failureMessages.join('\n') }));
  }),
});

// Playwright nests suites (file > describe > spec); every spec whose tests did not all pass is listed.
const playwrightFailures = (suite) => [
  ...(suite.specs ?? []).filter((spec) => !spec.ok).map((spec) => ({
    title: `${spec.file}:${spec.line} > ${spec.title}`,
    message: spec.tests.flatMap((test) => test.results.map((result) => result.error?.message ?? '')).join('\n'),
  })),
  ...(suite.suites ?? []).flatMap(playwrightFailures),
];

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
    failures: (report) => report.suites.flatMap(playwrightFailures),
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
const failures = [];
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
  if (existsSync(reportFile)) {
    const report = JSON.parse(readFileSync(reportFile, 'utf8'));
    counts = suite.counts(report);
    failures.push(...suite.failures(report).map((failure) => ({ ...failure, suite: suite.name })));
  }
  // A runner that crashed before reporting, or exited non-zero with no failing test, still fails the run.
  if (run.status !== 0 && counts.failed === 0) counts.failed = 1;
  passed += counts.passed;
  failed += counts.failed;
  summary.push(`${suite.name}: ${counts.passed} passed, ${counts.failed} failed in ${((Date.now() - started) / 1000).toFixed(0)} s`);
}

// Repeated at the very end because a long run's log is often read only from its tail.
for (const failure of failures) {
  const firstLines = failure.message.split('\n').filter((line) => line.trim() !== '').slice(0, 6).join('\n    ');
  console.log(`\n[test] FAILED ${failure.suite}: ${failure.title}\n    ${firstLines}`);
}
console.log(`\n[test] ${summary.join('\n[test] ')}`);
console.log(`${passed} passed, ${failed} failed`);
process.exit(failed > 0 || passed === 0 ? 1 : 0);
