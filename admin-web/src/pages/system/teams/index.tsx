import { PlusOutlined } from '@ant-design/icons';
import { PageContainer } from '@ant-design/pro-components';
import { Button, Card, Form, Input, Skeleton, Space, Table, TreeSelect } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import React, { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Team } from '@/api/types';
import { useMessage } from '@/components/AppProviders/message';
import { useCreateTeam, useDeleteTeam, useTeams, useUpdateTeam } from '@/services/system';
import { buildTree, descendantIds, toTreeOptions, type TreeNode, type TreeOption } from '@/utils/tree';
import { FormModal } from '../components/FormModal';
import { ConfirmAction } from '../components/ConfirmAction';
import { useNamedTable } from '../components/NamedTable';

type Dialog =
  | { kind: 'create'; parentId: string | null }
  | { kind: 'rename'; team: Team }
  | { kind: 'move'; team: Team };

interface TeamValues {
  name: string;
  parentId: string;
}

/** Parent choices: every team but the one moved and those below it (a team cannot move under itself). */
function parentOptions(teams: readonly Team[], moving?: Team): TreeOption[] {
  const excluded = moving ? descendantIds(teams, (team) => team.parentId, moving.id) : new Set<string>();
  const allowed = teams.filter((team) => !excluded.has(team.id));
  return toTreeOptions(
    buildTree(allowed, (team) => team.parentId),
    (team) => team.name,
  );
}

function TeamDialog({ dialog, teams, onClose }: { dialog: Dialog; teams: Team[]; onClose: () => void }) {
  const { t } = useTranslation();
  const message = useMessage();
  const [form] = Form.useForm<TeamValues>();
  const create = useCreateTeam();
  const update = useUpdateTeam();
  const nameOf = (id: string | null) => teams.find((team) => team.id === id)?.name ?? '';

  const title =
    dialog.kind === 'create'
      ? dialog.parentId
        ? t('system.teams.createChild', { name: nameOf(dialog.parentId) })
        : t('system.teams.create')
      : dialog.kind === 'rename'
        ? t('system.teams.renameTitle', { name: dialog.team.name })
        : t('system.teams.moveTitle', { name: dialog.team.name });

  const save = async (values: TeamValues) => {
    if (dialog.kind === 'create') {
      const created = await create.mutateAsync({ name: values.name.trim(), parentId: values.parentId });
      message.success(t('system.teams.created', { name: created.name }));
    } else if (dialog.kind === 'rename') {
      await update.mutateAsync({ id: dialog.team.id, patch: { name: values.name.trim() } });
      message.success(t('system.saved'));
    } else {
      await update.mutateAsync({ id: dialog.team.id, patch: { parentId: values.parentId } });
      message.success(t('system.saved'));
    }
  };

  const showName = dialog.kind !== 'move';
  const showParent = dialog.kind === 'move' || (dialog.kind === 'create' && !dialog.parentId);
  const root = teams.find((team) => team.parentId === null);

  return (
    <FormModal<TeamValues>
      form={form}
      title={title}
      formFields={['name', 'parentId']}
      initialValues={
        dialog.kind === 'create'
          ? { parentId: dialog.parentId ?? root?.id }
          : dialog.kind === 'rename'
            ? { name: dialog.team.name }
            : { parentId: dialog.team.parentId ?? undefined }
      }
      onSave={save}
      onClose={onClose}
    >
      {showName && (
        <Form.Item
          name="name"
          label={t('system.teams.fields.name')}
          rules={[{ required: true, whitespace: true, message: t('system.teams.validation.name') }]}
        >
          <Input maxLength={50} />
        </Form.Item>
      )}
      {showParent && (
        <Form.Item
          name="parentId"
          label={t('system.teams.fields.parent')}
          rules={[{ required: true, message: t('system.teams.validation.parent') }]}
        >
          <TreeSelect
            treeDefaultExpandAll
            treeData={parentOptions(teams, dialog.kind === 'move' ? dialog.team : undefined)}
          />
        </Form.Item>
      )}
      {/* A new sub-team's parent is fixed by the row it was added from. */}
      {dialog.kind === 'create' && dialog.parentId && (
        <Form.Item name="parentId" hidden>
          <Input />
        </Form.Item>
      )}
    </FormModal>
  );
}

export default function TeamsPage() {
  const { t } = useTranslation();
  const teams = useTeams();
  const remove = useDeleteTeam();
  const [dialog, setDialog] = useState<Dialog | null>(null);
  const table = useNamedTable(t('system.teams.title'));
  const tree = useMemo(() => (teams.data ? buildTree(teams.data, (team) => team.parentId) : undefined), [teams.data]);

  const columns: ColumnsType<TreeNode<Team>> = [
    { key: 'name', title: t('system.teams.fields.name'), dataIndex: 'name' },
    { key: 'members', title: t('system.teams.fields.members'), dataIndex: 'memberCount', align: 'right', width: 100 },
    {
      key: 'actions',
      title: t('common.actions'),
      width: 320,
      render: (_, team) => (
        <Space size={0} role="group" aria-label={t('system.rowActions', { name: team.name })}>
          <Button type="link" size="small" onClick={() => setDialog({ kind: 'create', parentId: team.id })}>
            {t('system.teams.addChild')}
          </Button>
          <Button type="link" size="small" onClick={() => setDialog({ kind: 'rename', team })}>
            {t('system.teams.rename')}
          </Button>
          {/* The top team (the company) stays at the top. */}
          {team.parentId !== null && (
            <>
              <Button type="link" size="small" onClick={() => setDialog({ kind: 'move', team })}>
                {t('system.teams.move')}
              </Button>
              <ConfirmAction
                label={t('common.delete')}
                title={t('system.teams.deleteConfirm', { name: team.name })}
                description={team.children || team.memberCount > 0 ? t('system.teams.deleteNotEmpty') : undefined}
                done={t('system.teams.deleted', { name: team.name })}
                action={() => remove.mutateAsync(team.id)}
              />
            </>
          )}
        </Space>
      ),
    },
  ];

  return (
    <PageContainer title={t('system.teams.title')}>
      <Card
        extra={
          <Button type="primary" icon={<PlusOutlined />} onClick={() => setDialog({ kind: 'create', parentId: null })}>
            {t('system.teams.create')}
          </Button>
        }
      >
        {/* Mounted once the rows are there: a tree expands all rows only on its first render. */}
        {tree === undefined ? (
          <Skeleton active loading={teams.isPending} />
        ) : (
          <Table<TreeNode<Team>>
            rowKey="id"
            size="middle"
            components={{ table }}
            dataSource={tree}
            columns={columns}
            pagination={false}
            expandable={{ defaultExpandAllRows: true }}
          />
        )}
      </Card>
      {dialog && teams.data && <TeamDialog dialog={dialog} teams={teams.data} onClose={() => setDialog(null)} />}
    </PageContainer>
  );
}
