import { describe, expect, it } from 'vitest';
import {
  columnsOfState,
  columnsStateOfList,
  moveView,
  sameSettings,
  settingsOfView,
  viewBodyOf,
} from './views';

const keys = ['name', 'level', 'company', 'owner', 'createdAt'];

describe('saved view settings', () => {
  it('reads a view into list settings', () => {
    expect(
      settingsOfView({
        filters: { tagIds: ['b', 'a'], groupIds: [] },
        sort: { field: 'totalSpent', order: 'desc' },
        columns: ['name', 'owner'],
      }),
    ).toEqual({
      filter: { tagIds: ['a', 'b'] },
      sort: { field: 'totalSpent', order: 'desc' },
      columns: ['name', 'owner'],
    });
  });

  it('notices what changed since the view was saved', () => {
    const saved = { filter: { keyword: '张' }, sort: null, columns: [] };
    expect(sameSettings(saved, { filter: { keyword: ' 张 ' }, sort: null, columns: [] })).toBe(true);
    expect(sameSettings(saved, { ...saved, filter: { keyword: '李' } })).toBe(false);
    expect(sameSettings(saved, { ...saved, sort: { field: 'name', order: 'asc' } })).toBe(false);
    expect(sameSettings(saved, { ...saved, columns: ['name'] })).toBe(false);
    expect(
      sameSettings(
        { ...saved, sort: { field: 'relevance', order: 'asc' } },
        { ...saved, sort: { field: 'relevance', order: 'desc' } },
      ),
    ).toBe(true);
  });

  it('saves the settings as a view body', () => {
    expect(viewBodyOf({ filter: { tagIds: [] }, sort: null, columns: ['name'] })).toEqual({
      filters: {},
      columns: ['name'],
      sort: null,
    });
  });
});

describe('view columns', () => {
  it('lists the shown columns in display order', () => {
    expect(columnsOfState({}, keys)).toEqual([]);
    expect(
      columnsOfState({ level: { show: false }, owner: { order: -1 }, createdAt: { show: true } }, keys),
    ).toEqual(['owner', 'name', 'company', 'createdAt']);
  });

  it('shows a view’s columns in its order and hides the rest', () => {
    const map = columnsStateOfList(['owner', 'name', 'gone'], keys);
    expect(map).toEqual({
      owner: { show: true, order: 0 },
      name: { show: true, order: 1 },
      level: { show: false, order: 2 },
      company: { show: false, order: 3 },
      createdAt: { show: false, order: 4 },
    });
    expect(columnsOfState(map, keys)).toEqual(['owner', 'name']);
    expect(columnsStateOfList([], keys)).toEqual({});
  });
});

describe('moveView', () => {
  it('swaps a view with its neighbour', () => {
    expect(moveView(['a', 'b', 'c'], 'b', -1)).toEqual(['b', 'a', 'c']);
    expect(moveView(['a', 'b', 'c'], 'b', 1)).toEqual(['a', 'c', 'b']);
  });

  it('refuses to move past either end or an unknown view', () => {
    expect(moveView(['a', 'b'], 'a', -1)).toBeNull();
    expect(moveView(['a', 'b'], 'b', 1)).toBeNull();
    expect(moveView(['a', 'b'], 'x', 1)).toBeNull();
  });
});
