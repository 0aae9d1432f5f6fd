import { DeleteOutlined, SaveOutlined } from '@ant-design/icons';
import { Alert, Button, Form, Input, Modal, Popconfirm, Select, Space, Table, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import React, { useEffect, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiRequestError } from '@/api/errors';
import { useMessage } from '@/components/AppProviders/message';
import { useNamedTable } from '@/pages/system/components/NamedTable';
import { useFail } from '@/pages/system/components/useFail';
import {
  useChooseImportSheet,
  useDeleteImportTemplate,
  useImportFields,
  useImportTemplates,
  useSaveImportMapping,
  useSaveImportTemplate,
  type ImportColumn,
  type ImportJob,
  type ImportTemplate,
} from '@/services/dataTransfer';
import {
  applyTemplate,
  ignoreValue,
  initialColumns,
  missingRequired,
  selectValueOf,
  targetOfSelectValue,
  templateFit,
  templateMappingOf,
  withTarget,
} from '../importWizard';

type PreviewRow = { key: number; cells: string[] };

/**
 * 预览与映射: the first rows of the file, a field Select above each column (the server's guess first),
 * templates to reuse a mapping, then 校验数据 sends the mapping and the server checks every row.
 */
export function MappingStep(props: { job: ImportJob; onBackToReport?: () => void; onSubmitted: () => void }) {
  const { job } = props;
  const { t } = useTranslation();
  const message = useMessage();
  const fail = useFail();
  const fields = useImportFields(job.entity);
  const templates = useImportTemplates(job.entity);
  const saveMapping = useSaveImportMapping();
  const chooseSheet = useChooseImportSheet();
  const [columns, setColumns] = useState<ImportColumn[]>(() => initialColumns(job));
  const [templateId, setTemplateId] = useState<string | undefined>(undefined);
  const [savingTemplate, setSavingTemplate] = useState(false);
  const [mappingError, setMappingError] = useState<string | null>(null);
  const previewTable = useNamedTable(t('data.imports.mapping.previewTable'));

  // Another tab (or a colleague) may have saved a mapping meanwhile; a new job or another sheet starts afresh.
  useEffect(() => setColumns(initialColumns(job)), [job.id, job.sheetName]);

  const fieldList = fields.data ?? [];
  const missing = missingRequired(columns, fieldList);
  const options = useMemo(
    () => [
      { value: ignoreValue, label: t('data.imports.mapping.ignore') },
      ...fieldList.map((field) => ({
        value: field.target,
        label: field.required ? `${field.label} *` : field.label,
        title: field.example ? t('data.imports.mapping.example', { example: field.example }) : field.label,
      })),
    ],
    [fieldList, t],
  );

  // Templates that know more of this file's headers come first.
  const sortedTemplates = [...(templates.data ?? [])].sort(
    (a, b) => templateFit(job.headers, b) - templateFit(job.headers, a) || a.name.localeCompare(b.name),
  );

  const chooseTemplate = (id: string | undefined) => {
    setTemplateId(id);
    const template = sortedTemplates.find((candidate) => candidate.id === id);
    if (template) {
      setColumns((current) => applyTemplate(current, template, fieldList));
      message.success(t('data.imports.templates.applied', { name: template.name }));
    }
  };

  const switchSheet = async (sheet: string) => {
    setMappingError(null);
    try {
      await chooseSheet.mutateAsync({ id: job.id, sheet });
      setTemplateId(undefined);
      message.success(t('data.imports.mapping.sheetChosen', { sheet }));
    } catch (error) {
      fail(error);
    }
  };

  const submit = async () => {
    setMappingError(null);
    try {
      await saveMapping.mutateAsync({ id: job.id, request: { mapping: { columns } } });
      props.onSubmitted();
    } catch (error) {
      // A refused mapping names the missing target; it belongs above the table, not in a passing toast.
      if (error instanceof ApiRequestError && error.status === 422) setMappingError(error.message);
      else fail(error);
    }
  };

  const tableColumns: ColumnsType<PreviewRow> = [
    {
      title: t('data.imports.mapping.rowNumber'),
      key: 'row',
      width: 64,
      fixed: 'left',
      render: (_, row) => row.key,
    },
    ...columns.map((column) => ({
      key: String(column.index),
      width: 180,
      title: (
        <Space direction="vertical" size={4} style={{ width: '100%' }}>
          <Typography.Text strong ellipsis={{ tooltip: column.header }}>
            {column.header}
          </Typography.Text>
          <Select
            aria-label={t('data.imports.mapping.selectLabel', { header: column.header })}
            size="small"
            style={{ width: '100%' }}
            showSearch
            optionFilterProp="label"
            loading={fields.isLoading}
            value={selectValueOf(column.target)}
            options={options}
            onChange={(value: string) =>
              setColumns((current) => withTarget(current, column.index, targetOfSelectValue(value), fieldList))
            }
          />
        </Space>
      ),
      render: (_: unknown, row: PreviewRow) => {
        const value = row.cells[column.index] ?? '';
        return (
          <Typography.Text type={column.target === null ? 'secondary' : undefined} ellipsis={{ tooltip: value }}>
            {value}
          </Typography.Text>
        );
      },
    })),
  ];

  // The preview's row numbers are the file's: the header row is row 1.
  const previewRows: PreviewRow[] = job.preview.map((cells, index) => ({ key: index + 2, cells }));

  return (
    <Space direction="vertical" size={16} style={{ width: '100%' }}>
      {job.sheets.length > 1 && (
        <Space size={8} wrap>
          <Typography.Text id="import-sheet-label">{t('data.imports.mapping.sheet')}</Typography.Text>
          <Select
            aria-labelledby="import-sheet-label"
            style={{ minWidth: 180 }}
            value={job.sheetName ?? undefined}
            loading={chooseSheet.isPending}
            disabled={chooseSheet.isPending}
            onChange={(sheet: string) => void switchSheet(sheet)}
            options={job.sheets.map((sheet) => ({ value: sheet, label: sheet }))}
          />
          <Typography.Text type="secondary">{t('data.imports.mapping.sheetHint')}</Typography.Text>
        </Space>
      )}
      <Space size={8} wrap>
        <Select
          aria-label={t('data.imports.templates.choose')}
          placeholder={t('data.imports.templates.choose')}
          allowClear
          style={{ minWidth: 220 }}
          loading={templates.isLoading}
          value={templateId}
          onChange={chooseTemplate}
          options={sortedTemplates.map((template) => ({ value: template.id, label: template.name }))}
          notFoundContent={t('data.imports.templates.none')}
        />
        {templateId && (
          <DeleteTemplateButton
            template={sortedTemplates.find((candidate) => candidate.id === templateId)}
            onDeleted={() => setTemplateId(undefined)}
          />
        )}
        <Button icon={<SaveOutlined />} onClick={() => setSavingTemplate(true)}>
          {t('data.imports.templates.save')}
        </Button>
      </Space>
      {missing.length > 0 && (
        <Alert
          type="warning"
          showIcon
          message={t('data.imports.mapping.missing', {
            fields: missing.map((field) => field.label).join(t('common.listSeparator')),
          })}
        />
      )}
      {mappingError && <Alert type="error" showIcon role="alert" message={mappingError} />}
      <Table<PreviewRow>
        rowKey="key"
        size="small"
        bordered
        columns={tableColumns}
        dataSource={previewRows}
        components={{ table: previewTable }}
        pagination={false}
        scroll={{ x: 'max-content' }}
        title={() =>
          t('data.imports.mapping.previewCaption', { shown: previewRows.length, total: job.totalRows })
        }
      />
      <Space>
        {props.onBackToReport && <Button onClick={props.onBackToReport}>{t('data.imports.mapping.backToReport')}</Button>}
        <Button type="primary" loading={saveMapping.isPending} disabled={missing.length > 0} onClick={() => void submit()}>
          {t('data.imports.mapping.validate')}
        </Button>
      </Space>
      <SaveTemplateModal
        open={savingTemplate}
        job={job}
        columns={columns}
        onClose={() => setSavingTemplate(false)}
        onSaved={(template) => setTemplateId(template.id)}
      />
    </Space>
  );
}

function DeleteTemplateButton(props: { template: ImportTemplate | undefined; onDeleted: () => void }) {
  const { t } = useTranslation();
  const message = useMessage();
  const fail = useFail();
  const remove = useDeleteImportTemplate();
  const { template } = props;
  if (!template) return null;
  return (
    <Popconfirm
      title={t('data.imports.templates.deleteConfirm', { name: template.name })}
      okText={t('common.delete')}
      cancelText={t('common.cancel')}
      okButtonProps={{ danger: true }}
      onConfirm={async () => {
        try {
          await remove.mutateAsync(template);
          message.success(t('data.imports.templates.deleted', { name: template.name }));
          props.onDeleted();
        } catch (error) {
          fail(error);
        }
      }}
    >
      <Button danger icon={<DeleteOutlined />}>
        {t('data.imports.templates.delete')}
      </Button>
    </Popconfirm>
  );
}

function SaveTemplateModal(props: {
  open: boolean;
  job: ImportJob;
  columns: ImportColumn[];
  onClose: () => void;
  onSaved: (template: ImportTemplate) => void;
}) {
  const { t } = useTranslation();
  const message = useMessage();
  const fail = useFail();
  const save = useSaveImportTemplate();
  const [form] = Form.useForm<{ name: string }>();

  const submit = async () => {
    const { name } = await form.validateFields();
    try {
      const template = await save.mutateAsync({
        name: name.trim(),
        entity: props.job.entity,
        mapping: templateMappingOf(props.columns),
      });
      message.success(t('data.imports.templates.saved', { name: template.name }));
      props.onSaved(template);
      form.resetFields();
      props.onClose();
    } catch (error) {
      // A taken name (409 NAME_TAKEN) or a refused name is shown under the field.
      if (error instanceof ApiRequestError && (error.status === 409 || error.status === 422)) {
        form.setFields([{ name: 'name', errors: [error.message] }]);
      } else {
        fail(error);
      }
    }
  };

  return (
    <Modal
      title={t('data.imports.templates.saveTitle')}
      open={props.open}
      okText={t('common.save')}
      cancelText={t('common.cancel')}
      confirmLoading={save.isPending}
      onOk={() => void submit()}
      onCancel={props.onClose}
      destroyOnHidden
    >
      <Form form={form} layout="vertical" preserve={false}>
        <Form.Item
          name="name"
          label={t('data.imports.templates.name')}
          rules={[
            { required: true, whitespace: true, message: t('data.imports.templates.nameRequired') },
            { max: 40, message: t('data.imports.templates.nameTooLong') },
          ]}
        >
          <Input maxLength={40} autoFocus />
        </Form.Item>
      </Form>
    </Modal>
  );
}
