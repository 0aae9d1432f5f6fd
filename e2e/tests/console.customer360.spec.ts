import { expect, test, type Page } from '@playwright/test';
import { createCustomerThroughApi } from '../support/api';
import { buttonName, customerRow, expectSignedIn, searchCustomers, signInToConsole } from '../support/console';
import { uniqueCustomer } from '../support/customers';
import { people } from '../support/product';

async function expectCustomerPage(page: Page, name: string) {
  await expect(page).toHaveURL(/\/customers\/[0-9a-f-]{36}/);
  await expect(page.getByText(name, { exact: true }).first()).toBeVisible();
  await expect(page.getByRole('group', { name: '累计消费' })).toBeVisible();
}

async function openCustomer(page: Page, name: string) {
  await searchCustomers(page, name);
  await customerRow(page, name).getByRole('link', { name }).click();
  await expectCustomerPage(page, name);
}

test.beforeEach(async ({ page }) => {
  await signInToConsole(page, people.manager);
  await expectSignedIn(page, people.manager.displayName);
});

test('manager records a customer with two phones and an address, and finds them on the customer page', async ({ page }) => {
  const customer = uniqueCustomer();
  const second = uniqueCustomer();
  await page.getByRole('button', { name: /新建客户/ }).click();
  const form = page.getByRole('dialog', { name: '新建客户' });
  await form.getByLabel('姓名', { exact: true }).fill(customer.name);
  await form.getByLabel('手机号 1', { exact: true }).fill(customer.phone);
  await form.getByRole('button', { name: /添加号码/ }).click();
  await form.getByLabel('手机号 2', { exact: true }).fill(second.phone);
  await form.getByRole('button', { name: /添加地址/ }).click();
  await form.getByLabel('省市区 1').click();
  for (const place of ['广东省', '深圳市', '南山区']) await page.getByRole('menuitemcheckbox', { name: place }).click();
  await form.getByLabel('街道 1', { exact: true }).fill('科技园南路');
  await form.getByLabel('门牌号 1', { exact: true }).fill('18 号 2 栋 501');
  await form.getByRole('button', { name: buttonName('保存') }).click();
  await expect(page.getByText(`已创建客户「${customer.name}」`)).toBeVisible();
  // The drawer hands focus back to 新建客户 as it finishes closing; typing before that could land there.
  await expect(form).toBeHidden();

  await openCustomer(page, customer.name);
  await expect(page.getByText(customer.phoneMasked).first()).toBeVisible();
  await expect(page.getByText(second.phoneMasked).first()).toBeVisible();
  // The manager may see the full numbers, one deliberate (and audited) click away.
  await page.getByRole('button', { name: /查看完整号码/ }).first().click();
  await expect(page.getByText(customer.phoneDisplay).first()).toBeVisible();
  await expect(page.getByText(second.phoneDisplay).first()).toBeVisible();
  await expect(page.getByText(/广东省.*深圳市.*南山区/).first()).toBeVisible();
  await expect(page.getByText(/科技园南路/).first()).toBeVisible();
});

test('manager adds a contact under another contact and sees the reporting tree', async ({ page, request }) => {
  const customer = uniqueCustomer();
  await createCustomerThroughApi(request, people.manager, { ...customer, company: '杭州云帆贸易有限公司' });
  await openCustomer(page, customer.name);
  await page.getByRole('tab', { name: '联系人' }).click();

  await page.getByRole('button', { name: /添加联系人/ }).click();
  let dialog = page.getByRole('dialog');
  await dialog.getByLabel('姓名', { exact: true }).fill('周建国');
  await dialog.getByLabel('职位').fill('总经理');
  await dialog.getByRole('button', { name: buttonName('保存') }).click();
  await expect(page.getByText('已添加联系人「周建国」')).toBeVisible();

  await page.getByRole('group', { name: '联系人 周建国 的操作' }).getByRole('button', { name: /添加下属/ }).click();
  dialog = page.getByRole('dialog');
  await expect(dialog.getByRole('combobox', { name: '上级' }).locator('..').locator('..')).toContainText('周建国');
  await dialog.getByLabel('姓名', { exact: true }).fill('吴佳怡');
  await dialog.getByLabel('职位').fill('采购经理');
  await dialog.getByRole('button', { name: buttonName('保存') }).click();
  await expect(page.getByText('已添加联系人「吴佳怡」')).toBeVisible();

  const boss = page.getByRole('row').filter({ hasText: '周建国' });
  const report = page.getByRole('row').filter({ hasText: '吴佳怡' });
  await expect(boss).toHaveClass(/ant-table-row-level-0/);
  await expect(report).toHaveClass(/ant-table-row-level-1/);
});

