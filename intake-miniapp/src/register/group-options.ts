import type { Group } from '../api/types'

export interface GroupOption {
  id: string
  /** The group's names from the top, e.g. 华东 / 杭州 / 西湖店. */
  path: string
}

const bySortOrderThenName = (a: Group, b: Group): number => a.sortOrder - b.sortOrder || a.name.localeCompare(b.name, 'zh-CN')

/**
 * The groups as a flat list in tree order (each parent before its children, siblings by sort order), each
 * named by its path. A group whose parent is missing from the list is treated as top-level; a cycle, which
 * the server refuses, would simply not be listed.
 */
export function groupOptions(groups: readonly Group[], separator = ' / '): GroupOption[] {
  const ids = new Set(groups.map((group) => group.id))
  const childrenOf = new Map<string | null, Group[]>()
  for (const group of groups) {
    const parent = group.parentId && ids.has(group.parentId) ? group.parentId : null
    childrenOf.set(parent, [...(childrenOf.get(parent) ?? []), group])
  }
  const options: GroupOption[] = []
  const visit = (parent: string | null, prefix: string) => {
    for (const group of [...(childrenOf.get(parent) ?? [])].sort(bySortOrderThenName)) {
      const path = prefix ? `${prefix}${separator}${group.name}` : group.name
      options.push({ id: group.id, path })
      visit(group.id, path)
    }
  }
  visit(null, '')
  return options
}
