// The permission matrix of the role editor: the catalogue grouped by resource, and the rules that keep
// a role's set of permissions meaningful while boxes are ticked.

export interface CatalogueEntry {
  key: string;
  resource: string;
  label: string;
}

export interface PermissionGroup<Entry extends CatalogueEntry = CatalogueEntry> {
  resource: string;
  permissions: Entry[];
}

/** Groups the catalogue by resource, in the catalogue's order (resources by their first permission). */
export function groupByResource<Entry extends CatalogueEntry>(catalogue: readonly Entry[]): PermissionGroup<Entry>[] {
  const groups = new Map<string, Entry[]>();
  for (const entry of catalogue) {
    const group = groups.get(entry.resource) ?? [];
    group.push(entry);
    groups.set(entry.resource, group);
  }
  return [...groups].map(([resource, permissions]) => ({ resource, permissions }));
}

const readOf = (resource: string) => `${resource}:read`;

/** The selection in catalogue order, without duplicates or keys the catalogue does not know. */
function ordered(selected: ReadonlySet<string>, catalogue: readonly CatalogueEntry[]): string[] {
  return catalogue.filter((entry) => selected.has(entry.key)).map((entry) => entry.key);
}

/**
 * Ticks or unticks one permission. Every other action on a resource is useless without reading it, so
 * ticking one also ticks the resource's `read` (when the catalogue has one), and unticking `read` unticks
 * the resource's other actions.
 */
export function togglePermission(
  selected: readonly string[],
  key: string,
  checked: boolean,
  catalogue: readonly CatalogueEntry[],
): string[] {
  const entry = catalogue.find((candidate) => candidate.key === key);
  if (!entry) return ordered(new Set(selected), catalogue);
  const next = new Set(selected);
  const read = readOf(entry.resource);
  const hasRead = catalogue.some((candidate) => candidate.key === read);
  if (checked) {
    next.add(key);
    if (hasRead) next.add(read);
  } else {
    next.delete(key);
    if (key === read) {
      for (const other of catalogue) if (other.resource === entry.resource) next.delete(other.key);
    }
  }
  return ordered(next, catalogue);
}

/** Ticks or unticks every permission of one resource (the row's "all" box). */
export function toggleGroup(
  selected: readonly string[],
  group: PermissionGroup,
  checked: boolean,
  catalogue: readonly CatalogueEntry[],
): string[] {
  const next = new Set(selected);
  for (const entry of group.permissions) {
    if (checked) next.add(entry.key);
    else next.delete(entry.key);
  }
  return ordered(next, catalogue);
}

/** The row's "all" box: ticked when every permission of the resource is, half-ticked when some are. */
export function groupState(
  selected: readonly string[],
  group: PermissionGroup,
): { checked: boolean; indeterminate: boolean } {
  const count = group.permissions.filter((entry) => selected.includes(entry.key)).length;
  return { checked: count > 0 && count === group.permissions.length, indeterminate: count > 0 && count < group.permissions.length };
}
