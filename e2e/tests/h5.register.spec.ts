import { expect, test } from '@playwright/test';
import { customerRow, expectSignedIn, searchCustomers, signInToConsole } from '../support/console';
import { uniqueCustomer } from '../support/customers';
import { pickRegion, signInToH5 } from '../support/h5';
import { people } from '../support/product';
import { createCustomerThroughApi, signInToApi } from '../support/api';

test('staff registers a customer on the H5 mini-program and the manager sees it in the console', async ({ page, browser }) => {
  const customer = uniqueCustomer();
  await signInToH5(page, people.staff);
  await expect(page).toHaveURL(/\/m\/register/);

  await page.getByPlaceholder('请输入客户姓名').fill(customer.name);
  await page.getByPlaceholder('请输入 11 位手机号').fill(customer.phone);
  await page.getByRole('radio', { name: '女' }).click();
  await pickRegion(page, { province: '广东省', city: '深圳市' });
  await page.getByRole('checkbox', { name: '老客户' }).click();
  await page.getByRole('button', { name: '提交登记' }).click();

  await expect(page).toHaveURL(/\/m\/success/);
  await expect(page.getByText(`已登记客户：${customer.name}`)).toBeVisible();

  const desk = await browser.newContext({ locale: 'zh-CN', viewport: { width: 1400, height: 900 } });
  const consolePage = await desk.newPage();
  await signInToConsole(consolePage, people.manager);
  await expectSignedIn(consolePage, people.manager.displayName);
  await searchCustomers(consolePage, customer.phone);
  const row = customerRow(consolePage, customer.name);
  await expect(row).toHaveCount(1);
  await expect(row).toContainText('老客户');
  await expect(row).toContainText('深圳市');
  await expect(row).toContainText(people.staff.displayName);
  await row.getByRole('link', { name: customer.name }).click();
  await expect(consolePage).toHaveURL(/\/customers\/[0-9a-f-]{36}$/);
  await expect(consolePage.getByText('女', { exact: true }).first()).toBeVisible();
  await expect(consolePage.getByText(customer.phoneMasked).first()).toBeVisible();
  await desk.close();
});

test('a wrong password on the H5 shows an error and stays on the login page', async ({ page }) => {
  await signInToH5(page, { username: people.staff.username, password: 'not-the-password' });
  await expect(page.getByText('用户名或密码错误')).toBeVisible();
  await expect(page).toHaveURL(/\/m\/login/);
});

test('the register page refuses a malformed mobile number before anything is sent', async ({ page }) => {
  const customer = uniqueCustomer();
  await signInToH5(page, people.staff);
  await expect(page).toHaveURL(/\/m\/register/);
  await page.getByPlaceholder('请输入客户姓名').fill(customer.name);
  await page.getByPlaceholder('请输入 11 位手机号').fill('1380013');
  await page.getByRole('button', { name: '提交登记' }).click();
  await expect(page.getByText('请输入正确的手机号')).toBeVisible();
  await expect(page).toHaveURL(/\/m\/register/);
});

test('staff registers the full record with two phones and an address after the H5 flags a known phone', async ({ page, request }) => {
  const known = uniqueCustomer();
  await createCustomerThroughApi(request, people.staff, known);
  const customer = uniqueCustomer();
  const workPhone = uniqueCustomer().phone;
  await signInToH5(page, people.staff);
  await expect(page).toHaveURL(/\/m\/register/);

  await page.getByPlaceholder('请输入客户姓名').fill(customer.name);
  const firstPhone = page.getByLabel('手机号 1', { exact: true });
  await firstPhone.fill(known.phone);
  await page.getByLabel('公司').click();
  const warning = page.getByRole('alert').filter({ hasText: `该手机号已登记（客户：${known.name}），查看该客户？` });
  await expect(warning).toBeVisible();
  await warning.getByRole('button', { name: '返回修改' }).click();
  await firstPhone.fill(customer.phone);

  await page.getByRole('button', { name: '添加电话' }).click();
  await page.getByLabel('手机号 2', { exact: true }).fill(workPhone);
  await page.getByLabel('邮箱').fill(customer.email);
  await page.getByLabel('公司').fill('深圳前海启明科技有限公司');
  await pickRegion(page, { province: '广东省', city: '深圳市', district: '南山区' });
  await page.getByLabel('街道').fill('科技园南路');
  await page.getByLabel('门牌号').fill('18 号 2 栋 501');
  await page.getByRole('checkbox', { name: /同意接收/ }).click();
  await page.getByRole('button', { name: '提交登记' }).click();
  await expect(page.getByText(`已登记客户：${customer.name}`)).toBeVisible();

  // What was saved is read back as the manager's console would read it.
  const headers = await signInToApi(request, people.manager);
  const found = await (await request.get('/api/customers', { headers, params: { keyword: customer.phone } })).json();
  expect(found.total).toBe(1);
  const saved = await (await request.get(`/api/customers/${found.items[0].id}`, { headers })).json();
  // Reads mask phones; the manager may reveal them (and the reveal is audited).
  const revealed = await (await request.post(`/api/customers/${found.items[0].id}/reveal`, { headers })).json();
  expect(revealed.phones.map((phone: { display: string }) => phone.display)).toEqual([customer.phoneDisplay, `${workPhone.slice(0, 3)} ${workPhone.slice(3, 7)} ${workPhone.slice(7)}`]);
  expect(saved.addresses).toEqual([expect.objectContaining({ provinceName: '广东省', cityName: '深圳市', districtName: '南山区', street: '科技园南路', houseNumber: '18 号 2 栋 501' })]);
  expect(saved.company).toBe('深圳前海启明科技有限公司');
  expect(saved.consent).toEqual(expect.objectContaining({ marketing: true, channel: 'miniapp' }));
  expect(saved.owner.displayName).toBe(people.staff.displayName);
});
