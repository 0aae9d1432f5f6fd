import {
  EllipsisOutlined,
  LockOutlined,
  SaveOutlined,
  ShareAltOutlined,
  TeamOutlined,
} from '@ant-design/icons';
import { useAccess } from '@umijs/max';
import { Button, Dropdown, Modal, Space, Tabs, Tooltip, type MenuProps } from 'antd';
import React, { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiRequestError } from '@/api/errors';
import type { CustomerView, CustomerViewPatch } from '@/api/types';
import { useMessage } from '@/components/AppProviders/message';
import {
  useCreateCustomerView,
  useDeleteCustomerView,
  useReorderCustomerViews,
  useRestoreCustomerView,
  useUpdateCustomerView,
} from '@/services/customerViews';
import { moveView, viewBodyOf, type ListSettings } from '../views';
import { ViewNameModal, type ViewNameValues } from './ViewNameModal';

/** The tab of the list without a saved view. */
export const allCustomersTab = 'all';

type Naming = { kind: 'create' } | { kind: 'rename'; view: CustomerView };

type PatchDoneMessage = 'customers.views.updated' | 'customers.views.shared' | 'customers.views.unshared';

// Long enough to read the message and reach 撤销.
const undoSeconds = 8;

/**
 * Saved views as tabs above the list: 全部客户, then the person's own views in their order, then
 * views others shared (marked with a team icon naming the owner, read-only).
 */
