import { DatePicker, Form, Input, Radio, Select, TreeSelect } from 'antd';
import dayjs from 'dayjs';
import React from 'react';
import { useTranslation } from 'react-i18next';
import type { Channel, ChannelKind } from '@/api/types';
import { useMessage } from '@/components/AppProviders/message';
import { FormModal } from '@/pages/system/components/FormModal';
import { useCreateChannel, useUpdateChannel } from '@/services/channels';
import { useStaffUsers } from '@/services/reference';
import { useTeamTreeOptions } from '@/services/system';
import { staffOfStore, toChannelInput, toChannelPatch, type ChannelFormValues } from './channelState';

const formFields = ['kind', 'name', 'teamId', 'staffId', 'validUntil'] as const;
export const channelKinds: ChannelKind[] = ['feedback', 'self_register'];

/** Creates a channel or edits one (its kind is fixed once codes are printed). */
export function ChannelFormModal({ channel, onClose }: { channel?: Channel; onClose: () => void }) {
  const { t } = useTranslation();
  const message = useMessage();
  const [form] = Form.useForm<ChannelFormValues>();
  const teams = useTeamTreeOptions();
  const staff = useStaffUsers();
  const create = useCreateChannel();
  const update = useUpdateChannel();
  const teamId = Form.useWatch('teamId', form);
  const storeStaff = staffOfStore(staff.data ?? [], teamId);

  const save = async (values: ChannelFormValues) => {
    if (channel) {
      const saved = await update.mutateAsync({ id: channel.id, patch: toChannelPatch(values) });
      message.success(t('channels.saved', { name: saved.name }));
    } else {
      const created = await create.mutateAsync(toChannelInput(values));
      message.success(t('channels.created', { name: created.name }));
    }
  };

  return (
    <FormModal<ChannelFormValues>
      form={form}
      title={channel ? t('channels.edit', { name: channel.name }) : t('channels.create')}
      formFields={formFields}
      initialValues={
        channel
          ? {
              kind: channel.kind,
              name: channel.name,
              teamId: channel.team.id,
              staffId: channel.staff?.id ?? null,
              validUntil: channel.validUntil ? dayjs(channel.validUntil) : null,
            }
          : { kind: 'feedback' }
      }
      onSave={save}
      onClose={onClose}
    >
      <Form.Item name="kind" label={t('channels.fields.kind')} rules={[{ required: true }]}>
        <Radio.Group
          disabled={channel !== undefined}
          options={channelKinds.map((kind) => ({ value: kind, label: t(`channels.kinds.${kind}`) }))}
        />
      </Form.Item>
      <Form.Item
        name="name"
        label={t('channels.fields.name')}
        extra={t('channels.nameHelp')}
        rules={[{ required: true, whitespace: true, message: t('channels.validation.name') }]}
      >
        <Input maxLength={50} />
      </Form.Item>
      <Form.Item
        name="teamId"
        label={t('channels.fields.store')}
        rules={[{ required: true, message: t('channels.validation.store') }]}
      >
        <TreeSelect
          showSearch
          treeNodeFilterProp="title"
          treeDefaultExpandAll
          loading={teams.loading}
          treeData={teams.options}
          onChange={() => form.setFieldValue('staffId', null)}
        />
      </Form.Item>
      <Form.Item name="staffId" label={t('channels.fields.staff')} extra={t('channels.staffHelp')}>
        <Select
          allowClear
          showSearch
          optionFilterProp="label"
          disabled={!teamId}
          loading={staff.isPending}
          options={storeStaff.map((member) => ({ value: member.id, label: member.displayName }))}
        />
      </Form.Item>
      <Form.Item name="validUntil" label={t('channels.fields.validUntil')} extra={t('channels.validUntilHelp')}>
        <DatePicker style={{ width: '100%' }} disabledDate={(day) => day.isBefore(dayjs(), 'day')} />
      </Form.Item>
    </FormModal>
  );
}
