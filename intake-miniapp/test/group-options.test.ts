import { describe, expect, it } from 'vitest'
import type { Group } from '../src/api/types'
import { groupOptions } from '../src/register/group-options'

const group = (id: string, name: string, parentId: string | null, sortOrder = 0): Group => ({ id, name, parentId, sortOrder, customerCount: 0 })

describe('group options', () => {
  it('lists the tree depth first, siblings by sort order then name, each named by its path', () => {
    const groups = [
      group('hz', '杭州', 'east', 1),
      group('east', '华东', null, 2),
      group('north', '华北', null, 1),
      group('sh', '上海', 'east', 0),
      group('xh', '西湖店', 'hz'),
    ]
    expect(groupOptions(groups)).toEqual([
      { id: 'north', path: '华北' },
      { id: 'east', path: '华东' },
      { id: 'sh', path: '华东 / 上海' },
      { id: 'hz', path: '华东 / 杭州' },
      { id: 'xh', path: '华东 / 杭州 / 西湖店' },
    ])
  })

  it('treats a group whose parent is missing as top-level', () => {
    expect(groupOptions([group('a', '孤儿', 'gone')])).toEqual([{ id: 'a', path: '孤儿' }])
  })
})
