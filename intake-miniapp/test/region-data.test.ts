import { describe, expect, it } from 'vitest'
import { REGION_TREE } from '../src/regions/region-data.h5'
import {
  buildRegionTree,
  pickerIndicesFor,
  selectionFromPickerDetail,
  type RegionNode,
} from '../src/regions/region-tree'

const tree: RegionNode[] = REGION_TREE ?? []
const findProvince = (name: string) => tree.find((node) => node.value === name)

describe('H5 region data (from @vant/area-data)', () => {
  it('lists the 34 provincial-level divisions', () => {
    expect(tree).toHaveLength(34)
    expect(tree.map((node) => node.value)).toEqual(expect.arrayContaining(['北京市', '广东省', '新疆维吾尔自治区', '香港特别行政区']))
  })

  it('has the shape Taro H5 Picker expects: value, six-digit GB/T 2260 code, cities as children', () => {
    for (const province of tree) {
      expect(province.value).toMatch(/\S/)
      expect(province.code).toMatch(/^\d{2}0000$/)
      expect(province.children?.length, province.value).toBeGreaterThan(0)
      for (const city of province.children ?? []) {
        expect(city.value).toMatch(/\S/)
        expect(city.code).toMatch(/^\d{6}$/)
        expect(city.code.slice(0, 2), `${province.value} ${city.value}`).toBe(province.code.slice(0, 2))
        expect(city.children).toBeUndefined()
      }
    }
  })

  it('knows a few well-known cities under their provinces', () => {
    expect(findProvince('广东省')?.children?.map((city) => city.value)).toEqual(expect.arrayContaining(['广州市', '深圳市']))
    expect(findProvince('浙江省')?.children?.find((city) => city.value === '杭州市')?.code).toBe('330100')
    expect(findProvince('北京市')?.children?.map((city) => city.value)).toContain('北京市')
  })

  it('stays compact: province and city only', () => {
    const cityCount = tree.reduce((count, province) => count + (province.children?.length ?? 0), 0)
    expect(cityCount).toBeGreaterThan(300)
    expect(cityCount).toBeLessThan(500)
  })
})

describe('region tree helpers', () => {
  const small = buildRegionTree({
    provinces: { '440000': '广东省', '110000': '北京市', '990000': '无城市省' },
    cities: { '440300': '深圳市', '440100': '广州市', '110100': '北京市' },
  })

  it('sorts by code and nests cities under their province', () => {
    expect(small.map((node) => node.code)).toEqual(['110000', '440000', '990000'])
    expect(small[1].children?.map((node) => node.value)).toEqual(['广州市', '深圳市'])
  })

  it('gives a province without cities itself as the only city', () => {
    expect(small[2].children).toEqual([{ value: '无城市省', code: '990000' }])
  })

  it('reads WeChat picker changes (names)', () => {
    expect(selectionFromPickerDetail({ value: ['广东省', '深圳市'], code: ['440000', '440300'] }, undefined)).toEqual({
      province: '广东省',
      city: '深圳市',
    })
  })

  it('reads H5 picker changes (indices and comma-joined codes)', () => {
    expect(selectionFromPickerDetail({ value: [1, 1], code: '440000,440300' }, small)).toEqual({ province: '广东省', city: '深圳市' })
    expect(selectionFromPickerDetail({ value: [1, 0] }, small)).toEqual({ province: '广东省', city: '广州市' })
    expect(selectionFromPickerDetail({ value: [7, 0] }, small)).toBeUndefined()
  })

  it('turns a selection back into picker indices', () => {
    expect(pickerIndicesFor({ province: '广东省', city: '深圳市' }, small)).toEqual(['1', '1'])
    expect(pickerIndicesFor(undefined, small)).toEqual([])
    expect(pickerIndicesFor({ province: '火星', city: '城' }, small)).toEqual([])
  })
})
