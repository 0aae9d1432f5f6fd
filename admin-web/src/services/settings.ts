import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api, requestData, requestNoContent } from '@/api/client';
import type { CustomFieldInput, GroupInput, LevelInput, RelationshipTypeInput, TagInput } from '@/api/types';
import { customerKeys, referenceKeys } from './queryKeys';

// Writes of the settings pages. Customers show tag, group and level names and custom field values,
// so every change also refreshes the cached customers.

function useSettingsMutation<Variables, Result>(
  key: readonly string[],
  mutationFn: (variables: Variables) => Promise<Result>,
) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn,
    onSuccess: () =>
      Promise.all([
        queryClient.invalidateQueries({ queryKey: key }),
        queryClient.invalidateQueries({ queryKey: customerKeys.all }),
      ]),
  });
}

type Save<Input> = { id?: string; input: Input };

export function useSaveTag() {
  return useSettingsMutation(referenceKeys.tags, ({ id, input }: Save<TagInput>) =>
    id
      ? requestData(api.PATCH('/api/tags/{id}', { params: { path: { id } }, body: input }))
      : requestData(api.POST('/api/tags', { body: input })),
  );
}

export function useDeleteTag() {
  return useSettingsMutation(referenceKeys.tags, (id: string) =>
    requestNoContent(api.DELETE('/api/tags/{id}', { params: { path: { id } } })),
  );
}

export function useSaveGroup() {
  return useSettingsMutation(referenceKeys.groups, ({ id, input }: Save<GroupInput>) =>
    id
      ? requestData(api.PATCH('/api/groups/{id}', { params: { path: { id } }, body: input }))
      : requestData(api.POST('/api/groups', { body: input })),
  );
}

export function useDeleteGroup() {
  return useSettingsMutation(referenceKeys.groups, (id: string) =>
    requestNoContent(api.DELETE('/api/groups/{id}', { params: { path: { id } } })),
  );
}

export function useSaveLevel() {
  return useSettingsMutation(referenceKeys.levels, ({ id, input }: Save<LevelInput>) =>
    id
      ? requestData(api.PATCH('/api/customer-levels/{id}', { params: { path: { id } }, body: input }))
      : requestData(api.POST('/api/customer-levels', { body: input })),
  );
}

export function useDeleteLevel() {
  return useSettingsMutation(referenceKeys.levels, (id: string) =>
    requestNoContent(api.DELETE('/api/customer-levels/{id}', { params: { path: { id } } })),
  );
}

export function useSaveRelationshipType() {
  return useSettingsMutation(referenceKeys.relationshipTypes, ({ id, input }: Save<RelationshipTypeInput>) =>
    id
      ? requestData(api.PATCH('/api/relationship-types/{id}', { params: { path: { id } }, body: input }))
      : requestData(api.POST('/api/relationship-types', { body: input })),
  );
}

export function useDeleteRelationshipType() {
  return useSettingsMutation(referenceKeys.relationshipTypes, (id: string) =>
    requestNoContent(api.DELETE('/api/relationship-types/{id}', { params: { path: { id } } })),
  );
}

export function useSaveCustomField() {
  return useSettingsMutation(referenceKeys.customFields, ({ id, input }: Save<CustomFieldInput>) =>
    id
      ? requestData(api.PATCH('/api/custom-fields/{id}', { params: { path: { id } }, body: input }))
      : requestData(api.POST('/api/custom-fields', { body: input })),
  );
}

export function useDeleteCustomField() {
  return useSettingsMutation(referenceKeys.customFields, (id: string) =>
    requestNoContent(api.DELETE('/api/custom-fields/{id}', { params: { path: { id } } })),
  );
}
