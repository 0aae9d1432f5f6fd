import { PlusOutlined } from '@ant-design/icons';
import { PageContainer } from '@ant-design/pro-components';
import { Button, Card, Form, Modal, Popconfirm, Skeleton, Space, Table, type FormInstance } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import React, { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiRequestError } from '@/api/errors';
import { useMessage } from '@/components/AppProviders/message';

/** What the modal edits: a row, a new row, or a new row with something preset (a parent group). */
export interface SettingsEditTarget<Row> {
  row?: Row;
  preset?: Record<string, unknown>;
}

export interface SettingsTableProps<Row extends { id: string }, Values extends object> {
  title: string;
  tableName: string;
  createText: string;
  rows: Row[] | undefined;
  loading: boolean;
  columns: ColumnsType<Row>;
  rowName: (row: Row) => string;
  modalTitle: (target: SettingsEditTarget<Row>) => string;
  initialValues: (target: SettingsEditTarget<Row>) => Values;
  renderFields: (target: SettingsEditTarget<Row>, form: FormInstance<Values>) => React.ReactNode;
  /** Saves; an ApiRequestError is shown on the fields it names. */
  onSave: (values: Values, target: SettingsEditTarget<Row>) => Promise<unknown>;
  onDelete: (row: Row) => Promise<unknown>;
  deleteConfirm: (row: Row) => string;
  deleteDescription?: (row: Row) => string | undefined;
  /** More buttons per row, before edit and delete. */
  extraActions?: (row: Row, edit: (target: SettingsEditTarget<Row>) => void) => React.ReactNode;
  tree?: boolean;
}

/** A settings page: a table of named things with create, edit and delete in a dialog. */
export function SettingsTable<Row extends { id: string }, Values extends object>(
  props: SettingsTableProps<Row, Values>,
) {
  const { t } = useTranslation();
  const message = useMessage();
  const [target, setTarget] = useState<SettingsEditTarget<Row> | null>(null);

  const fail = (error: unknown) =>
    message.error(error instanceof ApiRequestError ? error.message : t('common.requestFailed'));

  const remove = async (row: Row) => {
    try {
      await props.onDelete(row);
      message.success(t('settings.deleted', { name: props.rowName(row) }));
    } catch (error) {
      fail(error);
    }
  };

  const columns: ColumnsType<Row> = [
    ...props.columns,
    {
      key: 'actions',
      title: t('common.actions'),
      width: 220,
      render: (_, row) => (
        <Space size={0} role="group" aria-label={t('settings.rowActions', { name: props.rowName(row) })}>
          {props.extraActions?.(row, setTarget)}
          <Button type="link" size="small" onClick={() => setTarget({ row })}>
            {t('common.edit')}
          </Button>
          <Popconfirm
            title={props.deleteConfirm(row)}
            description={props.deleteDescription?.(row)}
            okText={t('common.delete')}
            cancelText={t('common.cancel')}
            okButtonProps={{ danger: true }}
            onConfirm={() => remove(row)}
          >
            <Button type="link" size="small" danger>
              {t('common.delete')}
            </Button>
          </Popconfirm>
        </Space>
      ),
    },
  ];

  return (
    <PageContainer title={props.title}>
      <Card
        extra={
          <Button type="primary" icon={<PlusOutlined />} onClick={() => setTarget({})}>
            {props.createText}
          </Button>
        }
      >
        {/* Mounted once the rows are there: a tree expands all rows only on its first render. */}
        {props.rows === undefined ? (
          <Skeleton active loading={props.loading} />
        ) : (
          <Table<Row>
            rowKey="id"
            size="middle"
            aria-label={props.tableName}
            loading={props.loading}
            dataSource={props.rows}
            columns={columns}
            pagination={false}
            expandable={props.tree ? { defaultExpandAllRows: true } : undefined}
          />
        )}
      </Card>
      {target && <SettingsEditModal {...props} target={target} onClose={() => setTarget(null)} onFail={fail} />}
    </PageContainer>
  );
}

interface SettingsEditModalProps<Row extends { id: string }, Values extends object>
  extends SettingsTableProps<Row, Values> {
  target: SettingsEditTarget<Row>;
  onClose: () => void;
  onFail: (error: unknown) => void;
}

/**
 * The create / edit dialog. It owns its form instance, so every opening starts from that target's initial
 * values: a form instance kept across openings would carry a cancelled dialog's emptied fields into the next.
 */
function SettingsEditModal<Row extends { id: string }, Values extends object>(
  props: SettingsEditModalProps<Row, Values>,
) {
  const { t } = useTranslation();
  const message = useMessage();
  const [form] = Form.useForm<Values>();
  const [saving, setSaving] = useState(false);
  const { target } = props;

  const submit = async () => {
    let values: Values;
    try {
      values = await form.validateFields();
    } catch {
      return;
    }
    setSaving(true);
    try {
      await props.onSave(values, target);
      message.success(t('settings.saved'));
      props.onClose();
    } catch (error) {
      if (error instanceof ApiRequestError && error.details.length > 0) {
        // Nested paths ("options.2") belong to the field that holds them.
        form.setFields(
          error.details.map((issue) => ({
            name: issue.field.split('.')[0],
            errors: [issue.message],
          })) as Parameters<typeof form.setFields>[0],
        );
      }
      props.onFail(error);
    } finally {
      setSaving(false);
    }
  };

  return (
    <Modal
      open
      title={props.modalTitle(target)}
      okText={t('common.save')}
      cancelText={t('common.cancel')}
      okButtonProps={{ loading: saving }}
      onOk={() => void submit()}
      onCancel={props.onClose}
      destroyOnHidden
      maskClosable={false}
    >
      <Form<Values> form={form} layout="vertical" preserve={false} initialValues={props.initialValues(target)}>
        {props.renderFields(target, form)}
      </Form>
    </Modal>
  );
}
