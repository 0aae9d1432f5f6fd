import { expect, test, type Locator, type Page } from '@playwright/test';
import { buttonName, expectSignedIn, signInToConsole } from '../support/console';
import { uniqueCustomer } from '../support/customers';
import { apiAs } from '../support/finding';
import { people } from '../support/product';

// Stories of people finding customers in the console's list: typing, filtering, views, paging.

const searchBox = (page: Page) => page.getByRole('searchbox', { name: '搜索客户' }).or(page.getByLabel('搜索客户'));
const customerTable = (page: Page) => page.getByRole('table', { name: '客户列表' });
const rowWith = (page: Page, text: string) => customerTable(page).getByRole('row').filter({ hasText: text });

/** Types like a person and waits for the list the typing asked for, without pressing Enter. */
async function typeKeyword(page: Page, keyword: string) {
  const answered = page.waitForResponse(
    (response) =>
      response.url().includes('/api/customers?') &&
      new URL(response.url()).searchParams.get('keyword') === keyword,
  );
  await searchBox(page).pressSequentially(keyword);
  await answered;
}

/** The customer ids of the rows shown, top to bottom, from their name links. */
async function shownCustomerIds(page: Page) {
  const hrefs = await customerTable(page)
    .getByRole('link')
    .evaluateAll((links) => links.map((link) => link.getAttribute('href') ?? ''));
  return hrefs.filter((href) => /^\/customers\/[0-9a-f-]{36}$/.test(href));
}

async function chooseInSelect(page: Page, field: Locator, text: string) {
  await field.click();
  await field.fill(text);
  await field.press('Enter');
  await field.press('Escape');
}

test('sales rep finds 张三 by typing zs', async ({ page, request }) => {
  const customer = uniqueCustomer();
  const api = await apiAs(request, people.staff);
  await api.createCustomer({ name: '张三', phone: customer.phone });

  await signInToConsole(page, people.staff);
  await expectSignedIn(page, people.staff.displayName);
  await typeKeyword(page, 'zs');

  const row = rowWith(page, customer.phoneMasked);
  await expect(row).toHaveCount(1);
  await expect(row.getByRole('link', { name: '张三' })).toBeVisible();
  // The name does not contain "zs": the row says it was found by its pinyin.
  await expect(row.getByText('拼音', { exact: true })).toBeVisible();
});

test('two Chinese characters find a customer by the middle of the name', async ({ page, request }) => {
  const customer = uniqueCustomer();
  const api = await apiAs(request, people.manager);
  await api.createCustomer({ name: '上官婉儿', phone: customer.phone });

  await signInToConsole(page, people.manager);
  await expectSignedIn(page, people.manager.displayName);
  await typeKeyword(page, '官婉');

  const row = rowWith(page, customer.phoneMasked);
  await expect(row.getByRole('link', { name: '上官婉儿' })).toBeVisible();
  await expect(row.locator('mark')).toHaveText('官婉');
});

test('phone tail finds the customer', async ({ page, request }) => {
  const customer = uniqueCustomer();
  const api = await apiAs(request, people.manager);
  await api.createCustomer({ name: customer.name, phone: customer.phone });

  await signInToConsole(page, people.manager);
  await expectSignedIn(page, people.manager.displayName);
  await searchBox(page).fill(customer.phone.slice(-8));
  await page.getByRole('button', { name: buttonName('搜索') }).click();

  const row = rowWith(page, customer.name);
  await expect(row).toHaveCount(1);
  await expect(row.getByText('手机号', { exact: true })).toBeVisible();
  await expect(page.getByText('共 1 位客户')).toBeVisible();
});

test('tag none-mode and spend range narrow the list', async ({ page, request }) => {
  const marker = `筛选${uniqueCustomer().phone.slice(-6)}`;
  const api = await apiAs(request, people.manager);
  const tag = await api.createTag(`免打扰${marker.slice(-4)}`);
  const [tagged, bigSpender, newcomer] = [uniqueCustomer(), uniqueCustomer(), uniqueCustomer()];
  const taggedId = await api.createCustomer({
    name: `${marker}甲`,
    phone: tagged.phone,
    company: `${marker}贸易`,
    tagIds: [tag.id],
  });
  const bigSpenderId = await api.createCustomer({ name: `${marker}乙`, phone: bigSpender.phone, company: `${marker}贸易` });
  await api.createCustomer({ name: `${marker}丙`, phone: newcomer.phone, company: `${marker}贸易` });
  await api.addOrder(taggedId.id, '5000.00');
  await api.addOrder(bigSpenderId.id, '2000.00');

  await signInToConsole(page, people.manager);
  await expectSignedIn(page, people.manager.displayName);
  await searchBox(page).fill(marker);
  await searchBox(page).press('Enter');
  await expect(page.getByText('共 3 位客户')).toBeVisible();

  await page.getByRole('combobox', { name: '匹配方式' }).click();
  await page.getByTitle('不含', { exact: true }).click();
  await chooseInSelect(page, page.getByLabel('标签', { exact: true }), tag.name);
  await page.getByRole('button', { name: buttonName('查询') }).click();
  await expect(page.getByText('共 2 位客户')).toBeVisible();
  await expect(rowWith(page, `${marker}甲`)).toHaveCount(0);

  await page.getByText('展开').click();
  await page.getByLabel('累计消费最小值').fill('1000');
  await page.getByRole('button', { name: buttonName('查询') }).click();
  await expect(page.getByText('共 1 位客户')).toBeVisible();
  await expect(rowWith(page, `${marker}乙`)).toHaveCount(1);

  await page.getByRole('button', { name: buttonName('重置') }).click();
  await expect(page.getByText('共 3 位客户')).toBeVisible();
});

