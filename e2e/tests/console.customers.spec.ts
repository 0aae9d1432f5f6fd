import { expect, test } from '@playwright/test';
import { buttonName, customerRow, expectSignedIn, searchCustomers, signInToConsole } from '../support/console';
import { people } from '../support/product';
import { uniqueCustomer } from '../support/customers';

test('manager signs in, creates a customer and finds it by keyword', async ({ page }) => {
  const customer = uniqueCustomer();
  await signInToConsole(page, people.manager);
  await expectSignedIn(page, people.manager.displayName);

  await page.getByRole('button', { name: /新建客户/ }).click();
  const form = page.getByRole('dialog');
  await form.getByLabel('姓名').fill(customer.name);
  await form.getByLabel('手机号').fill(customer.phone);
  await form.getByLabel('邮箱').fill(customer.email);
  await form.getByRole('button', { name: buttonName('保存') }).click();
  await expect(page.getByText(`已创建客户「${customer.name}」`)).toBeVisible();
  await expect(form).toBeHidden();

  await searchCustomers(page, customer.name);
  await expect(customerRow(page, customer.name)).toHaveCount(1);
  await expect(customerRow(page, customer.name)).toContainText(customer.phoneMasked);
  await expect(page.getByText('共 1 位客户')).toBeVisible();
});

test('a bad phone number is explained on the field and nothing is saved', async ({ page }) => {
  const customer = uniqueCustomer();
  await signInToConsole(page, people.manager);
  await expectSignedIn(page, people.manager.displayName);

  await page.getByRole('button', { name: /新建客户/ }).click();
  const form = page.getByRole('dialog');
  await form.getByLabel('姓名').fill(customer.name);
  await form.getByLabel('手机号').fill('12345');
  await form.getByRole('button', { name: buttonName('保存') }).click();
  await expect(form.getByText('请输入有效的中国大陆手机号')).toBeVisible();
  await form.getByRole('button', { name: buttonName('取消') }).click();

  await searchCustomers(page, customer.name);
  await expect(customerRow(page, customer.name)).toHaveCount(0);
});

test('a wrong password shows an error and keeps the person on the login page', async ({ page }) => {
  await signInToConsole(page, { username: people.manager.username, password: 'not-the-password' });
  await expect(page.getByRole('alert')).toContainText('用户名或密码错误');
  await expect(page).toHaveURL(/\/login/);
});

test('the language switch turns the console into English and remembers it', async ({ page }) => {
  await signInToConsole(page, people.manager);
  await expectSignedIn(page, people.manager.displayName);
  await page.getByRole('button', { name: '切换语言' }).click();
  await page.getByText('English', { exact: true }).click();
  await expect(page.getByRole('button', { name: /New customer/i })).toBeVisible();
  await page.reload();
  await expect(page.getByRole('button', { name: /New customer/i })).toBeVisible();
});
