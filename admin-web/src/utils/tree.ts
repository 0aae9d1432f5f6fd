/** A node of a tree built from flat rows; `children` is absent on leaves so antd shows no expander. */
export type TreeNode<Row> = Row & { children?: TreeNode<Row>[] };

/**
 * Builds a forest from flat rows that point at their parent (contacts by `reportsToId`, groups by
 * `parentId`). Rows whose parent is missing (deleted, outside the list) become roots instead of
 * disappearing, and a cycle in bad data is broken rather than looping forever.
 */
export function buildTree<Row extends { id: string }>(
  rows: readonly Row[],
  parentOf: (row: Row) => string | null | undefined,
): TreeNode<Row>[] {
  const byId = new Map(rows.map((row) => [row.id, row]));
  const childrenOf = new Map<string | null, Row[]>();
  for (const row of rows) {
    const parentId = parentOf(row);
    const key = parentId && parentId !== row.id && byId.has(parentId) ? parentId : null;
    const siblings = childrenOf.get(key) ?? [];
    siblings.push(row);
    childrenOf.set(key, siblings);
  }

  const placed = new Set<string>();
  const build = (row: Row): TreeNode<Row> => {
    placed.add(row.id);
    const children = (childrenOf.get(row.id) ?? []).filter((child) => !placed.has(child.id)).map(build);
    return children.length > 0 ? { ...row, children } : { ...row };
  };

  const roots = (childrenOf.get(null) ?? []).map(build);
  // Rows only reachable through a cycle (a → b → a) have no root; each such loop is cut at the
  // first of its rows in list order.
  for (const row of rows) if (!placed.has(row.id)) roots.push(build(row));
  return roots;
}

/** The ids of a row and everything below it: what a "reports to" or "parent" picker must not offer. */
export function descendantIds<Row extends { id: string }>(
  rows: readonly Row[],
  parentOf: (row: Row) => string | null | undefined,
  rootId: string,
): Set<string> {
  const result = new Set<string>([rootId]);
  let grew = true;
  while (grew) {
    grew = false;
    for (const row of rows) {
      const parentId = parentOf(row);
      if (parentId && result.has(parentId) && !result.has(row.id)) {
        result.add(row.id);
        grew = true;
      }
    }
  }
  return result;
}

/** Options for antd's TreeSelect from a built tree. */
export interface TreeOption {
  value: string;
  title: string;
  children?: TreeOption[];
}

export function toTreeOptions<Row extends { id: string }>(
  nodes: readonly TreeNode<Row>[],
  title: (row: Row) => string,
): TreeOption[] {
  return nodes.map((node) =>
    node.children
      ? { value: node.id, title: title(node), children: toTreeOptions(node.children, title) }
      : { value: node.id, title: title(node) },
  );
}
