import { PlusOutlined } from '@ant-design/icons';
import { useAccess } from '@umijs/max';
import { Button, Card, Popconfirm, Space, Table, Tag, type TableColumnsType } from 'antd';
import React, { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiRequestError } from '@/api/errors';
import type { Contact } from '@/api/types';
import { useMessage } from '@/components/AppProviders/message';
import { buildTree, type TreeNode } from '@/utils/tree';
import { shownEmail, shownPhone, type RevealedValues } from '../revealed';
import { useContacts, useDeleteContact } from '../useRelatedRecords';
import { ContactFormModal, type ContactFormTarget } from './ContactFormModal';

/** The customer's contacts as a tree: who reports to whom, with their relationship to the customer. */
export function ContactsTab({ customerId, revealed }: { customerId: string; revealed: RevealedValues }) {
  const { t } = useTranslation();
  // Contacts are part of the customer: changing them takes customer:update.
  const { canEditCustomers } = useAccess();
  const message = useMessage();
  const contacts = useContacts(customerId);
  const deleteContact = useDeleteContact(customerId);
  const [target, setTarget] = useState<ContactFormTarget | null>(null);
  const tree = useMemo(
    () => buildTree(contacts.data ?? [], (contact) => contact.reportsToId),
    [contacts.data],
  );
  // Every node starts expanded (the tree is small and hidden people are easy to miss); a person may
  // still fold a branch, and a newly added contact shows up unfolded.
  const [collapsed, setCollapsed] = useState<ReadonlySet<string>>(new Set());
  const expandedKeys = useMemo(
    () => (contacts.data ?? []).map((contact) => contact.id).filter((id) => !collapsed.has(id)),
    [contacts.data, collapsed],
  );

  const handleDelete = async (contact: Contact) => {
    try {
      await deleteContact.mutateAsync(contact.id);
      message.success(t('contacts.deleted', { name: contact.name }));
    } catch (error) {
      message.error(error instanceof ApiRequestError ? error.message : t('common.requestFailed'));
    }
  };

  const actionsColumn: TableColumnsType<TreeNode<Contact>>[number] = {
    key: 'actions',
    title: t('common.actions'),
    fixed: 'right',
    render: (_, contact) => (
      <Space size={0} role="group" aria-label={t('contacts.rowActions', { name: contact.name })}>
        <Button type="link" size="small" onClick={() => setTarget({ reportsToId: contact.id })}>
          {t('contacts.addReport')}
        </Button>
        <Button type="link" size="small" onClick={() => setTarget({ contact })}>
          {t('common.edit')}
        </Button>
        <Popconfirm
          title={t('contacts.deleteConfirm', { name: contact.name })}
          okText={t('common.delete')}
          cancelText={t('common.cancel')}
          okButtonProps={{ danger: true, loading: deleteContact.isPending }}
          onConfirm={() => handleDelete(contact)}
        >
          <Button type="link" size="small" danger>
            {t('common.delete')}
          </Button>
        </Popconfirm>
      </Space>
    ),
  };

  return (
    <Card
      title={t('customerDetail.tabs.contacts')}
      extra={
        canEditCustomers && (
          <Button type="primary" icon={<PlusOutlined />} onClick={() => setTarget({ reportsToId: null })}>
            {t('contacts.create')}
          </Button>
        )
      }
    >
      <Table<TreeNode<Contact>>
        rowKey="id"
        size="middle"
        loading={contacts.isPending}
        dataSource={tree}
        pagination={false}
        aria-label={t('contacts.tableName')}
        expandable={{
          expandedRowKeys: expandedKeys,
          onExpand: (expanded, contact) =>
            setCollapsed((current) => {
              const next = new Set(current);
              if (expanded) next.delete(contact.id);
              else next.add(contact.id);
              return next;
            }),
        }}
        scroll={{ x: 'max-content' }}
        columns={[
          { key: 'name', title: t('contacts.fields.name'), dataIndex: 'name', width: 200 },
          {
            key: 'title',
            title: t('contacts.fields.title'),
            render: (_, contact) => contact.title ?? t('common.empty'),
          },
          {
            key: 'relationship',
            title: t('contacts.fields.relationshipType'),
            render: (_, contact) =>
              contact.relationshipType ? <Tag>{contact.relationshipType.name}</Tag> : t('common.empty'),
          },
          {
            key: 'phones',
            title: t('contacts.fields.phones'),
            render: (_, contact) =>
              contact.phones.map((phone) => shownPhone(phone, revealed)).join(t('common.listSeparator')) ||
              t('common.empty'),
          },
          {
            key: 'emails',
            title: t('contacts.fields.emails'),
            render: (_, contact) =>
              contact.emails.map((email) => shownEmail(email, revealed)).join(t('common.listSeparator')) ||
              t('common.empty'),
          },
          ...(canEditCustomers ? [actionsColumn] : []),
        ]}
      />
      {target && (
        <ContactFormModal
          customerId={customerId}
          contacts={contacts.data ?? []}
          target={target}
          onClose={() => setTarget(null)}
        />
      )}
    </Card>
  );
}
