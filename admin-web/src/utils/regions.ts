import { areaList } from '@vant/area-data';

/** One level of the province → city → district cascader; values are GB/T 2260 six-digit codes. */
export interface RegionOption {
  value: string;
  label: string;
  children?: RegionOption[];
}

// The data set (shared with the server and the mini-program) is three flat code → name maps: a city
// belongs to the province whose code shares its first two digits, a district to the city sharing its
// first four.
function buildRegionTree(): RegionOption[] {
  const districtsByCity = new Map<string, RegionOption[]>();
  for (const [code, name] of Object.entries(areaList.county_list)) {
    const cityPrefix = code.slice(0, 4);
    const list = districtsByCity.get(cityPrefix) ?? [];
    list.push({ value: code, label: name });
    districtsByCity.set(cityPrefix, list);
  }
  const citiesByProvince = new Map<string, RegionOption[]>();
  for (const [code, name] of Object.entries(areaList.city_list)) {
    const provincePrefix = code.slice(0, 2);
    const districts = districtsByCity.get(code.slice(0, 4));
    const list = citiesByProvince.get(provincePrefix) ?? [];
    list.push(districts ? { value: code, label: name, children: districts } : { value: code, label: name });
    citiesByProvince.set(provincePrefix, list);
  }
  return Object.entries(areaList.province_list).map(([code, name]) => {
    const cities = citiesByProvince.get(code.slice(0, 2));
    return cities ? { value: code, label: name, children: cities } : { value: code, label: name };
  });
}

export const regionTree: RegionOption[] = buildRegionTree();

/** The cascader value (codes from the province down) for an address's codes. */
export function regionPath(codes: {
  provinceCode?: string | null;
  cityCode?: string | null;
  districtCode?: string | null;
}): string[] {
  const path: string[] = [];
  for (const code of [codes.provinceCode, codes.cityCode, codes.districtCode]) {
    if (!code) break;
    path.push(code);
  }
  return path;
}

/** The codes an address input carries, from a cascader value. */
export function regionCodes(path: readonly string[] | null | undefined): {
  provinceCode: string | null;
  cityCode: string | null;
  districtCode: string | null;
} {
  return { provinceCode: path?.[0] ?? null, cityCode: path?.[1] ?? null, districtCode: path?.[2] ?? null };
}
