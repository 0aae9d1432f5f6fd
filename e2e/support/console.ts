// How a person works the admin console: through labels and button texts, as they read them.
import { expect, type Page } from '@playwright/test';

// antd puts a space between two Chinese characters on buttons ("登 录"), so button names allow one.
export const buttonName = (text: string) => new RegExp(`^\\s*${[...text].join('\\s*')}\\s*$`);

export async function signInToConsole(page: Page, person: { username: string; password: string }) {
  await page.goto('/login');
  await page.getByLabel('用户名').fill(person.username);
  await page.getByLabel('密码').fill(person.password);
  await page.getByRole('button', { name: buttonName('登录') }).click();
}

export async function searchCustomers(page: Page, keyword: string) {
  const searchBox = page.getByRole('searchbox', { name: '搜索客户' }).or(page.getByLabel('搜索客户'));
  await searchBox.fill(keyword);
  await searchBox.press('Enter');
}

export function customerRow(page: Page, name: string) {
  return page.getByRole('row').filter({ hasText: name });
}

export async function expectSignedIn(page: Page, displayName: string) {
  await expect(page).toHaveURL(/\/customers/);
  await expect(page.getByText(displayName).first()).toBeVisible();
}
