import { areaList } from '@vant/area-data'
import { describe, expect, it } from 'vitest'
import {
  buildRegionTree,
  describeRegion,
  pickerIndicesFor,
  pickerNamesFor,
  selectionFromCodes,
  selectionFromNames,
  selectionFromPickerDetail,
  type RegionDataset,
} from '../src/regions/region-tree'

// The same dataset `pnpm gen:regions` writes, read straight from the package.
const dataset: RegionDataset = { provinces: areaList.province_list, cities: areaList.city_list, districts: areaList.county_list }
const tree = buildRegionTree(dataset)
const findProvince = (name: string) => tree.find((node) => node.value === name)

describe('region tree from @vant/area-data (what the H5 picker shows)', () => {
  it('lists the 34 provincial-level divisions', () => {
    expect(tree).toHaveLength(34)
    expect(tree.map((node) => node.value)).toEqual(expect.arrayContaining(['北京市', '广东省', '新疆维吾尔自治区', '香港特别行政区']))
  })

  it('has three levels, each entry with a name and a six-digit code under its parent', () => {
    for (const province of tree) {
      expect(province.code).toMatch(/^\d{2}0000$/)
      expect(province.children?.length, province.value).toBeGreaterThan(0)
      for (const city of province.children ?? []) {
        expect(city.code.slice(0, 2), `${province.value} ${city.value}`).toBe(province.code.slice(0, 2))
        expect(city.children?.length, city.value).toBeGreaterThan(0)
        for (const district of city.children ?? []) {
          expect(district.value).toMatch(/\S/)
          expect(district.code).toMatch(/^\d{6}$/)
          expect(district.code.slice(0, 4), `${city.value} ${district.value}`).toBe(city.code.slice(0, 4))
          expect(district.children).toBeUndefined()
        }
      }
    }
  })

  it('knows well-known places with their GB/T 2260 codes', () => {
    const shenzhen = findProvince('广东省')?.children?.find((city) => city.value === '深圳市')
    expect(shenzhen?.code).toBe('440300')
    expect(shenzhen?.children?.find((district) => district.value === '南山区')?.code).toBe('440305')
    expect(findProvince('北京市')?.children?.[0]?.children?.map((district) => district.value)).toContain('朝阳区')
  })

  it('gives a city without districts itself as the only district', () => {
    const small = buildRegionTree({ provinces: { '990000': '测试省' }, cities: { '990100': '测试市' }, districts: {} })
    expect(small[0].children?.[0].children).toEqual([{ value: '测试市', code: '990100' }])
  })
})

describe('codes ⇄ selection', () => {
  it('names a selection by its codes and refuses codes that do not belong together', () => {
    expect(selectionFromCodes(['440000', '440300', '440305'], dataset)).toEqual({
      provinceCode: '440000',
      provinceName: '广东省',
      cityCode: '440300',
      cityName: '深圳市',
      districtCode: '440305',
      districtName: '南山区',
    })
    expect(selectionFromCodes(['440000', '440300'], dataset)?.districtCode).toBeUndefined()
    expect(selectionFromCodes(['440000', '110100'], dataset)).toBeUndefined()
    expect(selectionFromCodes(['440000', '440300', '110105'], dataset)?.districtCode).toBeUndefined()
  })

  it('reads the H5 picker (indices and comma-joined codes)', () => {
    expect(selectionFromPickerDetail({ value: [18, 2, 4], code: '440000,440300,440305' }, dataset)?.districtName).toBe('南山区')
    expect(selectionFromPickerDetail({ value: [0, 0, 0], code: '' }, dataset)).toBeUndefined()
  })

  it('turns a selection back into the H5 picker indices and WeChat names', () => {
    const selection = selectionFromCodes(['440000', '440300', '440305'], dataset)
    const indices = pickerIndicesFor(selection, tree).map(Number)
    expect(tree[indices[0]].value).toBe('广东省')
    expect(tree[indices[0]].children?.[indices[1]].value).toBe('深圳市')
    expect(tree[indices[0]].children?.[indices[1]].children?.[indices[2]].value).toBe('南山区')
    expect(pickerIndicesFor(undefined, tree)).toEqual([])
    expect(pickerNamesFor(selection)).toEqual(['广东省', '深圳市', '南山区'])
  })
})

describe('WeChat region names → our codes', () => {
  const codesOf = (names: string[], reported: string[] = []) => {
    const selection = selectionFromNames(names, dataset, reported)
    return selection && [selection.provinceCode, selection.cityCode, selection.districtCode]
  }

  it('maps ordinary names', () => {
    expect(codesOf(['广东省', '深圳市', '南山区'])).toEqual(['440000', '440300', '440305'])
    expect(codesOf(['浙江省', '杭州市', '西湖区'])).toEqual(['330000', '330100', '330106'])
  })

  it('reads the WeChat picker change event', () => {
    expect(selectionFromPickerDetail({ value: ['广东省', '深圳市', '南山区'], code: ['440000', '440300', '440305'] }, dataset)?.districtCode).toBe('440305')
  })

  it('handles municipalities and districts with the same name in other cities', () => {
    expect(codesOf(['北京市', '北京市', '朝阳区'])).toEqual(['110000', '110100', '110105'])
    // 鼓楼区 exists in 南京 and 徐州: the named city decides.
    expect(codesOf(['江苏省', '徐州市', '鼓楼区'])).toEqual(['320000', '320300', '320302'])
    expect(codesOf(['江苏省', '南京市', '鼓楼区'])).toEqual(['320000', '320100', '320106'])
  })

  it('finds a district that our data files under another city of the province', () => {
    // 城口县 is under 重庆市 for WeChat and under 重庆's 县 (500200) for the dataset.
    expect(codesOf(['重庆市', '重庆市', '城口县'])).toEqual(['500000', '500200', '500229'])
  })

  it('finds a directly administered city that our data files as a district', () => {
    expect(codesOf(['湖北省', '仙桃市', '仙桃市'])).toEqual(['420000', '429000', '429004'])
  })

  it('tolerates a missing administrative suffix', () => {
    expect(codesOf(['内蒙古', '呼和浩特', '新城'])).toEqual(['150000', '150100', '150102'])
  })

  it('keeps province and city when the district is unknown, and falls back to the reported codes', () => {
    expect(codesOf(['广东省', '深圳市', '不存在区'])).toEqual(['440000', '440300', undefined])
    expect(codesOf(['不存在省', '某市', '某区'], ['440000', '440300', '440305'])).toEqual(['440000', '440300', '440305'])
    expect(codesOf(['不存在省', '某市', '某区'])).toBeUndefined()
  })
})

describe('describeRegion', () => {
  it('shows each level once and leaves grouping entries out', () => {
    const describe3 = (codes: string[]) => {
      const selection = selectionFromCodes(codes, dataset)
      return selection && describeRegion(selection)
    }
    expect(describe3(['440000', '440300', '440305'])).toBe('广东省 深圳市 南山区')
    expect(describe3(['440000', '440300'])).toBe('广东省 深圳市')
    expect(describe3(['110000', '110100', '110105'])).toBe('北京市 朝阳区')
    expect(describe3(['500000', '500200', '500229'])).toBe('重庆市 城口县')
    expect(describe3(['420000', '429000', '429004'])).toBe('湖北省 仙桃市')
  })
})
