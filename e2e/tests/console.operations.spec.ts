import { expect, test } from '@playwright/test';
import { createHmac } from 'node:crypto';
import { statSync } from 'node:fs';
import { createServer, type IncomingHttpHeaders } from 'node:http';
import type { AddressInfo } from 'node:net';
import { buttonName, signInToConsole } from '../support/console';
import { people } from '../support/product';

// The administrator connects an integration and makes sure the data survives a bad day: a webhook to a local
// receiver, a test event that arrives signed, a replay from the delivery log; then a backup made and downloaded.

interface Received {
  headers: IncomingHttpHeaders;
  body: string;
}

async function startReceiver() {
  const received: Received[] = [];
  const server = createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      received.push({ headers: request.headers, body: Buffer.concat(chunks).toString('utf8') });
      response.writeHead(204).end();
    });
  });
  server.listen(0, '127.0.0.1');
  await new Promise<void>((resolve) => server.once('listening', () => resolve()));
  const { port } = server.address() as AddressInfo;
  return { url: `http://127.0.0.1:${port}/kezhi`, received, close: () => new Promise<void>((resolve) => server.close(() => resolve())) };
}

const signatureOf = (secret: string, delivery: Received) =>
  `v1=${createHmac('sha256', secret).update(`${String(delivery.headers['x-kezhi-timestamp'])}.${delivery.body}`).digest('hex')}`;

test.use({ actionTimeout: 15_000 });

test('an administrator subscribes a receiver to webhooks, sees the signed test event delivered, replays it, and backs the database up', async ({ page }) => {
  test.setTimeout(120_000);
  const receiver = await startReceiver();
  const name = `订单同步${Date.now() % 100_000}`;
  try {
    await signInToConsole(page, people.admin);
    await expect(page).toHaveURL(/\/customers/);

    await page.goto('/system/webhooks');
    await page.getByRole('button', { name: /新建 Webhook/ }).click();
    const form = page.getByRole('dialog', { name: '新建 Webhook' });
    await form.getByLabel('名称').fill(name);
    await form.getByLabel('推送地址').fill(receiver.url);
    await form.getByRole('checkbox', { name: /order\.created/ }).check();
    await form.getByRole('button', { name: buttonName('保存') }).click();

    // The secret is shown once; the receiver checks every signature with it.
    const created = page.getByRole('dialog', { name: `Webhook「${name}」已创建` });
    const secret = await created.getByLabel('签名密钥').inputValue();
    expect(secret).toMatch(/^whsec_/);
    await created.getByRole('button', { name: buttonName('我已保存') }).click();

    const actions = page.getByRole('group', { name: `${name} 的操作` });
    await actions.getByRole('button', { name: /发送测试/ }).click();
    await expect.poll(() => receiver.received.length, { timeout: 30_000 }).toBe(1);
    const first = receiver.received[0];
    expect(first.headers['x-kezhi-event']).toBe('webhook.test');
    expect(first.headers['x-kezhi-signature']).toBe(signatureOf(secret, first));

    await actions.getByRole('button', { name: /投递记录/ }).click();
    const log = page.getByRole('dialog', { name: `「${name}」的投递记录` });
    const deliveries = log.getByRole('table', { name: '投递记录' });
    await expect(deliveries.getByText('webhook.test')).toBeVisible();
    await expect(deliveries.getByText('已送达')).toBeVisible();
    await log.getByRole('button', { name: /重新投递/ }).first().click();
    await expect.poll(() => receiver.received.length, { timeout: 30_000 }).toBe(2);
    const replayed = receiver.received[1];
    // The same event, sent again under a new delivery id and a fresh signature.
    expect(JSON.parse(replayed.body).id).toBe(JSON.parse(first.body).id);
    expect(replayed.headers['x-kezhi-delivery']).not.toBe(first.headers['x-kezhi-delivery']);
    expect(replayed.headers['x-kezhi-signature']).toBe(signatureOf(secret, replayed));
    await log.getByRole('button', { name: /刷新/ }).click();
    await expect(deliveries.getByText('已送达')).toHaveCount(2);
    await page.keyboard.press('Escape');

    await page.goto('/system/backups');
    await expect(page.getByText('每天 03:30（Asia/Shanghai）')).toBeVisible();
    await page.getByRole('button', { name: /立即备份/ }).click();
    await expect(page.getByText(/备份完成：kezhi-backup-\d{8}-\d{6}\.tar\.gz/)).toBeVisible({ timeout: 60_000 });
    const archive = page.getByRole('table', { name: '备份文件' }).getByRole('row').filter({ hasText: /kezhi-backup-/ }).first();
    const archiveName = (await archive.textContent())?.match(/kezhi-backup-\d{8}-\d{6}\.tar\.gz/)?.[0];
    expect(archiveName).toBeDefined();
    const downloading = page.waitForEvent('download');
    await page.getByRole('group', { name: `${archiveName} 的操作` }).getByRole('button', { name: /下载/ }).click();
    const download = await downloading;
    expect(download.suggestedFilename()).toBe(archiveName);
    const saved = await download.path();
    expect(statSync(saved).size).toBeGreaterThan(10_000);
  } finally {
    await receiver.close();
  }
});
