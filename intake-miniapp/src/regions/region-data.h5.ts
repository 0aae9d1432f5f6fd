import type { RegionDataset } from './region-tree'

// Taro's H5 region picker has no data of its own. The districts make the dataset about 29 KB gzipped, so it
// is a chunk of its own, fetched once the staff member starts on the form (see deferUntilWanted) instead of
// competing with the first screen.

/** Whether the platform's region picker needs our data to show anything (Taro's H5 picker does). */
export const PICKER_NEEDS_REGION_DATA = true

let loading: Promise<RegionDataset> | undefined

export function loadRegionDataset(): Promise<RegionDataset> {
  loading ??= import(/* webpackChunkName: "regions" */ '../generated/regions.json').then((module) => module.default)
  // A failed download (a dropped connection) may be retried by the next caller.
  loading.catch(() => {
    loading = undefined
  })
  return loading
}
