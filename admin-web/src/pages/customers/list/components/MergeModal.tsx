import { history } from '@umijs/max';
import { useQueries } from '@tanstack/react-query';
import { Alert, Modal, Radio, Skeleton, Table, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import React, { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiRequestError } from '@/api/errors';
import type { Customer } from '@/api/types';
import { useMessage } from '@/components/AppProviders/message';
import { fetchCustomer, useMergeCustomers } from '@/services/customers';
import { customerKeys } from '@/services/queryKeys';
import { differingFields, toMergeRequest, type MergeFieldKey, type MergeFieldRow } from '../mergeFields';

/** Side by side view of two customers: pick the one that stays, and per differing field whose value it keeps. */
export function MergeModal({ ids, onClose }: { ids: [string, string]; onClose: () => void }) {
  const { t } = useTranslation();
  const message = useMessage();
  const merge = useMergeCustomers();
  const results = useQueries({
    queries: ids.map((id) => ({
      queryKey: customerKeys.detail(id),
      queryFn: ({ signal }: { signal: AbortSignal }) => fetchCustomer(id, signal),
    })),
  });
  const [left, right] = results.map((result) => result.data);
  const failed = results.find((result) => result.isError)?.error;

  // The record created first stays by default: it is usually the one others refer to.
  const [survivorId, setSurvivorId] = useState<string | null>(null);
  const defaultSurvivor = left && right ? (left.createdAt <= right.createdAt ? left.id : right.id) : null;
  const keptId = survivorId ?? defaultSurvivor;
  const survivor = keptId === left?.id ? left : right;
  const merged = keptId === left?.id ? right : left;

  const rows = useMemo(
    () => (survivor && merged ? differingFields(survivor, merged) : []),
    [survivor, merged],
  );
  // Choices are stored as the id of the record whose value is kept, so they survive a survivor switch.
  const [choices, setChoices] = useState<Partial<Record<MergeFieldKey, string>>>({});
  const chosenId = (row: MergeFieldRow) =>
    choices[row.field] ?? (row.proposed === 'survivor' ? survivor?.id : merged?.id);

  const display = (customer: Customer, field: MergeFieldKey): string => {
    switch (field) {
      case 'gender':
        return t(`customers.gender.${customer.gender}`);
      case 'levelId':
        return customer.level?.name ?? t('customers.merge.noValue');
      case 'ownerId':
        return customer.owner?.displayName ?? t('customers.merge.noValue');
      case 'lifecycleStatus':
        return t(`customers.lifecycle.${customer.lifecycleStatus}`);
      default:
        return customer[field] || t('customers.merge.noValue');
    }
  };

  const submit = async () => {
    if (!survivor || !merged) return;
    const request = toMergeRequest(
      survivor.id,
      merged.id,
      Object.fromEntries(
        rows.map((row) => [row.field, chosenId(row) === survivor.id ? 'survivor' : 'merged']),
      ),
    );
    try {
      const result = await merge.mutateAsync(request);
      message.success(t('customers.merge.done', { name: result.name }));
      onClose();
      history.push(`/customers/${result.id}`);
    } catch (error) {
      message.error(error instanceof ApiRequestError ? error.message : t('common.requestFailed'));
    }
  };

  const customerColumn = (
    customer: Customer | undefined,
    side: string,
  ): ColumnsType<MergeFieldRow>[number] => ({
    key: side,
    title: customer ? (
      <Radio checked={keptId === customer.id} onChange={() => setSurvivorId(customer.id)}>
        {t('customers.merge.keep', { name: customer.name })}
      </Radio>
    ) : null,
    render: (_, row) =>
      customer ? (
        <Radio
          name={`merge-${row.field}`}
          checked={chosenId(row) === customer.id}
          onChange={() => setChoices((current) => ({ ...current, [row.field]: customer.id }))}
        >
          {display(customer, row.field)}
        </Radio>
      ) : null,
  });

  return (
    <Modal
      open
      width={860}
      title={t('customers.merge.title')}
      okText={t('customers.merge.confirm')}
      cancelText={t('common.cancel')}
      okButtonProps={{ danger: true, disabled: !survivor || !merged, loading: merge.isPending }}
      onOk={() => void submit()}
      onCancel={onClose}
      destroyOnHidden
    >
      {failed ? (
        <Alert type="error" showIcon message={failed.message} />
      ) : !left || !right ? (
        <Skeleton active />
      ) : (
        <>
          <Typography.Paragraph type="secondary">{t('customers.merge.explain')}</Typography.Paragraph>
          <Table<MergeFieldRow>
            size="small"
            rowKey="field"
            pagination={false}
            aria-label={t('customers.merge.tableName')}
            dataSource={rows}
            locale={{ emptyText: t('customers.merge.noDifferences') }}
            columns={[
              {
                key: 'field',
                title: t('customers.merge.field'),
                width: 120,
                render: (_, row) => t(`customers.merge.fields.${row.field}`),
              },
              customerColumn(left, 'left'),
              customerColumn(right, 'right'),
            ]}
          />
          <Alert
            style={{ marginTop: 16 }}
            type="info"
            showIcon
            message={t('customers.merge.moves', { name: merged?.name ?? '' })}
          />
        </>
      )}
    </Modal>
  );
}
