import { InboxOutlined } from '@ant-design/icons';
import { ProCard } from '@ant-design/pro-components';
import { history } from '@umijs/max';
import { Radio, Space, Spin, Typography, Upload } from 'antd';
import React, { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useFail } from '@/pages/system/components/useFail';
import { useUploadImport, type ImportEntity } from '@/services/dataTransfer';
import { acceptedImportFiles, importEntities } from '../importWizard';

/** 新建导入: choose what the file holds, then drop it (or pick it); the wizard of the new import opens. */
export function NewImportCard() {
  const { t } = useTranslation();
  const fail = useFail();
  const upload = useUploadImport();
  const [entity, setEntity] = useState<ImportEntity>('customers');

  const send = async (file: File) => {
    try {
      const job = await upload.mutateAsync({ file, entity });
      history.push(`/data/imports/${job.id}`);
    } catch (error) {
      fail(error);
    }
  };

  return (
    <ProCard title={<h2 style={{ margin: 0, fontSize: 16 }}>{t('data.imports.new')}</h2>} style={{ marginBlockEnd: 16 }}>
      <Space direction="vertical" size={16} style={{ width: '100%' }}>
        <Space size={12} wrap>
          <Typography.Text id="import-entity-label">{t('data.imports.entityLabel')}</Typography.Text>
          <Radio.Group
            aria-labelledby="import-entity-label"
            optionType="button"
            value={entity}
            onChange={(event) => setEntity(event.target.value as ImportEntity)}
            options={importEntities.map((value) => ({ value, label: t(`data.imports.entities.${value}`) }))}
          />
        </Space>
        <Spin spinning={upload.isPending} tip={t('data.imports.uploading')}>
          <Upload.Dragger
            accept={acceptedImportFiles}
            multiple={false}
            showUploadList={false}
            disabled={upload.isPending}
            // The file goes up through the typed client (bearer token, language), not antd's own request.
            beforeUpload={(file) => {
              void send(file);
              return false;
            }}
          >
            <p className="ant-upload-drag-icon">
              <InboxOutlined />
            </p>
            <p className="ant-upload-text">{t('data.imports.dropText')}</p>
            <p className="ant-upload-hint">{t(`data.imports.dropHint.${entity}`)}</p>
          </Upload.Dragger>
        </Spin>
      </Space>
    </ProCard>
  );
}
