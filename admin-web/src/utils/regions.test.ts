import { describe, expect, it } from 'vitest';
import { regionCodes, regionPath, regionTree } from './regions';

const find = (options: typeof regionTree, label: string) => options.find((option) => option.label === label);

describe('region cascader data', () => {
  it('nests provinces, cities and districts by their codes', () => {
    const zhejiang = find(regionTree, '浙江省');
    expect(zhejiang?.value).toBe('330000');
    const hangzhou = find(zhejiang?.children ?? [], '杭州市');
    expect(hangzhou?.value).toBe('330100');
    expect(find(hangzhou?.children ?? [], '西湖区')?.value).toBe('330106');
  });

  it('covers every province of the data set', () => {
    expect(regionTree.length).toBeGreaterThanOrEqual(31);
    expect(find(regionTree, '北京市')?.children?.[0]?.children?.length).toBeGreaterThan(10);
  });

  it('converts between address codes and cascader paths', () => {
    expect(regionPath({ provinceCode: '330000', cityCode: '330100', districtCode: '330106' })).toEqual([
      '330000',
      '330100',
      '330106',
    ]);
    expect(regionPath({ provinceCode: '330000', cityCode: null, districtCode: '330106' })).toEqual([
      '330000',
    ]);
    expect(regionPath({})).toEqual([]);
    expect(regionCodes(['330000', '330100'])).toEqual({
      provinceCode: '330000',
      cityCode: '330100',
      districtCode: null,
    });
    expect(regionCodes(undefined)).toEqual({ provinceCode: null, cityCode: null, districtCode: null });
  });
});
