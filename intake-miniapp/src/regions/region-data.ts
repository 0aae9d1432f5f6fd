import type { RegionNode } from './region-tree'

// WeChat's native region picker brings its own data, so the WeChat package ships none.
// The H5 build resolves region-data.h5.ts instead (Taro's per-platform file resolution).
export const REGION_TREE: RegionNode[] | undefined = undefined
