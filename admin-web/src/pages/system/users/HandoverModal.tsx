import { Alert, Form, Select } from 'antd';
import React from 'react';
import { useTranslation } from 'react-i18next';
import type { ManagedUser } from '@/api/types';
import { useMessage } from '@/components/AppProviders/message';
import { useStaffUsers } from '@/services/reference';
import { useHandover } from '@/services/system';
import { FormModal } from '../components/FormModal';

interface HandoverValues {
  toUserId: string;
}

/** 离职继承: every customer a user owns (trash included) moves to another user, history kept. */
export function HandoverModal({ user, onClose }: { user: ManagedUser; onClose: () => void }) {
  const { t } = useTranslation();
  const message = useMessage();
  const [form] = Form.useForm<HandoverValues>();
  const staff = useStaffUsers();
  const handover = useHandover();
  const receivers = (staff.data ?? []).filter((candidate) => candidate.id !== user.id);

  return (
    <FormModal<HandoverValues>
      form={form}
      title={t('system.users.handoverTitle', { name: user.displayName })}
      okText={t('system.users.handoverSubmit')}
      formFields={['toUserId']}
      onSave={async ({ toUserId }) => {
        const { count } = await handover.mutateAsync({ id: user.id, toUserId });
        const receiver = receivers.find((candidate) => candidate.id === toUserId);
        message.success(t('system.users.handoverDone', { count, name: receiver?.displayName ?? '' }));
      }}
      onClose={onClose}
    >
      <Alert
        type="warning"
        showIcon
        message={t('system.users.handoverHelp', { name: user.displayName, count: user.customerCount })}
        style={{ marginBottom: 16 }}
      />
      <Form.Item
        name="toUserId"
        label={t('system.users.handoverTo')}
        rules={[{ required: true, message: t('system.users.validation.handoverTo') }]}
      >
        <Select
          showSearch
          optionFilterProp="label"
          loading={staff.isPending}
          options={receivers.map((candidate) => ({
            value: candidate.id,
            label: t('system.users.staffOption', { name: candidate.displayName, username: candidate.username }),
          }))}
        />
      </Form.Item>
    </FormModal>
  );
}