test('recording an order moves the customer\'s metrics', async ({ page, request }) => {
  const customer = uniqueCustomer();
  await createCustomerThroughApi(request, people.manager, customer);
  await openCustomer(page, customer.name);
  const totalSpent = page.getByRole('group', { name: '累计消费' });
  const orderCount = page.getByRole('group', { name: '订单数' });
  await expect(totalSpent).toContainText('¥0.00');
  await expect(orderCount).toContainText('0');

  await page.getByRole('tab', { name: '订单' }).click();
  await page.getByRole('button', { name: /新建订单/ }).click();
  const dialog = page.getByRole('dialog');
  await dialog.getByLabel('商品 1', { exact: true }).fill('空气净化器 X5');
  await dialog.getByLabel('数量 1', { exact: true }).fill('2');
  await dialog.getByLabel('单价 1', { exact: true }).fill('1299.50');
  await dialog.getByRole('button', { name: buttonName('保存') }).click();
  await expect(page.getByText(/已创建订单 KZ/)).toBeVisible();

  await expect(totalSpent).toContainText('¥2,599.00');
  await expect(orderCount).toContainText('1');
  await expect(page.getByRole('group', { name: '客单价' })).toContainText('¥2,599.00');
});

test('a duplicate phone is caught before saving and the existing customer opens from the warning', async ({ page, request }) => {
  const existing = uniqueCustomer();
  await createCustomerThroughApi(request, people.manager, existing);
  await page.getByRole('button', { name: /新建客户/ }).click();
  const form = page.getByRole('dialog', { name: '新建客户' });
  await form.getByLabel('姓名', { exact: true }).fill(`${existing.name}二号`);
  await form.getByLabel('手机号 1', { exact: true }).fill(existing.phone);
  await form.getByLabel('姓名', { exact: true }).click();
  await expect(form.getByText(`该手机号已登记为客户「${existing.name}」`)).toBeVisible();
  await form.getByRole('link', { name: '打开查看？' }).click();
  await expectCustomerPage(page, existing.name);
});

test('manager merges two records of one person and the survivor shows the merge', async ({ page, request }) => {
  const survivor = uniqueCustomer();
  const duplicate = uniqueCustomer();
  const family = `合并测试${survivor.phone.slice(-4)}`;
  await createCustomerThroughApi(request, people.manager, { ...survivor, name: `${family}甲`, email: survivor.email });
  await createCustomerThroughApi(request, people.manager, { ...duplicate, name: `${family}乙` });

  await searchCustomers(page, family);
  await expect(page.getByText('共 2 位客户')).toBeVisible();
  await customerRow(page, `${family}甲`).getByRole('checkbox').check();
  await customerRow(page, `${family}乙`).getByRole('checkbox').check();
  await page.getByRole('button', { name: buttonName('合并') }).click();
  const dialog = page.getByRole('dialog', { name: '合并客户' });
  await dialog.getByText(`保留「${family}甲」`).click();
  await dialog.getByRole('button', { name: /确认合并/ }).click();
  await expect(page.getByText(`已合并到客户「${family}甲」`)).toBeVisible();

  await expectCustomerPage(page, `${family}甲`);
  await expect(page.getByText(duplicate.phoneMasked).first()).toBeVisible();
  await expect(page.getByText(new RegExp(`「${family}乙」于 .* 并入`))).toBeVisible();
  await page.getByRole('tab', { name: '时间线' }).click();
  await expect(page.getByRole('region', { name: '客户时间线' })).toContainText(`合并了客户「${family}乙」的资料`);
});

test('manager deletes a customer to the trash and restores it', async ({ page, request }) => {
  const customer = uniqueCustomer();
  await createCustomerThroughApi(request, people.manager, customer);
  await searchCustomers(page, customer.name);
  await customerRow(page, customer.name).getByRole('button', { name: buttonName('删除') }).click();
  await page.getByRole('tooltip').getByRole('button', { name: buttonName('删除') }).click();
  await expect(page.getByText(`已删除客户「${customer.name}」`)).toBeVisible();
  await expect(customerRow(page, customer.name)).toHaveCount(0);

  await page.getByRole('button', { name: /回收站/ }).click();
  await expect(page).toHaveURL(/\/customers\/trash/);
  const trashed = customerRow(page, customer.name);
  await expect(trashed).toHaveCount(1);
  await trashed.getByRole('button', { name: buttonName('恢复') }).click();
  await page.getByRole('tooltip').getByRole('button', { name: buttonName('恢复') }).click();
  await expect(page.getByText(`已恢复客户「${customer.name}」`)).toBeVisible();
  await expect(customerRow(page, customer.name)).toHaveCount(0);

  await page.goto('/customers');
  await searchCustomers(page, customer.name);
  await expect(customerRow(page, customer.name)).toHaveCount(1);
});
