import { useEffect, useRef, useState } from 'react';
import { usePreference, useSavePreference } from '@/services/preferences';
import {
  columnsPreferenceKey,
  parseColumnsState,
  sameColumnsState,
  serializeColumnsState,
  type ColumnsStateMap,
} from './columnsState';

// Dragging a column through the settings list fires many changes; one PUT after a pause is enough.
const saveDelay = 800;

/**
 * The customer table's column settings, loaded from the signed-in user's preferences and saved
 * back (debounced) whenever they change.
 */
export function useColumnPreferences() {
  const stored = usePreference(columnsPreferenceKey);
  const save = useSavePreference(columnsPreferenceKey);
  const [columns, setColumns] = useState<ColumnsStateMap>({});
  const loaded = useRef(false);
  const lastSaved = useRef<ColumnsStateMap>({});
  const timer = useRef<ReturnType<typeof setTimeout>>();

  useEffect(() => {
    // Until the stored settings arrived (or failed to), changes are not saved: ProTable reports its
    // defaults on mount, and they must not overwrite what the person chose last time.
    if (loaded.current) return;
    if (stored.isSuccess) {
      const map = parseColumnsState(stored.data.value);
      lastSaved.current = map;
      setColumns(map);
      loaded.current = true;
    } else if (stored.isError) {
      loaded.current = true;
    }
  }, [stored.isSuccess, stored.isError, stored.data]);

  useEffect(() => () => clearTimeout(timer.current), []);

  const onChange = (map: ColumnsStateMap) => {
    setColumns(map);
    if (!loaded.current) return;
    clearTimeout(timer.current);
    timer.current = setTimeout(() => {
      if (sameColumnsState(map, lastSaved.current)) return;
      lastSaved.current = map;
      save.mutate(serializeColumnsState(map));
    }, saveDelay);
  };

  return { columns, onChange, loading: stored.isPending };
}
