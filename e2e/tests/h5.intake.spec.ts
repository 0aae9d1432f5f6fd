import { expect, test } from '@playwright/test';
import { createCustomerThroughApi, signInToApi } from '../support/api';
import { uniqueCustomer } from '../support/customers';
import { signInToH5 } from '../support/h5';
import { people } from '../support/product';

test('a registration whose answer is lost when the signal drops is resent after recovery and saved exactly once', async ({ page, context, request }) => {
  const customer = uniqueCustomer();
  await signInToH5(page, people.staff);
  await expect(page).toHaveURL(/\/m\/register/);
  await page.getByPlaceholder('请输入客户姓名').fill(customer.name);
  await page.getByPlaceholder('请输入 11 位手机号').fill(customer.phone);

  // The request reaches the server and is saved there, but the phone loses its signal before the answer arrives.
  const keysSent: string[] = [];
  await page.route('**/api/customers', async (route) => {
    if (route.request().method() !== 'POST') return route.continue();
    keysSent.push(route.request().headers()['idempotency-key'] ?? '');
    await route.fetch();
    await context.setOffline(true);
    await route.abort('internetdisconnected');
  });
  await page.getByRole('button', { name: '提交登记' }).click();

  await expect(page.getByText('已保存到待发送，网络恢复后自动提交')).toBeVisible();
  await expect(page.getByText('待发送 1')).toBeVisible();
  expect(keysSent).toHaveLength(1);
  expect(keysSent[0]).toMatch(/^[A-Za-z0-9_-]{8,100}$/);

  // Signal back: the outbox sends the same submission again, with the same key.
  await page.unroute('**/api/customers');
  const resent = page.waitForResponse((response) => response.url().endsWith('/api/customers') && response.request().method() === 'POST');
  await context.setOffline(false);
  const answer = await resent;
  expect(answer.status()).toBe(201);
  expect(answer.request().headers()['idempotency-key']).toBe(keysSent[0]);
  expect(answer.headers()['idempotent-replayed']).toBe('true');
  await expect(page.getByText('待发送 1')).toBeHidden();

  const headers = await signInToApi(request, people.manager);
  const found = await (await request.get('/api/customers', { headers, params: { keyword: customer.phone } })).json();
  expect(found.total).toBe(1);
  expect(found.items[0].name).toBe(customer.name);
});

test('a request aborted before it reaches the server waits in the outbox and the manual retry saves the customer once', async ({ page, request }) => {
  const customer = uniqueCustomer();
  await signInToH5(page, people.staff);
  await expect(page).toHaveURL(/\/m\/register/);
  await page.getByPlaceholder('请输入客户姓名').fill(customer.name);
  await page.getByPlaceholder('请输入 11 位手机号').fill(customer.phone);

  await page.route('**/api/customers', (route) => (route.request().method() === 'POST' ? route.abort('connectionreset') : route.continue()));
  await page.getByRole('button', { name: '提交登记' }).click();
  await expect(page.getByText('待发送 1')).toBeVisible();

  await page.unroute('**/api/customers');
  const resent = page.waitForResponse((response) => response.url().endsWith('/api/customers') && response.request().method() === 'POST');
  await page.getByRole('button', { name: '立即重试' }).click();
  expect((await resent).status()).toBe(201);
  await expect(page.getByText('待发送 1')).toBeHidden();

  const headers = await signInToApi(request, people.manager);
  const found = await (await request.get('/api/customers', { headers, params: { keyword: customer.phone } })).json();
  expect(found.total).toBe(1);
});

test('the H5 catches a phone that is already registered and offers the existing customer instead of a second one', async ({ page, request }) => {
  const known = uniqueCustomer();
  const existing = await createCustomerThroughApi(request, people.staff, known);
  await signInToH5(page, people.staff);
  await expect(page).toHaveURL(/\/m\/register/);

  await page.getByPlaceholder('请输入客户姓名').fill(`${known.name}二号`);
  await page.getByPlaceholder('请输入 11 位手机号').fill(known.phone);
  await page.getByRole('button', { name: '提交登记' }).click();

  const warning = page.getByRole('alert').filter({ hasText: `该手机号已登记（客户：${known.name}），查看该客户？` });
  await expect(warning).toBeVisible();
  await expect(page).toHaveURL(/\/m\/register/);
  const headers = await signInToApi(request, people.manager);
  const found = await (await request.get('/api/customers', { headers, params: { keyword: known.phone } })).json();
  expect(found.total).toBe(1);

  await warning.getByRole('button', { name: '查看该客户' }).click();
  await expect(page).toHaveURL(new RegExp(`/customers/${existing.id}$`));
});
