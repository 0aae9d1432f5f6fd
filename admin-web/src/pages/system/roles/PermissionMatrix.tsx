import { Checkbox, Select, Space, Table } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import React, { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import type { DataScope, PermissionCatalogue, RoleScopes } from '@/api/types';
import { useNamedTable } from '../components/NamedTable';
import { permissionMessage, permissionResourceMessage } from '../labels';
import { groupByResource, groupState, toggleGroup, togglePermission, type PermissionGroup } from './matrixState';

const dataScopes: DataScope[] = ['own', 'team', 'all'];

export interface PermissionMatrixProps {
  catalogue: PermissionCatalogue;
  permissions: string[];
  scopes: RoleScopes;
  readOnly?: boolean;
  onPermissionsChange: (permissions: string[]) => void;
  onScopesChange: (scopes: RoleScopes) => void;
}

/** One row per resource: an "all" box, a box per permission, and the data scope where the resource has one. */
export function PermissionMatrix(props: PermissionMatrixProps) {
  const { t } = useTranslation();
  const { catalogue, permissions, scopes, readOnly } = props;
  const groups = useMemo(() => groupByResource(catalogue.items), [catalogue.items]);
  const table = useNamedTable(t('system.roles.matrix'));
  const scoped = new Set<string>(catalogue.scopedResources);

  const resourceName = (resource: string) => {
    const message = permissionResourceMessage(resource);
    return message ? t(message) : resource;
  };
  const permissionName = (entry: PermissionGroup['permissions'][number]) => {
    const message = permissionMessage(entry.key);
    return message ? t(message) : entry.label;
  };

  const columns: ColumnsType<PermissionGroup> = [
    {
      key: 'resource',
      title: t('system.roles.resource'),
      width: 150,
      render: (_, group) => {
        const state = groupState(permissions, group);
        return (
          <Checkbox
            checked={state.checked}
            indeterminate={state.indeterminate}
            disabled={readOnly}
            aria-label={t('system.roles.allOf', { resource: resourceName(group.resource) })}
            onChange={(event) =>
              props.onPermissionsChange(toggleGroup(permissions, group, event.target.checked, catalogue.items))
            }
          >
            <strong>{resourceName(group.resource)}</strong>
          </Checkbox>
        );
      },
    },
    {
      key: 'permissions',
      title: t('system.roles.fields.permissions'),
      render: (_, group) => (
        <Space wrap size={[16, 4]}>
          {group.permissions.map((entry) => (
            <Checkbox
              key={entry.key}
              checked={permissions.includes(entry.key)}
              disabled={readOnly}
              onChange={(event) =>
                props.onPermissionsChange(togglePermission(permissions, entry.key, event.target.checked, catalogue.items))
              }
            >
              {permissionName(entry)}
            </Checkbox>
          ))}
        </Space>
      ),
    },
    {
      key: 'scope',
      title: t('system.roles.fields.scopes'),
      width: 170,
      render: (_, group) => {
        if (!scoped.has(group.resource)) return null;
        const resource = group.resource as keyof RoleScopes;
        return (
          <Select<DataScope>
            style={{ width: '100%' }}
            value={scopes[resource]}
            disabled={readOnly}
            aria-label={t('system.roles.scopeOf', { resource: resourceName(group.resource) })}
            options={dataScopes.map((scope) => ({ value: scope, label: t(`system.roles.scopes.${scope}`) }))}
            onChange={(scope) => props.onScopesChange({ ...scopes, [resource]: scope })}
          />
        );
      },
    },
  ];

  return (
    <Table<PermissionGroup>
      rowKey="resource"
      size="small"
      bordered
      pagination={false}
      components={{ table }}
      dataSource={groups}
      columns={columns}
    />
  );
}
