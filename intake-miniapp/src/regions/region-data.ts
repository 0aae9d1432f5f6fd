import regionDataset from '../generated/regions.json'
import type { RegionDataset } from './region-tree'

// WeChat's native region picker shows its own data and reports names; the dataset is in the package to turn
// those names into our codes, right when the picker reports them. The H5 build resolves region-data.h5.ts.

/** Whether the platform's region picker needs our data to show anything (Taro's H5 picker does). */
export const PICKER_NEEDS_REGION_DATA = false

export function loadRegionDataset(): Promise<RegionDataset> {
  return Promise.resolve(regionDataset)
}
