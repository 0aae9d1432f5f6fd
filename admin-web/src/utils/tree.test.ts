import { describe, expect, it } from 'vitest';
import { buildTree, descendantIds, toTreeOptions } from './tree';

interface Row {
  id: string;
  name: string;
  reportsToId: string | null;
}

const row = (id: string, reportsToId: string | null = null): Row => ({ id, name: id, reportsToId });
const parent = (r: Row) => r.reportsToId;
const shape = (nodes: ReturnType<typeof buildTree<Row>>): unknown =>
  nodes.map((node) => (node.children ? { [node.id]: shape(node.children) } : node.id));

describe('buildTree', () => {
  it('nests rows under the row they report to, keeping list order', () => {
    const rows = [row('ceo'), row('cfo', 'ceo'), row('buyer', 'cfo'), row('cto', 'ceo'), row('spouse')];
    expect(shape(buildTree(rows, parent))).toEqual([{ ceo: [{ cfo: ['buyer'] }, 'cto'] }, 'spouse']);
  });

  it('leaves no children array on leaves', () => {
    const [leaf] = buildTree([row('a')], parent);
    expect(leaf).toEqual({ id: 'a', name: 'a', reportsToId: null });
    expect('children' in leaf).toBe(false);
  });

  it('makes rows whose parent is gone into roots', () => {
    expect(shape(buildTree([row('a', 'deleted'), row('b', 'a')], parent))).toEqual([{ a: ['b'] }]);
  });

  it('survives self references and cycles in bad data', () => {
    expect(shape(buildTree([row('a', 'a')], parent))).toEqual(['a']);
    const looped = buildTree([row('a', 'b'), row('b', 'a'), row('c')], parent);
    expect(shape(looped)).toEqual(['c', { a: ['b'] }]);
  });
});

describe('descendantIds', () => {
  it('collects a row and every row below it, however deep', () => {
    const rows = [row('d', 'c'), row('a'), row('b', 'a'), row('c', 'b'), row('x')];
    expect([...descendantIds(rows, parent, 'b')].sort()).toEqual(['b', 'c', 'd']);
    expect([...descendantIds(rows, parent, 'x')]).toEqual(['x']);
  });
});

describe('toTreeOptions', () => {
  it('turns a built tree into TreeSelect options', () => {
    const tree = buildTree([row('a'), row('b', 'a')], parent);
    expect(toTreeOptions(tree, (r) => r.name.toUpperCase())).toEqual([
      { value: 'a', title: 'A', children: [{ value: 'b', title: 'B' }] },
    ]);
  });
});
