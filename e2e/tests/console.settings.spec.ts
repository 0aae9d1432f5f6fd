import { expect, test } from '@playwright/test';
import { buttonName, expectSignedIn, signInToConsole } from '../support/console';
import { people } from '../support/product';

test('manager renames a tag after cancelling a new one, and the edit dialog starts from the tag', async ({ page }) => {
  await signInToConsole(page, people.manager);
  await expectSignedIn(page, people.manager.displayName);
  await page.getByRole('menuitem', { name: /设置/ }).click();
  await page.getByRole('link', { name: '标签' }).click();
  const tags = page.getByRole('table', { name: '标签' });
  await expect(tags.getByRole('row').filter({ hasText: '团购' })).toHaveCount(1);

  await page.getByRole('button', { name: /新建标签/ }).click();
  await page.getByRole('dialog').getByRole('button', { name: buttonName('取消') }).click();
  await expect(page.getByRole('dialog')).toBeHidden();

  await page.getByRole('group', { name: '团购 的操作' }).getByRole('button', { name: buttonName('编辑') }).click();
  const dialog = page.getByRole('dialog');
  await expect(dialog.getByLabel('名称')).toHaveValue('团购');
  await dialog.getByLabel('名称').fill('团购客户');
  await dialog.getByRole('button', { name: buttonName('保存') }).click();
  await expect(page.getByText('已保存')).toBeVisible();
  await expect(tags.getByRole('row').filter({ hasText: '团购客户' })).toHaveCount(1);
});
