/** One entry of the region picker's data on H5: the shape Taro's `Picker mode="region"` expects. */
export interface RegionNode {
  value: string
  code: string
  children?: RegionNode[]
}

/** Names by six-digit GB/T 2260 code, as generated from @vant/area-data. */
export interface ProvinceCityDataset {
  provinces: Record<string, string>
  cities: Record<string, string>
}

export interface RegionSelection {
  province: string
  city: string
}

const provincePrefix = (code: string): string => code.slice(0, 2)

/** Nests every city under the province that shares its first two code digits, both in code order. */
export function buildRegionTree(dataset: ProvinceCityDataset): RegionNode[] {
  const citiesByProvince = new Map<string, RegionNode[]>()
  for (const code of Object.keys(dataset.cities).sort()) {
    const siblings = citiesByProvince.get(provincePrefix(code)) ?? []
    siblings.push({ value: dataset.cities[code], code })
    citiesByProvince.set(provincePrefix(code), siblings)
  }
  return Object.keys(dataset.provinces)
    .sort()
    .map((code) => {
      const name = dataset.provinces[code]
      // A province without a city level still needs a second column entry to be selectable.
      const children = citiesByProvince.get(provincePrefix(code)) ?? [{ value: name, code }]
      return { value: name, code, children }
    })
}

/** What a region picker reports on change. WeChat sends names and a code array; Taro's H5 picker sends
 * column indices and the codes joined by commas. */
export interface RegionPickerDetail {
  value?: unknown
  code?: unknown
}

const isNonNumericText = (item: unknown): item is string => typeof item === 'string' && !/^\d+$/.test(item)

function codesOf(code: unknown): string[] {
  if (typeof code === 'string') return code.split(',').filter(Boolean)
  if (Array.isArray(code)) return code.filter((item): item is string => typeof item === 'string')
  return []
}

function selectionFromCodes(codes: string[], tree: RegionNode[]): RegionSelection | undefined {
  const province = tree.find((node) => node.code === codes[0])
  const city = province?.children?.find((node) => node.code === codes[1])
  return province && city ? { province: province.value, city: city.value } : undefined
}

function selectionFromIndices(indices: unknown[], tree: RegionNode[]): RegionSelection | undefined {
  const [provinceIndex, cityIndex] = indices.map(Number)
  const province = tree[provinceIndex]
  const city = province?.children?.[cityIndex]
  return province && city ? { province: province.value, city: city.value } : undefined
}

/** Turns a picker change into province and city names, whichever platform sent it. */
export function selectionFromPickerDetail(
  detail: RegionPickerDetail,
  tree: RegionNode[] | undefined,
): RegionSelection | undefined {
  const values = Array.isArray(detail.value) ? detail.value : []
  if (values.length >= 2 && isNonNumericText(values[0]) && isNonNumericText(values[1])) {
    return { province: values[0], city: values[1] }
  }
  if (!tree) return undefined
  return selectionFromCodes(codesOf(detail.code), tree) ?? selectionFromIndices(values, tree)
}

/** The column indices (as the picker's `value` on H5) that show a chosen province and city. */
export function pickerIndicesFor(selection: RegionSelection | undefined, tree: RegionNode[]): string[] {
  if (!selection) return []
  const provinceIndex = tree.findIndex((node) => node.value === selection.province)
  if (provinceIndex < 0) return []
  const cityIndex = tree[provinceIndex].children?.findIndex((node) => node.value === selection.city) ?? -1
  return [String(provinceIndex), String(Math.max(cityIndex, 0))]
}
