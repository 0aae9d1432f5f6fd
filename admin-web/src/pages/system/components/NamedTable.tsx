import React, { useMemo } from 'react';

/**
 * A `components.table` for antd / pro tables that names the <table> itself, so the table is found by
 * role and name (`getByRole('table', { name: '用户' })`). Memoised: a new component type on every render
 * would remount the table body.
 */
export function useNamedTable(name: string) {
  return useMemo(() => {
    function NamedTable(props: React.TableHTMLAttributes<HTMLTableElement>) {
      return <table {...props} aria-label={name} />;
    }
    return NamedTable;
  }, [name]);
}
