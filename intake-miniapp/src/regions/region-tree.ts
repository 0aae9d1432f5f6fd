/** Names by six-digit GB/T 2260 code, as generated from @vant/area-data (`pnpm gen:regions`). */
export interface RegionDataset {
  provinces: Record<string, string>
  cities: Record<string, string>
  districts: Record<string, string>
}

/** One entry of the region picker's data on H5: the shape Taro's `Picker mode="region"` expects. */
export interface RegionNode {
  value: string
  code: string
  children?: RegionNode[]
}

/** A chosen region: what the address sends as codes, and the names to show. */
export interface RegionSelection {
  provinceCode: string
  provinceName: string
  cityCode: string
  cityName: string
  districtCode?: string
  districtName?: string
}

// GB/T 2260: two digits of province, two of city, two of district.
const provincePrefix = (code: string): string => code.slice(0, 2)
const cityPrefix = (code: string): string => code.slice(0, 4)

function codesUnder(names: Record<string, string>, prefix: string): string[] {
  return Object.keys(names)
    .filter((code) => code.startsWith(prefix))
    .sort()
}

/** Province → city → district, each level in code order. */
export function buildRegionTree(dataset: RegionDataset): RegionNode[] {
  return Object.keys(dataset.provinces)
    .sort()
    .map((provinceCode) => {
      const provinceName = dataset.provinces[provinceCode]
      const cities = codesUnder(dataset.cities, provincePrefix(provinceCode)).map((cityCode) => {
        const districts = codesUnder(dataset.districts, cityPrefix(cityCode)).map((code) => ({ value: dataset.districts[code], code }))
        // A city without districts still needs a third column entry to be selectable: itself.
        return { value: dataset.cities[cityCode], code: cityCode, children: districts.length ? districts : [{ value: dataset.cities[cityCode], code: cityCode }] }
      })
      const fallbackCity = { value: provinceName, code: provinceCode, children: [{ value: provinceName, code: provinceCode }] }
      return { value: provinceName, code: provinceCode, children: cities.length ? cities : [fallbackCity] }
    })
}

/** The selection named by a province, city and (optionally) district code, when the dataset knows them. */
export function selectionFromCodes(codes: readonly string[], dataset: RegionDataset): RegionSelection | undefined {
  const [provinceCode, cityCode, districtCode] = codes
  const provinceName = dataset.provinces[provinceCode]
  const cityName = dataset.cities[cityCode]
  if (!provinceName || !cityName || provincePrefix(cityCode) !== provincePrefix(provinceCode)) return undefined
  const selection: RegionSelection = { provinceCode, provinceName, cityCode, cityName }
  const districtName = districtCode ? dataset.districts[districtCode] : undefined
  if (districtName && cityPrefix(districtCode) === cityPrefix(cityCode)) {
    selection.districtCode = districtCode
    selection.districtName = districtName
  }
  return selection
}

// Suffixes that one data source writes and another may leave out (内蒙古 / 内蒙古自治区, 朝阳 / 朝阳区).
const ADMINISTRATIVE_SUFFIX = /(特别行政区|维吾尔自治区|壮族自治区|回族自治区|自治区|自治州|自治县|地区|林区|省|市|区|县|旗|盟)$/

const sameRegionName = (a: string, b: string): boolean =>
  a === b || (a.replace(ADMINISTRATIVE_SUFFIX, '') === b.replace(ADMINISTRATIVE_SUFFIX, '') && a.replace(ADMINISTRATIVE_SUFFIX, '') !== '')

function findCode(names: Record<string, string>, candidates: string[], name: string | undefined): string | undefined {
  if (!name) return undefined
  return candidates.find((code) => names[code] === name) ?? candidates.find((code) => sameRegionName(names[code], name))
}

/**
 * Turns the names WeChat's native region picker reports into codes of our dataset. WeChat's data groups a
 * few places differently (重庆's counties, provinces' directly administered cities such as 仙桃市, Hong Kong's
 * districts), so a district is looked up across its whole province and decides the city when it is found.
 * WeChat's own codes are the last resort.
 */
