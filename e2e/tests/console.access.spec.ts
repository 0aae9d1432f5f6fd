import { expect, test, type Page } from '@playwright/test';
import { createCustomerThroughApi } from '../support/api';
import { buttonName, customerRow, expectSignedIn, searchCustomers, signInToConsole } from '../support/console';
import { uniqueCustomer } from '../support/customers';
import { people } from '../support/product';

// Who sees what: roles made in the console, data scopes the server applies, masked phones and audited reveals.

const maskedMobile = /1\d{2}\*{4}\d{4}/;

async function chooseOption(page: Page, label: string, option: string) {
  // Required fields read "* 角色" and search forms "操作 :": the marks are part of the accessible name.
  await page.getByRole('combobox', { name: new RegExp(`^(\\* )?${label}( :)?$`) }).click();
  await page.locator('.ant-select-dropdown:visible').getByTitle(option, { exact: true }).click();
}

test('an admin creates a role in the permission matrix and a user with it, who then signs in with that role', async ({ page }) => {
  const suffix = `${Date.now() % 100_000}`;
  const roleName = `店员${suffix}`;
  const username = `clerk${suffix}`;
  await signInToConsole(page, people.admin);
  await expect(page).toHaveURL(/\/customers/);

  await page.goto('/system/roles');
  await page.getByRole('button', { name: /新建角色/ }).click();
  const roleDialog = page.getByRole('dialog', { name: /新建角色/ });
  await roleDialog.getByLabel('角色名称').fill(roleName);
  for (const permission of ['查看客户', '新建客户', '编辑客户']) {
    await roleDialog.getByRole('checkbox', { name: permission, exact: true }).check();
  }
  await roleDialog.getByRole('combobox', { name: '客户数据范围' }).click();
  await page.locator('.ant-select-dropdown:visible').getByTitle('本人', { exact: true }).click();
  await roleDialog.getByRole('button', { name: buttonName('保存') }).click();
  await expect(page.getByText(`已创建角色「${roleName}」`)).toBeVisible();
  await expect(page.getByRole('row').filter({ hasText: roleName })).toBeVisible();

  await page.goto('/system/users');
  await page.getByRole('button', { name: /新建用户/ }).click();
  const userDialog = page.getByRole('dialog', { name: /新建用户/ });
  await userDialog.getByLabel('用户名').fill(username);
  await userDialog.getByLabel('姓名').fill(`店员${suffix}`);
  await userDialog.getByLabel('初始密码').fill('Clerk-first-pass-2026');
  await chooseOption(page, '角色', roleName);
  await chooseOption(page, '团队', '杭州西湖店');
  await userDialog.getByRole('button', { name: buttonName('保存') }).click();
  await expect(page.getByText(`已创建用户「店员${suffix}」`)).toBeVisible();

  // The new colleague signs in; the password an admin chose must be replaced first.
  await page.context().clearCookies();
  await page.evaluate(() => window.localStorage.clear());
  await signInToConsole(page, { username, password: 'Clerk-first-pass-2026' });
  await page.getByLabel('当前密码').fill('Clerk-first-pass-2026');
  await page.getByLabel('新密码', { exact: true }).fill('Clerk-own-pass-2026');
  await page.getByLabel('确认新密码').fill('Clerk-own-pass-2026');
  await page.getByRole('button', { name: buttonName('修改密码并继续') }).click();
  await expectSignedIn(page, `店员${suffix}`);
  // Own scope and nobody's customers yet: an empty list, and no way into the system pages.
  await expect(page.getByText('共 0 位客户')).toBeVisible();
  await expect(page.getByRole('menuitem', { name: /系统管理/ })).toHaveCount(0);
});

test('a sales rep sees only her own customers, with masked phones and nothing to reveal', async ({ page, request }) => {
  const hers = uniqueCustomer();
  const colleagues = uniqueCustomer();
  const marker = `范围${hers.phone.slice(-6)}`;
  await createCustomerThroughApi(request, people.staff, { ...hers, name: `${marker}自己` });
  await createCustomerThroughApi(request, people.sales2, { ...colleagues, name: `${marker}同事` });

  await signInToConsole(page, people.staff);
  await expectSignedIn(page, people.staff.displayName);
  await searchCustomers(page, marker);
  await expect(page.getByText('共 1 位客户')).toBeVisible();
  const row = customerRow(page, `${marker}自己`);
  await expect(row).toContainText(hers.phoneMasked);
  await expect(row).not.toContainText(hers.phone);
  await expect(customerRow(page, `${marker}同事`)).toHaveCount(0);

  await row.getByRole('link', { name: `${marker}自己` }).click();
  await expect(page.getByText(hers.phoneMasked).first()).toBeVisible();
  await expect(page.getByRole('button', { name: /查看完整号码/ })).toHaveCount(0);
  await expect(page.getByText(maskedMobile).first()).toBeVisible();
});

test("the manager sees the team's customers, not another region's", async ({ page, request }) => {
  const westLake = uniqueCustomer();
  const guangzhou = uniqueCustomer();
  const marker = `团队${westLake.phone.slice(-6)}`;
  // 李娜 works in 杭州西湖店 under the manager's 华东大区; 张伟 in 广州天河店 under 华南大区.
  await createCustomerThroughApi(request, people.staff, { ...westLake, name: `${marker}西湖` });
  await createCustomerThroughApi(request, people.sales2, { ...guangzhou, name: `${marker}天河` });

  await signInToConsole(page, people.manager);
  await expectSignedIn(page, people.manager.displayName);
  await searchCustomers(page, marker);
  await expect(page.getByText('共 1 位客户')).toBeVisible();
  await expect(customerRow(page, `${marker}西湖`)).toContainText(people.staff.displayName);
  await expect(customerRow(page, `${marker}天河`)).toHaveCount(0);
});

test('a reveal shows the full number and appears on the audit page', async ({ page, request }) => {
  const customer = uniqueCustomer();
  const name = `揭示${customer.phone.slice(-6)}`;
  const created = await createCustomerThroughApi(request, people.staff, { ...customer, name });

  await signInToConsole(page, people.manager);
  await expectSignedIn(page, people.manager.displayName);
  await page.goto(`/customers/${created.id}`);
  await expect(page.getByText(customer.phoneMasked).first()).toBeVisible();
  await page.getByRole('button', { name: /查看完整号码/ }).first().click();
  await expect(page.getByText(customer.phoneDisplay).first()).toBeVisible();

  // The admin finds the reveal in the audit log: who, what and which customer.
  await page.evaluate(() => window.localStorage.clear());
  await signInToConsole(page, people.admin);
  await expect(page).toHaveURL(/\/customers/);
  await page.goto('/system/audit');
  await chooseOption(page, '操作', '查看完整号码');
  await page.getByRole('button', { name: buttonName('查询') }).click();
  const entry = page.getByRole('row').filter({ hasText: name }).first();
  await expect(entry).toContainText(people.manager.displayName);
  await expect(entry).toContainText('查看完整号码');
});
