import provinceCityDataset from '../generated/province-city.json'
import { buildRegionTree, type RegionNode } from './region-tree'

// Taro's H5 region picker has no data of its own; it is given the provinces and cities generated
// from @vant/area-data at build time (`pnpm gen:regions`).
export const REGION_TREE: RegionNode[] | undefined = buildRegionTree(provinceCityDataset)
