import { expect, test } from '@playwright/test';
import { customerRow, expectSignedIn, searchCustomers, signInToConsole } from '../support/console';
import { uniqueCustomer } from '../support/customers';
import { pickRegion, signInToH5 } from '../support/h5';
import { people } from '../support/product';

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
  await expect(consolePage.getByText(customer.phoneDisplay).first()).toBeVisible();
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
