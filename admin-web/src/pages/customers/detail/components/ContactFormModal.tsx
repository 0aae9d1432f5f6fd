import { Col, Form, Input, Row, Select } from 'antd';
import React from 'react';
import { useTranslation } from 'react-i18next';
import type { Contact } from '@/api/types';
import { useMessage } from '@/components/AppProviders/message';
import { useRelationshipTypes } from '@/services/reference';
import { ContactPointListField } from '../../components/ContactPointListField';
import {
  emptyContactFormValues,
  reportsToCandidates,
  toContactFormValues,
  toContactInput,
  type ContactFormValues,
} from '../contactForm';
import { useSaveContact } from '../useRelatedRecords';
import { RecordFormModal } from './RecordFormModal';

/** Editing an existing contact, or creating one (possibly under another contact). */
export type ContactFormTarget = { contact: Contact } | { contact?: undefined; reportsToId: string | null };

const formFields = ['name', 'title', 'relationshipTypeId', 'reportsToId', 'phones', 'emails', 'notes'];

export function ContactFormModal({
  customerId,
  contacts,
  target,
  onClose,
}: {
  customerId: string;
  contacts: readonly Contact[];
  target: ContactFormTarget;
  onClose: () => void;
}) {
  const { t } = useTranslation();
  const message = useMessage();
  const [form] = Form.useForm<ContactFormValues>();
  const relationshipTypes = useRelationshipTypes();
  const save = useSaveContact(customerId);
  const editing = target.contact;
  const candidates = reportsToCandidates(contacts, editing?.id);

  return (
    <RecordFormModal<ContactFormValues>
      form={form}
      width={640}
      title={editing ? t('contacts.edit', { name: editing.name }) : t('contacts.create')}
      saving={save.isPending}
      initialValues={editing ? toContactFormValues(editing) : emptyContactFormValues(target.reportsToId)}
      formFields={formFields}
      issuePath={([head, index]) =>
        (head === 'phones' || head === 'emails') && index !== undefined
          ? [head, Number(index), head === 'phones' ? 'number' : 'address']
          : [head]
      }
      onSave={async (values) => {
        const saved = await save.mutateAsync({ contactId: editing?.id, input: toContactInput(values) });
        message.success(t(editing ? 'contacts.updated' : 'contacts.created', { name: saved.name }));
        onClose();
      }}
      onClose={onClose}
    >
      <Row gutter={16}>
        <Col span={12}>
          <Form.Item
            name="name"
            label={t('contacts.fields.name')}
            rules={[
              { required: true, whitespace: true, message: t('customers.validation.nameRequired') },
              { max: 50, message: t('customers.validation.nameTooLong') },
            ]}
          >
            <Input maxLength={50} />
          </Form.Item>
        </Col>
        <Col span={12}>
          <Form.Item name="title" label={t('contacts.fields.title')}>
            <Input maxLength={50} placeholder={t('contacts.placeholders.title')} />
          </Form.Item>
        </Col>
        <Col span={12}>
          <Form.Item name="relationshipTypeId" label={t('contacts.fields.relationshipType')}>
            <Select
              allowClear
              loading={relationshipTypes.isPending}
              options={(relationshipTypes.data ?? []).map((type) => ({ value: type.id, label: type.name }))}
            />
          </Form.Item>
        </Col>
        <Col span={12}>
          <Form.Item name="reportsToId" label={t('contacts.fields.reportsTo')}>
            <Select
              allowClear
              showSearch
              optionFilterProp="label"
              placeholder={t('contacts.placeholders.reportsTo')}
              options={candidates.map((contact) => ({ value: contact.id, label: contact.name }))}
            />
          </Form.Item>
        </Col>
      </Row>
      <ContactPointListField kind="phones" />
      <ContactPointListField kind="emails" />
      <Form.Item name="notes" label={t('contacts.fields.notes')}>
        <Input.TextArea rows={2} maxLength={2000} />
      </Form.Item>
    </RecordFormModal>
  );
}
