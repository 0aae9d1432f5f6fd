// `pnpm bench:web`: builds and starts the product, then runs Lighthouse in Debian Chromium on
//  - the H5 register page with the mobile profile (simulated slow 4G, 4x CPU), signed in as staff;
//  - the console login page with the desktop profile;
// and prints LCP and total transfer size against the targets.
import { spawn } from 'node:child_process';
import { cpus, totalmem } from 'node:os';
import { rmSync } from 'node:fs';
import path from 'node:path';
import lighthouse from 'lighthouse';
import desktopConfig from 'lighthouse/core/config/desktop-config.js';
import puppeteer from 'puppeteer-core';
import { buildTargets } from './build.mjs';
import { chromiumArgs, chromiumPath } from './chromium.mjs';
import { repoRoot } from './targets.mjs';

const port = process.env.BENCH_PORT ?? '18790';
const origin = `http://127.0.0.1:${port}`;
const staff = { username: 'sales1', password: 'bench-Demo-pass-2026' };
const dataDir = path.join(repoRoot, '.tmp', 'bench-web-data');

async function startProduct() {
  rmSync(dataDir, { recursive: true, force: true });
  const server = spawn('node', ['--expose-gc', path.join(repoRoot, 'server/dist/main.js')], {
    cwd: repoRoot,
    stdio: ['ignore', 'ignore', 'inherit'],
    env: { ...process.env, PORT: port, HOST: '127.0.0.1', DATA_DIR: dataDir, DATABASE_URL: '',
      ADMIN_PASSWORD: 'bench-Admin-pass-2026', DEMO_PASSWORD: staff.password, LOG_LEVEL: 'warn' },
  });
  for (let attempt = 0; attempt < 240; attempt += 1) {
    const healthy = await fetch(`${origin}/api/health`).then((response) => response.ok, () => false);
    if (healthy) return server;
    await new Promise((resolve) => setTimeout(resolve, 500));
  }
  server.kill('SIGTERM');
  throw new Error('the product did not become healthy within 120 s');
}

// The staff in the figures read Chinese: the pages follow the browser's language, as on their phones.
async function speakChinese(page) {
  const session = await page.createCDPSession();
  await session.send('Emulation.setLocaleOverride', { locale: 'zh-CN' });
}

// Signs in through the H5 login page itself, so the register page is measured as staff see it.
async function signInOnH5(page) {
  await speakChinese(page);
  await page.goto(`${origin}/m/login`, { waitUntil: 'networkidle0' });
  await page.locator('input:not([type=password])').fill(staff.username);
  await page.locator('input[type=password]').fill(staff.password);
  await page.locator('.action-button--primary').click();
  await page.waitForFunction(() => location.pathname.startsWith('/m/register'), { timeout: 30_000 });
}

async function measure(browser, url, config, label) {
  const page = await browser.newPage();
  await speakChinese(page);
  // Storage is kept so the staff member stays signed in, but the HTTP cache is emptied: a first visit.
  const session = await page.createCDPSession();
  await session.send('Network.clearBrowserCache');
  const result = await lighthouse(url, { output: 'json', logLevel: 'error', disableStorageReset: true }, config, page);
  await page.close();
  const audits = result.lhr.audits;
  return {
    label,
    lcpMs: audits['largest-contentful-paint'].numericValue,
    transferKiB: audits['total-byte-weight'].numericValue / 1024,
    score: result.lhr.categories.performance.score,
    shownUrl: result.lhr.finalDisplayedUrl,
  };
}

buildTargets(['server', 'console', 'h5']);
const server = await startProduct();
const browser = await puppeteer.launch({
  executablePath: chromiumPath(),
  headless: true,
  args: [...chromiumArgs, '--headless=new'],
});
try {
  const loginPage = await browser.newPage();
  await signInOnH5(loginPage);
  await loginPage.close();
  const results = [
    { ...(await measure(browser, `${origin}/m/register`, undefined, 'H5 register page, mobile profile')), targetMs: 3000 },
    { ...(await measure(browser, `${origin}/login`, desktopConfig, 'console login page, desktop profile')), targetMs: 2500 },
  ];
  console.log(`\nMachine: ${cpus().length} × ${cpus()[0]?.model ?? 'unknown CPU'}, ${(totalmem() / 2 ** 30).toFixed(0)} GiB, Node ${process.version}`);
  for (const result of results) {
    const verdict = result.lcpMs <= result.targetMs ? 'meets' : 'MISSES';
    console.log(`${result.label}: LCP ${(result.lcpMs / 1000).toFixed(2)} s (target ≤ ${result.targetMs / 1000} s, ${verdict}), ` +
      `total transfer ${result.transferKiB.toFixed(0)} KiB, performance score ${Math.round(result.score * 100)} (${result.shownUrl})`);
  }
} finally {
  await browser.close();
  server.kill('SIGTERM');
}
