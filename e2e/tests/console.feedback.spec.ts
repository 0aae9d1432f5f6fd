import { expect, test, type Browser, type Page } from '@playwright/test';
import { createCustomerThroughApi } from '../support/api';
import { buttonName, signInToConsole } from '../support/console';
import { uniqueCustomer } from '../support/customers';
import { people } from '../support/product';
import { decodeQrPng, samplePhoto } from '../support/qr';

// A store prints a feedback QR code; a customer scans it with a phone and speaks back; the store's manager finds
// the feedback in the console inbox, attributed to the store and its staff member and linked to the customer.

async function choose(page: Page, scope: Page | ReturnType<Page['getByRole']>, label: string, option: string) {
  await scope.getByRole('combobox', { name: new RegExp(`^(\\* )?${label}( :)?$`) }).click();
  await page.locator('.ant-select-dropdown:visible').getByTitle(option, { exact: true }).click();
}

async function phoneOf(browser: Browser) {
  const context = await browser.newContext({ locale: 'zh-CN', viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true });
  return { page: await context.newPage(), close: () => context.close() };
}

/** Creates a feedback channel for 杭州西湖店 and 李娜 on the channels page; answers the link its printed QR code holds. */
async function printFeedbackCode(page: Page, channelName: string): Promise<string> {
  await page.goto('/channels');
  await expect(page.getByRole('table', { name: '二维码渠道' })).toBeVisible();
  await page.getByRole('button', { name: /新建渠道/ }).click();
  const dialog = page.getByRole('dialog', { name: '新建渠道' });
  await dialog.getByRole('radio', { name: '意见反馈' }).check();
  await dialog.getByLabel('渠道名称').fill(channelName);
  await choose(page, dialog, '门店', '杭州西湖店');
  await choose(page, dialog, '员工', people.staff.displayName);
  await dialog.getByRole('button', { name: buttonName('保存') }).click();
  await expect(page.getByText(`已创建渠道「${channelName}」`)).toBeVisible();

  await page.getByRole('group', { name: `${channelName} 的操作` }).getByRole('button', { name: /二\s*维\s*码/ }).click();
  const qrDialog = page.getByRole('dialog', { name: `渠道「${channelName}」的二维码` });
  const link = await qrDialog.getByRole('textbox', { name: '渠道链接' }).inputValue();
  expect(link).toMatch(/\/m\/feedback\?c=[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+$/);

  // What a phone camera reads from the QR image on screen is the same link.
  const image = qrDialog.getByRole('img', { name: `渠道「${channelName}」的二维码` });
  await expect(image).toBeVisible();
  const bytes = await image.evaluate(async (element) => {
    const response = await fetch((element as HTMLImageElement).src);
    return [...new Uint8Array(await response.arrayBuffer())];
  });
  expect(decodeQrPng(Buffer.from(bytes))).toBe(link);
  await qrDialog.getByRole('button', { name: buttonName('关闭') }).first().click();
  return link;
}

test('a customer scans a store QR code and leaves feedback with a photo, which the console inbox shows attributed and linked to the customer', async ({ page, browser, request }) => {
  const customer = uniqueCustomer();
  const known = await createCustomerThroughApi(request, people.staff, customer);
  const channelName = `前台评价码${Date.now() % 100_000}`;

  await signInToConsole(page, people.admin);
  await expect(page).toHaveURL(/\/customers/);
  const link = await printFeedbackCode(page, channelName);

  // The customer, on a phone, not signed in anywhere.
  const phone = await phoneOf(browser);
  await phone.page.goto(link);
  await expect(phone.page.getByText('您正在评价：杭州西湖店')).toBeVisible();
  await expect(phone.page.getByText(`服务人员：${people.staff.displayName}`)).toBeVisible();
  await phone.page.getByRole('radio', { name: '4 星' }).click();
  await phone.page.getByRole('radiogroup', { name: '您有多大可能向朋友推荐我们？' }).getByRole('radio', { name: '9', exact: true }).click();
  await phone.page.getByRole('radiogroup', { name: '反馈类型' }).getByRole('radio', { name: '服务' }).click();
  await phone.page.getByRole('textbox', { name: '反馈内容' }).fill('店员讲解很耐心，就是排队有点久。');
  await phone.page.getByLabel('选择照片文件').setInputFiles({ name: 'counter.png', mimeType: 'image/png', buffer: samplePhoto() });
  await expect(phone.page.getByRole('img', { name: '第 1 张照片' })).toBeVisible();
  await phone.page.getByRole('textbox', { name: '手机号（选填）' }).fill(customer.phone);
  await phone.page.getByRole('checkbox', { name: '同意门店就本次反馈与我联系' }).click();
  await phone.page.getByRole('button', { name: '提交反馈' }).click();

  await expect(phone.page.getByRole('heading', { name: '感谢您的反馈' })).toBeVisible();
  const receipt = await phone.page.getByText(/反馈编号：\d+/).textContent();
  const number = /反馈编号：(\d+)/.exec(receipt ?? '')?.[1];
  expect(number).toBeDefined();
  await phone.close();

  // The store's regional manager finds it in the inbox.
  const desk = await browser.newContext({ locale: 'zh-CN', viewport: { width: 1400, height: 900 } });
  const manager = await desk.newPage();
  await signInToConsole(manager, people.manager);
  await expect(manager).toHaveURL(/\/customers/);
  await manager.goto('/feedback');
  const row = manager.getByRole('table', { name: '客户反馈' }).getByRole('row').filter({ has: manager.getByRole('button', { name: `#${number}`, exact: true }) });
  await expect(row).toHaveCount(1);
  await expect(row).toContainText('杭州西湖店');
  await expect(row).toContainText('服务');
  await expect(row.getByRole('img', { name: '4 星' })).toBeVisible();
  await expect(row.getByRole('link', { name: customer.name })).toBeVisible();

  await row.getByRole('button', { name: `#${number}`, exact: true }).click();
  const drawer = manager.getByRole('dialog', { name: `反馈 #${number}` });
  await expect(drawer).toContainText(channelName);
  await expect(drawer).toContainText(people.staff.displayName);
  await expect(drawer).toContainText('店员讲解很耐心，就是排队有点久。');
  await expect(drawer).toContainText('按手机号自动关联');
  await expect(drawer).toContainText(customer.phoneMasked);
  const photo = drawer.getByRole('img', { name: '反馈照片 1' });
  await expect(photo).toBeVisible();
  await expect.poll(() => photo.evaluate((element) => (element as HTMLImageElement).naturalWidth)).toBe(48);

  await drawer.getByRole('link', { name: customer.name }).click();
  await expect(manager).toHaveURL(new RegExp(`/customers/${known.id}$`));
  await expect(manager.getByText(customer.name).first()).toBeVisible();
  await desk.close();
});

test('a customer who scans a forged code is told to ask the store for a new one, and nothing can be sent', async ({ browser }) => {
  const phone = await phoneOf(browser);
  await phone.page.goto('/m/feedback?c=AAAAAAAAAA.forgedsignature00');
  await expect(phone.page.getByRole('heading', { name: '无法打开此页面' })).toBeVisible();
  await expect(phone.page.getByRole('alert')).toContainText('二维码无效或已过期，请向门店工作人员索取新的二维码');
  await expect(phone.page.getByRole('button', { name: '提交反馈' })).toHaveCount(0);
  await phone.close();
});
