// How front-line staff work the H5 mini-program on a phone.
import { expect, type Locator, type Page } from '@playwright/test';

export async function signInToH5(page: Page, person: { username: string; password: string }) {
  await page.goto('/m/login');
  await page.getByPlaceholder('请输入用户名').fill(person.username);
  await page.getByPlaceholder('请输入密码').fill(person.password);
  await page.getByRole('button', { name: '登录', exact: true }).click();
}

// Taro's H5 picker is a wheel that only listens to scrolling once a touch has begun, as on a phone.
// A person's flick rarely stops exactly on a row; the wheel then settles the nearest row in the middle,
// and only a settled row counts when 确定 is pressed. So: touch, flick to a little past the row, and
// wait for the wheel to settle on it.
export async function pickRegion(page: Page, region: { province: string; city: string; district?: string }) {
  await page.getByText('请选择省份和城市').click();
  const columns = page.locator('.taro-picker__content');
  const wantedRows = [region.province, region.city, ...(region.district ? [region.district] : [])];
  for (const [index, wanted] of wantedRows.entries()) {
    const rows = columns.nth(index).locator('.taro-picker__item:not(.taro-picker__item--blank)');
    await expect(rows.filter({ hasText: wanted })).toHaveCount(1);
    const position = (await rows.allTextContents()).indexOf(wanted);
    await flickWheelTo(columns.nth(index), position);
    await expect(rows.nth(position)).toHaveClass(/taro-picker__item--selected/);
  }
  await page.getByText('确定', { exact: true }).click();
  await expect(page.getByText(`${region.province} ${region.city}${region.district ? ` ${region.district}` : ''}`)).toBeVisible();
}

async function flickWheelTo(column: Locator, position: number) {
  const rowHeight = await column.locator('.taro-picker__item').first().evaluate((row) => row.getBoundingClientRect().height);
  const settledTop = position * rowHeight;
  await column.dispatchEvent('touchstart');
  await column.evaluate((element, top) => {
    element.scrollTop = top;
  }, settledTop + rowHeight / 4);
  await column.dispatchEvent('touchend');
  await expect.poll(() => column.evaluate((element) => element.scrollTop)).toBeCloseTo(settledTop, 0);
}
