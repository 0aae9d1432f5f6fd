import { useAccess } from '@umijs/max';
import { Button, Form, Modal, Popconfirm, Select, Space, TreeSelect } from 'antd';
import React, { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiRequestError } from '@/api/errors';
import type { BulkAction, BulkRequest, CustomerFilter } from '@/api/types';
import { useMessage } from '@/components/AppProviders/message';
import { useBulkCustomers } from '@/services/customers';
import { useGroupTreeOptions, useStaffUsers, useTags } from '@/services/reference';
import { ColoredTag } from '../../components/CustomerBadges';

type ModalAction = Exclude<BulkAction, 'delete'>;

// Removing tags or groups and handing customers to someone else are confirmed in a dialog that
// names the action on its button; deleting asks once more in a popup.
const dangerous: readonly ModalAction[] = ['removeTags', 'removeGroups'];

/** Whom an action is for: the ticked rows, or every customer matching the list's filter. */
export type BulkTarget = { ids: string[] } | { filter: CustomerFilter; count: number };

const targetOf = (target: BulkTarget) => ('ids' in target ? { ids: target.ids } : { filter: target.filter });

interface BulkValues {
  tagIds?: string[];
  groupIds?: string[];
  ownerId?: string;
}

export function BulkActions({
  target,
  onDone,
  onMerge,
}: {
  target: BulkTarget;
  onDone: () => void;
  onMerge: () => void;
}) {
  const { t } = useTranslation();
  const access = useAccess();
  const message = useMessage();
  const bulk = useBulkCustomers();
  const [action, setAction] = useState<ModalAction | null>(null);
  const count = 'ids' in target ? target.ids.length : target.count;

  const run = async (request: BulkRequest) => {
    try {
      const { affected } = await bulk.mutateAsync(request);
      message.success(t(`customers.bulk.done.${request.action}`, { count: affected }));
      setAction(null);
      onDone();
    } catch (error) {
      if (!(error instanceof ApiRequestError)) {
        message.error(t('common.requestFailed'));
        return;
      }
      // BULK_TOO_LARGE (and a filter the server refuses) explain themselves on the `filter` detail.
      const detail = error.details.find(
        (issue) => issue.field === 'filter' || issue.field.startsWith('filter.'),
      );
      message.error(detail?.message ?? error.message);
    }
  };

  const actions: { action: ModalAction; allowed: boolean }[] = [
    { action: 'addTags', allowed: access.canBulkEdit },
    { action: 'removeTags', allowed: access.canBulkEdit },
    { action: 'addGroups', allowed: access.canBulkEdit },
    { action: 'removeGroups', allowed: access.canBulkEdit },
    { action: 'assignOwner', allowed: access.canBulkEdit && access.canAssignOwner },
  ];

  return (
    <Space size={4} wrap>
      {actions
        .filter((entry) => entry.allowed)
        .map((entry) => (
          <Button key={entry.action} size="small" onClick={() => setAction(entry.action)}>
            {t(`customers.bulk.actions.${entry.action}`)}
          </Button>
        ))}
      {access.canMerge && (
        <Button
          size="small"
          disabled={!('ids' in target) || count !== 2}
          title={count !== 2 ? t('customers.merge.needTwo') : undefined}
          onClick={onMerge}
        >
          {t('customers.merge.action')}
        </Button>
      )}
      {access.canBulkEdit && access.canDeleteCustomers && (
        <Popconfirm
          title={t('customers.bulk.deleteConfirm', { count })}
          description={t('customers.deleteToTrash')}
          okText={t('common.delete')}
          cancelText={t('common.cancel')}
          okButtonProps={{ danger: true, loading: bulk.isPending }}
          onConfirm={() => run({ ...targetOf(target), action: 'delete' })}
        >
          <Button size="small" danger>
            {t('customers.bulk.actions.delete')}
          </Button>
        </Popconfirm>
      )}
      {action && (
        <BulkModal
          action={action}
          count={count}
          saving={bulk.isPending}
          onCancel={() => setAction(null)}
          onSubmit={(values) => run({ ...targetOf(target), action, ...values })}
        />
      )}
    </Space>
  );
}

function BulkModal({
  action,
  count,
  saving,
  onCancel,
  onSubmit,
}: {
  action: ModalAction;
  count: number;
  saving: boolean;
  onCancel: () => void;
  onSubmit: (values: BulkValues) => void;
}) {
  const { t } = useTranslation();
  const [form] = Form.useForm<BulkValues>();
  const tags = useTags();
  const groups = useGroupTreeOptions();
  const users = useStaffUsers();
  const required = { required: true, message: t('customers.bulk.chooseSomething') };

  return (
    <Modal
      open
      title={t(`customers.bulk.titles.${action}`, { count })}
      okText={t(`customers.bulk.confirm.${action}`)}
      cancelText={t('common.cancel')}
      okButtonProps={{ danger: dangerous.includes(action), loading: saving }}
      onCancel={onCancel}
      onOk={() => void form.validateFields().then(onSubmit, () => undefined)}
      destroyOnHidden
    >
      <Form form={form} layout="vertical">
        {(action === 'addTags' || action === 'removeTags') && (
          <Form.Item name="tagIds" label={t('customers.fields.tags')} rules={[required]}>
            <Select
              mode="multiple"
              showSearch
              optionFilterProp="title"
              loading={tags.isPending}
              options={(tags.data ?? []).map((tag) => ({
                value: tag.id,
                title: tag.name,
                label: <ColoredTag name={tag.name} color={tag.color} />,
              }))}
            />
          </Form.Item>
        )}
        {(action === 'addGroups' || action === 'removeGroups') && (
          <Form.Item name="groupIds" label={t('customers.fields.groups')} rules={[required]}>
            <TreeSelect
              multiple
              showSearch
              treeNodeFilterProp="title"
              treeDefaultExpandAll
              loading={groups.loading}
              treeData={groups.options}
            />
          </Form.Item>
        )}
        {action === 'assignOwner' && (
          <Form.Item name="ownerId" label={t('customers.fields.owner')} rules={[required]}>
            <Select
              showSearch
              optionFilterProp="label"
              loading={users.isPending}
              options={(users.data ?? []).map((user) => ({ value: user.id, label: user.displayName }))}
            />
          </Form.Item>
        )}
      </Form>
    </Modal>
  );
}
