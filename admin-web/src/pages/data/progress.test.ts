import { describe, expect, it } from 'vitest';
import { baseNameOf, fileSizeText, shownProgress } from './progress';

describe('job progress', () => {
  it('shows the server percent with the processed and total rows', () => {
    expect(shownProgress({ processed: 1500, total: 4000, percent: 37.5 })).toEqual({
      percent: 37,
      processed: 1500,
      total: 4000,
    });
  });

  it('reaches 100 only when the job is finished, not when 99.6 % of the rows are in', () => {
    expect(shownProgress({ processed: 9960, total: 10000, percent: 99.6 }).percent).toBe(99);
    expect(shownProgress({ processed: 9960, total: 10000, percent: 99.6 }, true).percent).toBe(100);
  });

  it('works the percent out itself when the server sent none', () => {
    expect(shownProgress({ processed: 1, total: 3, percent: Number.NaN }).percent).toBe(33);
  });

  it('shows 0 for a job that has not counted its rows yet', () => {
    expect(shownProgress({ processed: 0, total: 0, percent: 0 })).toEqual({ percent: 0, processed: 0, total: 0 });
  });

  it('never shows more rows processed than there are, nor a bar past the ends', () => {
    expect(shownProgress({ processed: 12, total: 10, percent: 120 })).toEqual({ percent: 100, processed: 10, total: 10 });
    expect(shownProgress({ processed: -3, total: 10, percent: -5 })).toEqual({ percent: 0, processed: 0, total: 10 });
  });

  it('counts a finished job without a total as all its processed rows', () => {
    expect(shownProgress({ processed: 7, total: 0, percent: 0 }, true)).toEqual({ percent: 100, processed: 7, total: 7 });
  });
});

describe('file names', () => {
  it('drops the extension and any folder a browser passed along', () => {
    expect(baseNameOf('客户资料.xlsx')).toBe('客户资料');
    expect(baseNameOf('C:\\fakepath\\2024 会员.csv')).toBe('2024 会员');
    expect(baseNameOf('archive.tar.gz')).toBe('archive.tar');
  });

  it('keeps a name that starts with a dot or has no extension', () => {
    expect(baseNameOf('.hidden')).toBe('.hidden');
    expect(baseNameOf('customers')).toBe('customers');
  });

  it('replaces characters operating systems refuse in file names', () => {
    expect(baseNameOf('a:b*c?"d"<e>|f.csv')).toBe('a_b_c_d_e_f');
  });
});

describe('file sizes', () => {
  it('reads bytes, kilobytes and megabytes', () => {
    expect(fileSizeText(930)).toBe('930 B');
    expect(fileSizeText(12_800)).toBe('12.5 KB');
    expect(fileSizeText(3_355_443)).toBe('3.2 MB');
    expect(fileSizeText(250 * 1024 * 1024)).toBe('250 MB');
  });

  it('says nothing about a file that is not there yet', () => {
    expect(fileSizeText(null)).toBeNull();
    expect(fileSizeText(undefined)).toBeNull();
  });
});
