import { describe, expect, it } from 'vitest';
import { groupByResource, groupState, toggleGroup, togglePermission } from './matrixState';

const catalogue = [
  { key: 'customer:read', resource: 'customer', label: '查看客户' },
  { key: 'customer:update', resource: 'customer', label: '编辑客户' },
  { key: 'customer:delete', resource: 'customer', label: '删除客户' },
  { key: 'order:update_amount', resource: 'order', label: '修改订单金额' },
  { key: 'audit:read', resource: 'audit', label: '查看审计日志' },
  { key: 'customer:export', resource: 'customer', label: '导出客户' },
];

describe('the permission matrix', () => {
  it('groups the catalogue by resource in the order the catalogue names them', () => {
    const groups = groupByResource(catalogue);
    expect(groups.map((group) => group.resource)).toEqual(['customer', 'order', 'audit']);
    expect(groups[0].permissions.map((entry) => entry.key)).toEqual([
      'customer:read',
      'customer:update',
      'customer:delete',
      'customer:export',
    ]);
  });

  it('ticks reading a resource along with any other action on it', () => {
    expect(togglePermission([], 'customer:delete', true, catalogue)).toEqual(['customer:read', 'customer:delete']);
  });

  it('leaves resources without a read permission alone', () => {
    expect(togglePermission([], 'order:update_amount', true, catalogue)).toEqual(['order:update_amount']);
  });

  it('unticks a resource’s other actions when reading it is unticked', () => {
    const selected = ['customer:read', 'customer:update', 'audit:read'];
    expect(togglePermission(selected, 'customer:read', false, catalogue)).toEqual(['audit:read']);
    expect(togglePermission(selected, 'customer:update', false, catalogue)).toEqual(['customer:read', 'audit:read']);
  });

  it('keeps the selection in catalogue order and drops keys the catalogue does not know', () => {
    expect(togglePermission(['audit:read', 'gone:away'], 'customer:read', true, catalogue)).toEqual([
      'customer:read',
      'audit:read',
    ]);
  });

  it('ticks and unticks a whole resource, and shows a half-ticked row when only some are', () => {
    const [customers] = groupByResource(catalogue);
    const all = toggleGroup(['audit:read'], customers, true, catalogue);
    expect(all).toEqual(['customer:read', 'customer:update', 'customer:delete', 'audit:read', 'customer:export']);
    expect(groupState(all, customers)).toEqual({ checked: true, indeterminate: false });
    expect(groupState(['customer:read'], customers)).toEqual({ checked: false, indeterminate: true });
    expect(groupState([], customers)).toEqual({ checked: false, indeterminate: false });
    expect(toggleGroup(all, customers, false, catalogue)).toEqual(['audit:read']);
  });
});
