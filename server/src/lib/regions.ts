import { areaList } from '@vant/area-data'

/**
 * Chinese administrative regions from @vant/area-data (GB/T 2260 six-digit codes), the same data the console
 * and the mini-program offer, so a code the server accepts is always one they can show.
 */

export interface ResolvedRegion {
  provinceCode: string | null
  provinceName: string | null
  cityCode: string | null
  cityName: string | null
  districtCode: string | null
  districtName: string | null
}

export type RegionProblem = 'provinceCode' | 'cityCode' | 'districtCode'

const provinces: Record<string, string> = areaList.province_list
const cities: Record<string, string> = areaList.city_list
const districts: Record<string, string> = areaList.county_list

/**
 * Names the given codes and checks they nest (a city inside its province, a district inside its city, the way
 * vant's cascader groups them: by the code's first two and four digits). A city or district alone implies its
 * province. Returns the first offending field instead when a code is unknown or does not nest.
 */
export const resolveRegion = (codes: {
  provinceCode?: string | null
  cityCode?: string | null
  districtCode?: string | null
}): ResolvedRegion | { problem: RegionProblem } => {
  let provinceCode = codes.provinceCode ?? null
  let cityCode = codes.cityCode ?? null
  const districtCode = codes.districtCode ?? null

  if (districtCode !== null) {
    if (districts[districtCode] === undefined) return { problem: 'districtCode' }
    const impliedCity = Object.keys(cities).find((code) => code.slice(0, 4) === districtCode.slice(0, 4))
    if (cityCode === null) cityCode = impliedCity ?? null
    else if (cityCode.slice(0, 4) !== districtCode.slice(0, 4)) return { problem: 'districtCode' }
  }
  if (cityCode !== null) {
    if (cities[cityCode] === undefined) return { problem: 'cityCode' }
    const impliedProvince = `${cityCode.slice(0, 2)}0000`
    if (provinceCode === null) provinceCode = impliedProvince
    else if (provinceCode !== impliedProvince) return { problem: 'cityCode' }
  }
  if (provinceCode !== null && provinces[provinceCode] === undefined) return { problem: 'provinceCode' }

  return {
    provinceCode,
    provinceName: provinceCode === null ? null : (provinces[provinceCode] ?? null),
    cityCode,
    cityName: cityCode === null ? null : (cities[cityCode] ?? null),
    districtCode,
    districtName: districtCode === null ? null : (districts[districtCode] ?? null),
  }
}

/** Every province and city code with its name, for the demo seed and tests. */
export const regionData = { provinces, cities, districts }