test('a saved view shared by the manager appears as a tab for the sales rep', async ({ page, browser, request }) => {
  const marker = `视图${uniqueCustomer().phone.slice(-6)}`;
  const customer = uniqueCustomer();
  await (await apiAs(request, people.staff)).createCustomer({
    name: customer.name,
    phone: customer.phone,
    company: `${marker}科技`,
  });
  const viewName = `${marker}客户`;

  await signInToConsole(page, people.manager);
  await expectSignedIn(page, people.manager.displayName);
  await searchBox(page).fill(marker);
  await searchBox(page).press('Enter');
  await expect(page.getByText('共 1 位客户')).toBeVisible();
  await page.getByRole('button', { name: buttonName('保存视图') }).click();
  const dialog = page.getByRole('dialog', { name: '保存为新视图' });
  await dialog.getByLabel('视图名称').fill(viewName);
  await dialog.getByLabel('与团队共享').check();
  await dialog.getByRole('button', { name: buttonName('保存') }).click();
  await expect(page.getByText(`已保存视图「${viewName}」`)).toBeVisible();
  await expect(page.getByRole('tab', { name: viewName })).toHaveAttribute('aria-selected', 'true');

  const salesContext = await browser.newContext();
  const salesPage = await salesContext.newPage();
  await signInToConsole(salesPage, people.staff);
  await expectSignedIn(salesPage, people.staff.displayName);
  const sharedTab = salesPage.getByRole('tab', { name: new RegExp(viewName) });
  await expect(sharedTab).toHaveAccessibleName(/王经理 共享/);
  await sharedTab.click();
  await expect(searchBox(salesPage)).toHaveValue(marker);
  await expect(rowWith(salesPage, customer.name)).toHaveCount(1);
  await expect(salesPage).toHaveURL(/[?&]view=/);
  // Someone else's view is read-only: it can be saved as one's own, not changed.
  await expect(salesPage.getByRole('button', { name: '视图操作' })).toHaveCount(0);
  await salesContext.close();
});

test('manager renames a view, finds it again after a reload and takes back its deletion', async ({ page, request }) => {
  const marker = `改名${uniqueCustomer().phone.slice(-6)}`;
  await (await apiAs(request, people.manager)).createCustomer({ name: `${marker}客户`, phone: uniqueCustomer().phone });
  await signInToConsole(page, people.manager);
  await expectSignedIn(page, people.manager.displayName);
  await searchBox(page).fill(marker);
  await searchBox(page).press('Enter');
  await expect(page.getByText('共 1 位客户')).toBeVisible();

  await page.getByRole('button', { name: buttonName('保存视图') }).click();
  let dialog = page.getByRole('dialog', { name: '保存为新视图' });
  await dialog.getByLabel('视图名称').fill(`${marker}一`);
  await dialog.getByRole('button', { name: buttonName('保存') }).click();
  await expect(page.getByText(`已保存视图「${marker}一」`)).toBeVisible();

  // The same name again is refused by the server, and the dialog says so on the field.
  await page.getByRole('tab', { name: '全部客户' }).click();
  await expect(searchBox(page)).toHaveValue('');
  await page.getByRole('button', { name: buttonName('保存视图') }).click();
  dialog = page.getByRole('dialog', { name: '保存为新视图' });
  await dialog.getByLabel('视图名称').fill(`${marker}一`);
  await dialog.getByRole('button', { name: buttonName('保存') }).click();
  await expect(dialog.getByText('名称已被使用')).toBeVisible();
  await dialog.getByRole('button', { name: buttonName('取消') }).click();

  await page.getByRole('tab', { name: `${marker}一` }).click();
  await expect(searchBox(page)).toHaveValue(marker);
  await page.getByRole('button', { name: '视图操作' }).click();
  await page.getByRole('menuitem', { name: '重命名' }).click();
  dialog = page.getByRole('dialog', { name: `重命名视图「${marker}一」` });
  await dialog.getByLabel('视图名称').fill(`${marker}二`);
  await dialog.getByRole('button', { name: buttonName('保存') }).click();
  await expect(page.getByText(`已重命名为「${marker}二」`)).toBeVisible();

  await page.reload();
  await expect(page.getByRole('tab', { name: `${marker}二` })).toHaveAttribute('aria-selected', 'true');
  await expect(searchBox(page)).toHaveValue(marker);
  await expect(page.getByText('共 1 位客户')).toBeVisible();

  await page.getByRole('button', { name: '视图操作' }).click();
  await page.getByRole('menuitem', { name: '删除视图' }).click();
  await page.getByRole('dialog').getByRole('button', { name: buttonName('删除') }).click();
  await expect(page.getByText(`已删除视图「${marker}二」`)).toBeVisible();
  await expect(page.getByRole('tab', { name: `${marker}二` })).toHaveCount(0);
  await page.getByRole('button', { name: buttonName('撤销') }).click();
  await expect(page.getByText(`已恢复视图「${marker}二」`)).toBeVisible();
  await expect(page.getByRole('tab', { name: `${marker}二` })).toHaveAttribute('aria-selected', 'true');
});