export function selectionFromNames(
  names: readonly string[],
  dataset: RegionDataset,
  reportedCodes: readonly string[] = [],
): RegionSelection | undefined {
  const [provinceName, cityName, districtName] = names
  const provinceCode = findCode(dataset.provinces, Object.keys(dataset.provinces), provinceName)
  if (!provinceCode) return selectionFromCodes(reportedCodes, dataset)
  const provinceCities = codesUnder(dataset.cities, provincePrefix(provinceCode))
  const provinceDistricts = codesUnder(dataset.districts, provincePrefix(provinceCode))
  const namedCityCode = findCode(dataset.cities, provinceCities, cityName)
  const districtsOfNamedCity = namedCityCode ? provinceDistricts.filter((code) => cityPrefix(code) === cityPrefix(namedCityCode)) : []
  const districtCode = findCode(dataset.districts, districtsOfNamedCity, districtName) ?? findCode(dataset.districts, provinceDistricts, districtName)
  // 仙桃市 is a city for WeChat and a district under 省直辖县 for the dataset.
  const cityAsDistrictCode = namedCityCode ? undefined : findCode(dataset.districts, provinceDistricts, cityName)
  const cityCode =
    (districtCode && provinceCities.find((code) => cityPrefix(code) === cityPrefix(districtCode))) ??
    namedCityCode ??
    (cityAsDistrictCode && provinceCities.find((code) => cityPrefix(code) === cityPrefix(cityAsDistrictCode)))
  if (!cityCode) return selectionFromCodes(reportedCodes, dataset)
  const codes = [provinceCode, cityCode]
  const chosenDistrict = districtCode ?? cityAsDistrictCode
  if (chosenDistrict) codes.push(chosenDistrict)
  return selectionFromCodes(codes, dataset)
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

/** Turns a picker change into a selection with codes, whichever platform sent it. */
export function selectionFromPickerDetail(detail: RegionPickerDetail, dataset: RegionDataset): RegionSelection | undefined {
  const values = Array.isArray(detail.value) ? detail.value : []
  if (values.length >= 2 && values.every(isNonNumericText)) {
    return selectionFromNames(values, dataset, codesOf(detail.code))
  }
  return selectionFromCodes(codesOf(detail.code), dataset)
}

/** The column indices (the H5 picker's `value`) that show a selection; empty when there is none. */
export function pickerIndicesFor(selection: RegionSelection | undefined, tree: RegionNode[]): string[] {
  if (!selection) return []
  const provinceIndex = tree.findIndex((node) => node.code === selection.provinceCode)
  const cities = tree[provinceIndex]?.children ?? []
  const cityIndex = cities.findIndex((node) => node.code === selection.cityCode)
  const districts = cities[cityIndex]?.children ?? []
  const districtIndex = districts.findIndex((node) => node.code === selection.districtCode)
  if (provinceIndex < 0) return []
  return [provinceIndex, Math.max(cityIndex, 0), Math.max(districtIndex, 0)].map(String)
}

/** The names WeChat's picker takes as its `value`. */
export function pickerNamesFor(selection: RegionSelection | undefined): string[] {
  if (!selection) return []
  return [selection.provinceName, selection.cityName, selection.districtName ?? '']
}

// City entries of the dataset that only group counties (重庆's 县, provinces' 省直辖县) say nothing to a reader.
const GROUPING_CITY_NAMES = new Set(['县', '省直辖县'])

/** 广东省 深圳市 南山区; a municipality's city (北京市 / 北京市) and grouping entries are shown once or not at all. */
export function describeRegion(selection: RegionSelection): string {
  const parts = [selection.provinceName]
  if (selection.cityName !== selection.provinceName && !GROUPING_CITY_NAMES.has(selection.cityName)) parts.push(selection.cityName)
  if (selection.districtName && selection.districtName !== selection.cityName) parts.push(selection.districtName)
  return parts.join(' ')
}
