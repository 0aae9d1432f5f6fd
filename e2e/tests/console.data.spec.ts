import { expect, test } from '@playwright/test';
import ExcelJS from 'exceljs';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { buttonName, searchCustomers, signInToConsole } from '../support/console';
import { people } from '../support/product';

// A manager moves a spreadsheet of customers into Kezhi: she uploads it, picks the sheet that holds the customers,
// points the one column the console could not guess at the right field, reads the validation report, imports without
// fixing anything, watches the progress, and then exports the imported customers from the filtered list and opens
// the file.

const rowCount = 1200;

function importedSheet(stamp: string) {
  const company = `星河贸易${stamp}`;
  const rows = Array.from({ length: rowCount }, (_, index) => {
    const serial = String(index).padStart(4, '0');
    return {
      name: `导入客户${stamp}${serial}`,
      phone: `137${stamp}${serial}`,
      company,
      source: '展会名单',
      registered: '2024/3/8',
    };
  });
  // The mess of a real sheet: a number typed in full-width digits with dashes, one with the country code,
  // a phone that is no phone, and a row copied twice.
  rows[1].phone = [...`137-${stamp}-${'0001'}`].map((character) => (/\d/.test(character) ? String.fromCharCode(character.charCodeAt(0) + 0xfee0) : character)).join('');
  rows[2].phone = `+86 137 ${stamp} 0002`;
  rows[3].phone = '12345';
  rows[5] = { ...rows[4] };
  return { company, rows, invalidRows: 2 };
}

async function writeWorkbook(file: string, rows: ReturnType<typeof importedSheet>['rows']) {
  const workbook = new ExcelJS.Workbook();
  // Shop workbooks often open on a note for whoever fills them in; the customers are on the second sheet.
  workbook.addWorksheet('填写说明').addRows([['请在「客户名单」表中填写客户'], ['手机号码请填写 11 位']]);
  const sheet = workbook.addWorksheet('客户名单');
  // 单位全称 is not a header the console knows: the manager has to say it is the company.
  sheet.addRow(['客户姓名', '手机号码', '单位全称', '客户来源', '注册日期']);
  for (const row of rows) sheet.addRow([row.name, row.phone, row.company, row.source, row.registered]);
  await workbook.xlsx.writeFile(file);
}

test.use({ actionTimeout: 15_000 });

