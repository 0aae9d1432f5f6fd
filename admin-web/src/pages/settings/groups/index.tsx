import { Button, Form, TreeSelect } from 'antd';
import React, { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import type { Group } from '@/api/types';
import { useGroupTreeOptions, useGroups } from '@/services/reference';
import { useDeleteGroup, useSaveGroup } from '@/services/settings';
import { buildTree, descendantIds, type TreeNode } from '@/utils/tree';
import { SettingsTable } from '../components/SettingsTable';
import {
  NameField,
  SortOrderField,
  customerCountColumn,
  sortOrderColumn,
} from '../components/settingsFields';

interface GroupValues {
  name: string;
  parentId: string | null;
  sortOrder: number;
}

export default function GroupSettingsPage() {
  const { t } = useTranslation();
  const groups = useGroups();
  const groupOptions = useGroupTreeOptions();
  const save = useSaveGroup();
  const remove = useDeleteGroup();
  const tree = useMemo(
    () => (groups.data ? buildTree(groups.data, (group) => group.parentId) : undefined),
    [groups.data],
  );

  // A group cannot move under itself or one of its sub-groups.
  const parentOptions = (editing: Group | undefined) => {
    if (!editing || !groups.data) return groupOptions.options;
    const excluded = descendantIds(groups.data, (group) => group.parentId, editing.id);
    const prune = (options: typeof groupOptions.options): typeof groupOptions.options =>
      options
        .filter((option) => !excluded.has(option.value))
        .map((option) => (option.children ? { ...option, children: prune(option.children) } : option));
    return prune(groupOptions.options);
  };

  return (
    <SettingsTable<TreeNode<Group>, GroupValues>
      tree
      title={t('settings.groups.title')}
      tableName={t('settings.groups.title')}
      createText={t('settings.groups.create')}
      rows={tree}
      loading={groups.isPending}
      rowName={(group) => group.name}
      columns={[
        { key: 'name', title: t('settings.fields.name'), dataIndex: 'name' },
        customerCountColumn(t),
        sortOrderColumn(t),
      ]}
      extraActions={(group, edit) => (
        <Button type="link" size="small" onClick={() => edit({ preset: { parentId: group.id } })}>
          {t('settings.groups.addChild')}
        </Button>
      )}
      modalTitle={({ row, preset }) =>
        row
          ? t('settings.groups.edit', { name: row.name })
          : preset?.parentId
            ? t('settings.groups.createChild', {
                name: groups.data?.find((group) => group.id === preset.parentId)?.name ?? '',
              })
            : t('settings.groups.create')
      }
      initialValues={({ row, preset }) => ({
        name: row?.name ?? '',
        parentId: row ? row.parentId : typeof preset?.parentId === 'string' ? preset.parentId : null,
        sortOrder: row?.sortOrder ?? 0,
      })}
      renderFields={({ row }) => (
        <>
          <NameField max={30} />
          <Form.Item name="parentId" label={t('settings.fields.parent')}>
            <TreeSelect
              allowClear
              treeDefaultExpandAll
              placeholder={t('settings.groups.topLevel')}
              treeData={parentOptions(row)}
            />
          </Form.Item>
          <SortOrderField />
        </>
      )}
      onSave={(values, { row }) =>
        save.mutateAsync({
          id: row?.id,
          input: { name: values.name.trim(), parentId: values.parentId ?? null, sortOrder: values.sortOrder },
        })
      }
      onDelete={(group) => remove.mutateAsync(group.id)}
      deleteConfirm={(group) => t('settings.groups.deleteConfirm', { name: group.name })}
      deleteDescription={(group) => (group.children ? t('settings.groups.deleteHasChildren') : undefined)}
    />
  );
}