test('loading more pages keeps the order', async ({ page }) => {
  // Rows per request in the console (admin-web/src/pages/customers/list/paging.ts).
  const pageSize = 20;
  await signInToConsole(page, people.manager);
  await expectSignedIn(page, people.manager.displayName);
  await expect(page.getByText(/共 \d+ 位客户/)).toBeVisible();

  const sorted = page.waitForResponse((response) => response.url().includes('sort=totalSpent'));
  await customerTable(page).getByRole('columnheader', { name: '累计消费' }).click();
  await sorted;
  await expect(customerTable(page).getByRole('columnheader', { name: '累计消费' })).toHaveAttribute(
    'aria-sort',
    'ascending',
  );
  await expect(page.getByText(`已显示 ${pageSize} 位`)).toBeVisible();
  const firstPage = await shownCustomerIds(page);
  expect(firstPage).toHaveLength(pageSize);

  await page.getByRole('button', { name: buttonName('加载更多') }).click();
  await expect(page.getByText(`已显示 ${2 * pageSize} 位`)).toBeVisible();
  const twoPages = await shownCustomerIds(page);
  expect(twoPages.slice(0, pageSize)).toEqual(firstPage);
  expect(new Set(twoPages).size).toBe(2 * pageSize);

  // Amounts rise from row to row across the page boundary; customers without purchases come last.
  const header = await customerTable(page).getByRole('columnheader').allInnerTexts();
  const column = header.findIndex((text) => text.trim() === '累计消费');
  const amounts = await customerTable(page)
    .locator('tbody tr[data-row-key]')
    .evaluateAll(
      (rows, index) => rows.map((row) => row.children[index]?.textContent?.replace(/[¥,\s]/g, '') ?? ''),
      column,
    );
  const numbers = amounts.map((text) => (/^\d+(\.\d+)?$/.test(text) ? Number(text) : null));
  const lastNumber = numbers.map((value) => value !== null).lastIndexOf(true);
  const firstEmpty = numbers.indexOf(null);
  expect(firstEmpty === -1 || firstEmpty > lastNumber).toBe(true);
  const present = numbers.filter((value): value is number => value !== null);
  expect(present).toEqual([...present].sort((a, b) => a - b));
});

test('manager tags every customer matching a search at once', async ({ page, request }) => {
  const marker = `批量${uniqueCustomer().phone.slice(-6)}`;
  const api = await apiAs(request, people.manager);
  const tag = await api.createTag(`批量${marker.slice(-4)}`);
  for (const suffix of ['甲', '乙', '丙']) {
    await api.createCustomer({ name: `${marker}${suffix}`, phone: uniqueCustomer().phone });
  }

  await signInToConsole(page, people.manager);
  await expectSignedIn(page, people.manager.displayName);
  await searchBox(page).fill(marker);
  await searchBox(page).press('Enter');
  await expect(page.getByText('共 3 位客户')).toBeVisible();
  await rowWith(page, `${marker}甲`).getByRole('checkbox').check();
  await expect(page.getByText('已选择 1 位客户')).toBeVisible();
  await page.getByRole('button', { name: '选择全部 3 位匹配的客户' }).click();
  await expect(page.getByText('已选择全部 3 位匹配的客户')).toBeVisible();

  await page.getByRole('button', { name: buttonName('添加标签') }).click();
  const dialog = page.getByRole('dialog');
  await chooseInSelect(page, dialog.getByLabel('标签'), tag.name);
  await dialog.getByRole('button', { name: buttonName('添加') }).click();
  await expect(page.getByText('已为 3 位客户添加标签')).toBeVisible();
  for (const suffix of ['甲', '乙', '丙']) {
    await expect(rowWith(page, `${marker}${suffix}`)).toContainText(tag.name);
  }
});
