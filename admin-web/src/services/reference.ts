import { useQuery } from '@tanstack/react-query';
import { useMemo } from 'react';
import { api, requestData } from '@/api/client';
import { buildTree, toTreeOptions } from '@/utils/tree';
import { referenceKeys } from './queryKeys';

// Reference data that forms, filters and columns read. It changes only on the settings pages,
// which invalidate these keys, so it can stay fresh in the cache for a while.
const referenceStaleTime = 5 * 60_000;

export function useTags() {
  return useQuery({
    queryKey: referenceKeys.tags,
    queryFn: ({ signal }) => requestData(api.GET('/api/tags', { signal })).then((data) => data.items),
    staleTime: referenceStaleTime,
  });
}

export function useGroups() {
  return useQuery({
    queryKey: referenceKeys.groups,
    queryFn: ({ signal }) => requestData(api.GET('/api/groups', { signal })).then((data) => data.items),
    staleTime: referenceStaleTime,
  });
}

export function useLevels() {
  return useQuery({
    queryKey: referenceKeys.levels,
    queryFn: ({ signal }) =>
      requestData(api.GET('/api/customer-levels', { signal })).then((data) => data.items),
    staleTime: referenceStaleTime,
  });
}

export function useRelationshipTypes() {
  return useQuery({
    queryKey: referenceKeys.relationshipTypes,
    queryFn: ({ signal }) =>
      requestData(api.GET('/api/relationship-types', { signal })).then((data) => data.items),
    staleTime: referenceStaleTime,
  });
}

export function useCustomFieldDefinitions() {
  return useQuery({
    queryKey: referenceKeys.customFields,
    queryFn: ({ signal }) =>
      requestData(api.GET('/api/custom-fields', { signal })).then((data) => data.items),
    staleTime: referenceStaleTime,
  });
}

export function useStaffUsers() {
  return useQuery({
    queryKey: referenceKeys.users,
    queryFn: ({ signal }) => requestData(api.GET('/api/users', { signal })).then((data) => data.items),
    staleTime: referenceStaleTime,
  });
}

/** The groups as TreeSelect options (the API lists them flat, each pointing at its parent). */
export function useGroupTreeOptions() {
  const groups = useGroups();
  const options = useMemo(
    () =>
      toTreeOptions(
        buildTree(groups.data ?? [], (group) => group.parentId),
        (group) => group.name,
      ),
    [groups.data],
  );
  return { options, loading: groups.isPending };
}