export function ViewTabs({
  views,
  activeView,
  modified,
  settings,
  onSelect,
}: {
  views: readonly CustomerView[];
  activeView: CustomerView | null;
  /** Whether the list's settings differ from the active view's. */
  modified: boolean;
  settings: ListSettings;
  onSelect: (viewId: string | null) => void;
}) {
  const { t } = useTranslation();
  const message = useMessage();
  const access = useAccess();
  const createView = useCreateCustomerView();
  const updateView = useUpdateCustomerView();
  const deleteView = useDeleteCustomerView();
  const restoreView = useRestoreCustomerView();
  const reorderViews = useReorderCustomerViews();
  const [naming, setNaming] = useState<Naming | null>(null);
  // The hook form of Modal.confirm follows the console's theme and language; the static one does not.
  const [modal, modalContext] = Modal.useModal();
  const myViews = views.filter((view) => view.mine);
  const sharedViews = views.filter((view) => !view.mine);

  const fail = (error: unknown) =>
    message.error(error instanceof ApiRequestError ? error.message : t('common.requestFailed'));

  const patch = async (view: CustomerView, body: CustomerViewPatch, done: PatchDoneMessage) => {
    try {
      const saved = await updateView.mutateAsync({ id: view.id, patch: body });
      message.success(t(done, { name: saved.name }));
    } catch (error) {
      fail(error);
    }
  };

  const undoDelete = async (view: CustomerView) => {
    message.destroy(view.id);
    try {
      const restored = await restoreView.mutateAsync(view.id);
      message.success(t('customers.views.restored', { name: restored.name }));
      onSelect(restored.id);
    } catch (error) {
      fail(error);
    }
  };

  const remove = async (view: CustomerView) => {
    try {
      await deleteView.mutateAsync(view.id);
      if (activeView?.id === view.id) onSelect(null);
      message.success({
        key: view.id,
        duration: undoSeconds,
        content: (
          <span>
            {t('customers.views.deleted', { name: view.name })}
            {/* Only the owner may restore; an admin removing someone's shared view cannot undo it. */}
            {view.mine && (
              <Button type="link" size="small" onClick={() => void undoDelete(view)}>
                {t('customers.views.undo')}
              </Button>
            )}
          </span>
        ),
      });
    } catch (error) {
      fail(error);
    }
  };

  const move = (view: CustomerView, offset: -1 | 1) => {
    const ids = moveView(
      myViews.map(({ id }) => id),
      view.id,
      offset,
    );
    if (ids) reorderViews.mutate(ids, { onError: fail });
  };

  const confirmDelete = (view: CustomerView) =>
    modal.confirm({
      title: t('customers.views.deleteConfirm', { name: view.name }),
      okText: t('common.delete'),
      okButtonProps: { danger: true },
      cancelText: t('common.cancel'),
      onOk: () => remove(view),
    });

  const actionsOf = (view: CustomerView): MenuProps['items'] => {
    if (!view.mine) {
      // An admin may take down a view someone shared (the server allows it); nothing else.
      return access.isAdmin
        ? [
            {
              key: 'delete',
              danger: true,
              label: t('customers.views.delete'),
              onClick: () => confirmDelete(view),
            },
          ]
        : [];
    }
    const position = myViews.findIndex(({ id }) => id === view.id);
    return [
      {
        key: 'rename',
        label: t('customers.views.rename'),
        onClick: () => setNaming({ kind: 'rename', view }),
      },
      view.shared
        ? {
            key: 'unshare',
            label: t('customers.views.unshare'),
            onClick: () => void patch(view, { shared: false }, 'customers.views.unshared'),
          }
        : {
            key: 'share',
            label: t('customers.views.share'),
            onClick: () => void patch(view, { shared: true }, 'customers.views.shared'),
          },
      {
        key: 'moveLeft',
        label: t('customers.views.moveLeft'),
        disabled: position <= 0,
        onClick: () => move(view, -1),
      },
      {
        key: 'moveRight',
        label: t('customers.views.moveRight'),
        disabled: position < 0 || position >= myViews.length - 1,
        onClick: () => move(view, 1),
      },
      { type: 'divider' },
      { key: 'delete', danger: true, label: t('customers.views.delete'), onClick: () => confirmDelete(view) },
    ];
  };

  const tabOf = (view: CustomerView) => {
    if (!view.mine) {
      const sharedBy = t('customers.views.sharedByOwner', { owner: view.owner.displayName });
      return {
        key: view.id,
        icon: <TeamOutlined aria-label={sharedBy} />,
        label: <Tooltip title={sharedBy}>{view.name}</Tooltip>,
      };
    }
    return {
      key: view.id,
      icon: view.shared ? <ShareAltOutlined aria-label={t('customers.views.sharedMine')} /> : undefined,
      label: view.name,
    };
  };

  const activeActions = activeView ? actionsOf(activeView) : [];

  return (
    <>
      {modalContext}
      <Tabs
        aria-label={t('customers.views.tabs')}
        activeKey={activeView?.id ?? allCustomersTab}
        onChange={(key) => onSelect(key === allCustomersTab ? null : key)}
        items={[
          { key: allCustomersTab, label: t('customers.views.all') },
          ...[...myViews, ...sharedViews].map(tabOf),
        ]}
        tabBarExtraContent={
          <Space size={8}>
            {activeView && !activeView.mine && (
              <Tooltip title={t('customers.views.readOnly', { owner: activeView.owner.displayName })}>
                <LockOutlined
                  aria-label={t('customers.views.readOnly', { owner: activeView.owner.displayName })}
                />
              </Tooltip>
            )}
            {activeView?.mine && modified && (
              <Button
                type="primary"
                icon={<SaveOutlined />}
                loading={updateView.isPending}
                onClick={() => void patch(activeView, viewBodyOf(settings), 'customers.views.updated')}
              >
                {t('customers.views.update')}
              </Button>
            )}
            <Button onClick={() => setNaming({ kind: 'create' })}>{t('customers.views.save')}</Button>
            {activeActions && activeActions.length > 0 && (
              <Dropdown menu={{ items: activeActions }} trigger={['click']}>
                <Button icon={<EllipsisOutlined />} aria-label={t('customers.views.actions')} />
              </Dropdown>
            )}
          </Space>
        }
      />
      {naming?.kind === 'create' && (
        <ViewNameModal
          title={t('customers.views.saveTitle')}
          initialValues={{ name: '', shared: false }}
          askShared
          onClose={() => setNaming(null)}
          onSubmit={async ({ name, shared }: ViewNameValues) => {
            const created = await createView.mutateAsync({ name, shared, ...viewBodyOf(settings) });
            message.success(t('customers.views.created', { name: created.name }));
            onSelect(created.id);
          }}
        />
      )}
      {naming?.kind === 'rename' && (
        <ViewNameModal
          title={t('customers.views.renameTitle', { name: naming.view.name })}
          initialValues={{ name: naming.view.name, shared: naming.view.shared }}
          askShared={false}
          onClose={() => setNaming(null)}
          onSubmit={async ({ name }: ViewNameValues) => {
            const renamed = await updateView.mutateAsync({ id: naming.view.id, patch: { name } });
            message.success(t('customers.views.renamed', { name: renamed.name }));
          }}
        />
      )}
    </>
  );
}
