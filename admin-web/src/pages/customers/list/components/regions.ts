import { areaList } from '@vant/area-data';

export interface RegionOption {
  value: string;
  label: string;
}

export interface Regions {
  provinces: RegionOption[];
  citiesByProvince: Record<string, RegionOption[]>;
}

// The data set (the one the intake mini-program uses) is keyed by six-digit division codes:
// a city belongs to the province whose code shares its first two digits. Values are the names,
// which is what the API stores.
function buildRegions(): Regions {
  const provinces = Object.entries(areaList.province_list).map(([code, name]) => ({ code, name }));
  const cities = Object.entries(areaList.city_list);
  const citiesByProvince: Record<string, RegionOption[]> = {};
  for (const province of provinces) {
    const prefix = province.code.slice(0, 2);
    citiesByProvince[province.name] = cities
      .filter(([code]) => code.startsWith(prefix))
      .map(([, name]) => ({ value: name, label: name }));
  }
  return { provinces: provinces.map(({ name }) => ({ value: name, label: name })), citiesByProvince };
}

export const regions = buildRegions();
