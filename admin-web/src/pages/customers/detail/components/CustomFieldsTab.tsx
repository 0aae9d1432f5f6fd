import { EditOutlined } from '@ant-design/icons';
import { Button, Card, Descriptions, Empty, Skeleton } from 'antd';
import React from 'react';
import { useTranslation } from 'react-i18next';
import type { Customer } from '@/api/types';
import { useCustomFieldDefinitions } from '@/services/reference';
import { formatCustomFieldValue } from '../../components/customFieldDisplay';

/** `onEdit` is left out for people who may not change the customer. */
export function CustomFieldsTab({ customer, onEdit }: { customer: Customer; onEdit?: () => void }) {
  const { t } = useTranslation();
  const definitions = useCustomFieldDefinitions();
  const words = {
    yes: t('customerForm.yes'),
    no: t('customerForm.no'),
    separator: t('common.listSeparator'),
  };
  const sorted = [...(definitions.data ?? [])].sort((a, b) => a.sortOrder - b.sortOrder);

  return (
    <Card
      title={t('customerDetail.tabs.customFields')}
      extra={
        onEdit && (
          <Button icon={<EditOutlined />} onClick={onEdit}>
            {t('common.edit')}
          </Button>
        )
      }
    >
      {definitions.isPending ? (
        <Skeleton active />
      ) : sorted.length === 0 ? (
        <Empty description={t('customerDetail.noCustomFields')} />
      ) : (
        <Descriptions column={{ xs: 1, sm: 2 }} size="small" bordered>
          {sorted.map((definition) => (
            <Descriptions.Item key={definition.id} label={definition.label}>
              {formatCustomFieldValue(definition, customer.customFields[definition.key], words) ??
                t('common.empty')}
            </Descriptions.Item>
          ))}
        </Descriptions>
      )}
    </Card>
  );
}