test('a manager imports an XLSX with a column mapped by hand, follows the progress to the report, and exports the imported customers to a file she opens', async ({ page }) => {
  test.setTimeout(180_000);
  const stamp = String(Date.now() % 10_000).padStart(4, '0');
  const { company, rows, invalidRows } = importedSheet(stamp);
  const folder = await mkdtemp(path.join(os.tmpdir(), 'kezhi-e2e-import-'));
  const workbookFile = path.join(folder, `展会客户${stamp}.xlsx`);
  await writeWorkbook(workbookFile, rows);

  try {
    await signInToConsole(page, people.manager);
    await expect(page).toHaveURL(/\/customers/);

    await page.getByRole('menuitem', { name: /数据导入导出/ }).click();
    await page.getByRole('link', { name: '导入', exact: true }).click();
    await expect(page.getByRole('heading', { name: '数据导入' })).toBeVisible();
    await page.getByLabel('导入内容').getByRole('radio', { name: '客户', exact: true }).check();
    await page.locator('input[type=file]').setInputFiles(workbookFile);

    // The wizard opens on the note; she switches to the sheet that holds the customers.
    await expect(page.getByRole('heading', { name: `导入「展会客户${stamp}.xlsx」` })).toBeVisible();
    const preview = page.getByRole('table', { name: '文件预览' });
    await expect(preview.getByText('手机号码请填写 11 位')).toBeVisible();
    await page.getByRole('combobox', { name: '工作表' }).click();
    await page.locator('.ant-select-dropdown:visible .ant-select-item-option').filter({ hasText: /^客户名单$/ }).click();

    // The console guessed the usual headers and left 单位全称 alone.
    await expect(preview.getByText(rows[0].name)).toBeVisible();
    await expect(page.getByRole('combobox', { name: '「客户姓名」列对应的字段' })).toBeVisible();
    await expect(page.locator('.ant-select').filter({ has: page.getByRole('combobox', { name: '「客户姓名」列对应的字段' }) })).toContainText('姓名');
    await expect(page.locator('.ant-select').filter({ has: page.getByRole('combobox', { name: '「手机号码」列对应的字段' }) })).toContainText('手机');
    const companyColumn = page.getByRole('combobox', { name: '「单位全称」列对应的字段' });
    await expect(page.locator('.ant-select').filter({ has: companyColumn })).toContainText('不导入此列');
    await companyColumn.click();
    await page.locator('.ant-select-dropdown:visible .ant-select-item-option').filter({ hasText: /^公司$/ }).click();
    await expect(page.locator('.ant-select').filter({ has: companyColumn })).toContainText('公司');
    await page.getByRole('button', { name: buttonName('校验数据') }).click();

    // The report names the rows that will not come in and why; she imports the rest as it is.
    const issues = page.getByRole('table', { name: '问题列表' });
    await expect(issues).toBeVisible({ timeout: 60_000 });
    await expect(issues.getByRole('row').filter({ hasText: '12345' })).toContainText('不是有效的电话号码');
    await expect(issues.getByRole('row').filter({ hasText: '与第' }).first()).toContainText('重复');
    await page.getByRole('button', { name: buttonName('开始导入') }).click();

    const progress = page.getByRole('progressbar', { name: '导入进度' });
    await expect(progress).toBeVisible();
    await expect(page.getByText(/已处理 \d+ \/ \d+ 行/)).toBeVisible();
    await expect(page.getByRole('heading', { name: '导入完成' })).toBeVisible({ timeout: 90_000 });
    const expectedCreated = rowCount - invalidRows;
    await expect(page.getByText(`新建（${expectedCreated}）`)).toBeVisible();
    await expect(page.getByText(`失败（${invalidRows}）`)).toBeVisible();

    // The imported customers, found by their company, go out again as an Excel file.
    await page.goto('/customers');
    await searchCustomers(page, company);
    await expect(page.getByText(`共 ${expectedCreated} 位客户`)).toBeVisible();
    await expect(page.getByRole('row').filter({ hasText: `导入客户${stamp}` }).first()).toBeVisible();
    await page.getByRole('button', { name: /导\s*出$/ }).click();
    const dialog = page.getByRole('dialog', { name: '导出客户' });
    await dialog.getByRole('radio', { name: 'Excel' }).check();
    await dialog.getByRole('button', { name: buttonName('开始导出') }).click();
    await expect(dialog.getByText(/文件已生成/)).toBeVisible({ timeout: 60_000 });
    const downloading = page.waitForEvent('download');
    await dialog.getByRole('link', { name: '下载' }).click();
    const download = await downloading;
    expect(download.suggestedFilename()).toMatch(/\.xlsx$/);
    const exportedFile = path.join(folder, download.suggestedFilename());
    await download.saveAs(exportedFile);

    const exported = new ExcelJS.Workbook();
    await exported.xlsx.readFile(exportedFile);
    const sheet = exported.worksheets[0];
    const headers = (sheet.getRow(1).values as unknown[]).map((value) => String(value ?? ''));
    const column = (header: string) => {
      const index = headers.indexOf(header);
      expect(index, `column ${header} in ${headers.join(', ')}`).toBeGreaterThan(0);
      return index;
    };
    const nameColumn = column('姓名');
    const phoneColumn = column('手机');
    const companyColumnIndex = column('公司');
    const exportedRows = new Map<string, { phone: string; company: string }>();
    sheet.eachRow((row, number) => {
      if (number === 1) return;
      exportedRows.set(String(row.getCell(nameColumn).value), {
        // Digits only: the file writes a mobile the way the console shows it (137 1234 5678).
        phone: String(row.getCell(phoneColumn).value ?? '').replace(/\D/g, ''),
        company: String(row.getCell(companyColumnIndex).value ?? ''),
      });
    });
    expect(exportedRows.size).toBe(expectedCreated);
    // The manager may see full numbers, so the file holds them, tidied the way the import stored them.
    expect(exportedRows.get(rows[1].name)?.phone).toBe(`137${stamp}0001`);
    expect(exportedRows.get(rows[2].name)?.phone).toBe(`137${stamp}0002`);
    expect(exportedRows.get(rows[0].name)?.company).toBe(company);
    expect(exportedRows.has(rows[3].name)).toBe(false);
  } finally {
    await rm(folder, { recursive: true, force: true });
  }
});
