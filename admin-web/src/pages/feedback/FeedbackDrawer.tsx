import { Link, useAccess } from '@umijs/max';
import {
  Alert,
  Button,
  Descriptions,
  Drawer,
  Empty,
  Form,
  Input,
  Radio,
  Select,
  Skeleton,
  Space,
  Tag,
  Timeline,
  Typography,
} from 'antd';
import dayjs from 'dayjs';
import React, { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { FeedbackDetail, FeedbackNote, FeedbackNoteInput, FeedbackStatus, ReplyChannel } from '@/api/types';
import { useMessage } from '@/components/AppProviders/message';
import { ConfirmAction } from '@/pages/system/components/ConfirmAction';
import { useFail } from '@/pages/system/components/useFail';
import {
  useAddFeedbackNote,
  useFeedbackDetail,
  useLinkFeedbackCustomer,
  useRevealFeedbackPhone,
  useUpdateFeedback,
} from '@/services/feedback';
import { useStaffUsers } from '@/services/reference';
import { CustomerPicker } from './CustomerPicker';
import { FeedbackPhotos } from './FeedbackPhotos';
import { feedbackStatuses, replyChannels } from './filters';
import { FeedbackStatusTag, NpsValue, RatingStars } from './labels';

const unassigned = 'none';
const when = (value: string) => dayjs(value).format('YYYY-MM-DD HH:mm');

function CustomerSection({ feedback, manage }: { feedback: FeedbackDetail; manage: boolean }) {
  const { t } = useTranslation();
  const message = useMessage();
  const fail = useFail();
  const link = useLinkFeedbackCustomer();
  const [picking, setPicking] = useState(false);
  const [customerId, setCustomerId] = useState<string | undefined>();
  const { customer } = feedback;

  const save = async () => {
    if (!customerId) return;
    try {
      await link.mutateAsync({ id: feedback.id, customerId });
      message.success(t('feedback.detail.linked'));
      setPicking(false);
      setCustomerId(undefined);
    } catch (error) {
      fail(error);
    }
  };

  if (picking) {
    return (
      <Space.Compact style={{ width: '100%' }}>
        <CustomerPicker label={t('feedback.detail.customerSearchLabel')} value={customerId} onChange={setCustomerId} />
        <Button type="primary" disabled={!customerId} loading={link.isPending} onClick={() => void save()}>
          {t('feedback.detail.linkConfirm')}
        </Button>
        <Button onClick={() => setPicking(false)}>{t('common.cancel')}</Button>
      </Space.Compact>
    );
  }

  return (
    <Space wrap>
      {customer === null ? (
        <Typography.Text type="secondary">{t('feedback.unlinked')}</Typography.Text>
      ) : customer.name === null ? (
        // Linked to a customer outside the reader's customer scope: the server withholds the name.
        <Typography.Text type="secondary">{t('feedback.detail.customerOutOfScope')}</Typography.Text>
      ) : (
        <Link to={`/customers/${customer.id}`}>{customer.name}</Link>
      )}
      {customer !== null && feedback.customerLink === 'phone' && <Tag>{t('feedback.detail.linkedByPhone')}</Tag>}
      {manage && customer === null && (
        <Button size="small" onClick={() => setPicking(true)}>
          {t('feedback.detail.link')}
        </Button>
      )}
      {manage && customer !== null && (
        <>
          <Button size="small" onClick={() => setPicking(true)}>
            {t('feedback.detail.relink')}
          </Button>
          <ConfirmAction
            label={t('feedback.detail.unlink')}
            title={t('feedback.detail.unlinkConfirm')}
            done={t('feedback.detail.unlinked')}
            action={() => link.mutateAsync({ id: feedback.id, customerId: null })}
          />
        </>
      )}
    </Space>
  );
}

function PhoneSection({ feedback }: { feedback: FeedbackDetail }) {
  const { t } = useTranslation();
  const access = useAccess();
  const message = useMessage();
  const fail = useFail();
  const reveal = useRevealFeedbackPhone();
  // Kept only while the drawer shows this feedback: each reveal is audited, so it is never cached.
  const [revealed, setRevealed] = useState<{ id: string; phone: string } | null>(null);
  if (!feedback.phoneMasked) return <>{t('feedback.detail.noPhone')}</>;
  const phone = revealed?.id === feedback.id ? revealed.phone : null;

  const show = async () => {
    try {
      const result = await reveal.mutateAsync(feedback.id);
      // null: the sealed number could not be read (a retired data key); the masked form stays.
      if (result.phone === null) return;
      setRevealed({ id: feedback.id, phone: result.phone });
      message.success(t('feedback.detail.revealedDone'));
    } catch (error) {
      fail(error);
    }
  };

  return (
    <Space>
      <span>{phone ?? feedback.phoneMasked}</span>
      {phone === null && access.canRevealPhone && (
        <Button size="small" loading={reveal.isPending} onClick={() => void show()}>
          {t('feedback.detail.reveal')}
        </Button>
      )}
    </Space>
  );
}

interface NoteValues {
  kind: FeedbackNote['kind'];
  replyChannel?: ReplyChannel;
  body: string;
}

function NoteForm({ feedbackId }: { feedbackId: string }) {
  const { t } = useTranslation();
  const message = useMessage();
  const fail = useFail();
  const [form] = Form.useForm<NoteValues>();
  const add = useAddFeedbackNote();
  const kind = Form.useWatch('kind', form);

  const submit = async (values: NoteValues) => {
    const note: FeedbackNoteInput =
      values.kind === 'reply' && values.replyChannel
        ? { kind: 'reply', body: values.body.trim(), replyChannel: values.replyChannel }
        : { kind: 'note', body: values.body.trim() };
    try {
      await add.mutateAsync({ id: feedbackId, note });
      message.success(t(values.kind === 'reply' ? 'feedback.notes.replyAdded' : 'feedback.notes.noteAdded'));
      form.resetFields(['body']);
    } catch (error) {
      fail(error);
    }
  };

  return (
    <Form<NoteValues> form={form} layout="vertical" initialValues={{ kind: 'note' }} onFinish={(values) => void submit(values)}>
      <Form.Item name="kind" label={t('feedback.notes.kind')}>
        <Radio.Group
          options={[
            { value: 'note', label: t('feedback.notes.kinds.note') },
            { value: 'reply', label: t('feedback.notes.kinds.reply') },
          ]}
        />
      </Form.Item>
      {kind === 'reply' && (
        <Form.Item
          name="replyChannel"
          label={t('feedback.notes.replyChannel')}
          rules={[{ required: true, message: t('feedback.notes.validation.replyChannel') }]}
        >
          <Select options={replyChannels.map((channel) => ({ value: channel, label: t(`feedback.replyChannels.${channel}`) }))} />
        </Form.Item>
      )}
      <Form.Item
        name="body"
        label={kind === 'reply' ? t('feedback.notes.replyBody') : t('feedback.notes.noteBody')}
        rules={[{ required: true, whitespace: true, message: t('feedback.notes.validation.body') }]}
      >
        <Input.TextArea rows={3} maxLength={2000} showCount />
      </Form.Item>
      <Button type="primary" htmlType="submit" loading={add.isPending}>
        {t('feedback.notes.add')}
      </Button>
    </Form>
  );
}

function NotesTimeline({ notes }: { notes: FeedbackNote[] }) {
  const { t } = useTranslation();
  if (notes.length === 0) return <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('feedback.notes.empty')} />;
  return (
    <section aria-label={t('feedback.notes.title')}>
      <Timeline
        items={notes.map((note) => ({
          key: note.id,
          color: note.kind === 'reply' ? 'green' : 'blue',
          children: (
            <Space direction="vertical" size={2} style={{ width: '100%' }}>
              <Space size={4}>
                <Tag color={note.kind === 'reply' ? 'green' : undefined}>{t(`feedback.notes.kinds.${note.kind}`)}</Tag>
                {note.replyChannel && <Tag>{t(`feedback.replyChannels.${note.replyChannel}`)}</Tag>}
              </Space>
              <Typography.Paragraph style={{ whiteSpace: 'pre-wrap', marginBottom: 0 }}>{note.body}</Typography.Paragraph>
              <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                {when(note.createdAt)}
                {note.author ? ` · ${note.author.displayName}` : ''}
              </Typography.Text>
            </Space>
          ),
        }))}
      />
    </section>
  );
}

function FeedbackBody({ feedback }: { feedback: FeedbackDetail }) {
  const { t } = useTranslation();
  const access = useAccess();
  const message = useMessage();
  const fail = useFail();
  const staff = useStaffUsers();
  const update = useUpdateFeedback();
  const manage = access.canManageFeedback;
  const empty = t('common.empty');

  const change = async (patch: { status?: FeedbackStatus; assigneeId?: string | null }) => {
    try {
      await update.mutateAsync({ id: feedback.id, patch });
      message.success(t('feedback.detail.saved'));
    } catch (error) {
      fail(error);
    }
  };

  return (
    <Space direction="vertical" size={24} style={{ width: '100%' }}>
      <Descriptions column={1} size="small" bordered labelStyle={{ width: 120 }}>
        <Descriptions.Item label={t('feedback.fields.status')}>
          {manage ? (
            <Select<FeedbackStatus>
              aria-label={t('feedback.fields.status')}
              value={feedback.status}
              style={{ width: 160 }}
              loading={update.isPending}
              onChange={(status) => void change({ status })}
              options={feedbackStatuses.map((status) => ({ value: status, label: t(`feedback.status.${status}`) }))}
            />
          ) : (
            <FeedbackStatusTag status={feedback.status} />
          )}
        </Descriptions.Item>
        <Descriptions.Item label={t('feedback.fields.assignee')}>
          {manage ? (
            <Select<string>
              aria-label={t('feedback.fields.assignee')}
              value={feedback.assignee?.id ?? unassigned}
              style={{ width: 160 }}
              showSearch
              optionFilterProp="label"
              loading={staff.isPending || update.isPending}
              onChange={(assignee) => void change({ assigneeId: assignee === unassigned ? null : assignee })}
              options={[
                { value: unassigned, label: t('feedback.unassigned') },
                // The current assignee stays selectable by name even when no longer an active user.
                ...(feedback.assignee && !(staff.data ?? []).some((user) => user.id === feedback.assignee?.id)
                  ? [{ value: feedback.assignee.id, label: feedback.assignee.displayName }]
                  : []),
                ...(staff.data ?? []).map((user) => ({ value: user.id, label: user.displayName })),
              ]}
            />
          ) : (
            feedback.assignee?.displayName ?? t('feedback.unassigned')
          )}
        </Descriptions.Item>
        <Descriptions.Item label={t('feedback.fields.createdAt')}>{when(feedback.createdAt)}</Descriptions.Item>
        <Descriptions.Item label={t('feedback.fields.store')}>{feedback.store.name}</Descriptions.Item>
        <Descriptions.Item label={t('feedback.fields.channel')}>{feedback.channel.name}</Descriptions.Item>
        <Descriptions.Item label={t('feedback.fields.staff')}>{feedback.staff?.displayName ?? empty}</Descriptions.Item>
        <Descriptions.Item label={t('feedback.fields.category')}>{t(`feedback.categories.${feedback.category}`)}</Descriptions.Item>
        <Descriptions.Item label={t('feedback.fields.rating')}>
          <RatingStars rating={feedback.rating} />
        </Descriptions.Item>
        <Descriptions.Item label={t('feedback.fields.nps')}>
          <NpsValue nps={feedback.nps} />
        </Descriptions.Item>
        <Descriptions.Item label={t('feedback.fields.phone')}>
          <PhoneSection feedback={feedback} />
        </Descriptions.Item>
        <Descriptions.Item label={t('feedback.fields.contactConsent')}>
          {feedback.contactConsent ? t('feedback.detail.consentGiven') : t('feedback.detail.consentNotGiven')}
        </Descriptions.Item>
        <Descriptions.Item label={t('feedback.fields.customer')}>
          <CustomerSection feedback={feedback} manage={manage} />
        </Descriptions.Item>
        {feedback.resolvedAt && (
          <Descriptions.Item label={t('feedback.fields.resolvedAt')}>{when(feedback.resolvedAt)}</Descriptions.Item>
        )}
      </Descriptions>
      <section aria-label={t('feedback.detail.text')}>
        <Typography.Title level={5}>{t('feedback.detail.text')}</Typography.Title>
        <Typography.Paragraph style={{ whiteSpace: 'pre-wrap' }}>
          {feedback.text || t('feedback.detail.noText')}
        </Typography.Paragraph>
        {feedback.photos.length > 0 && <FeedbackPhotos feedback={feedback} />}
      </section>
      <section>
        <Typography.Title level={5}>{t('feedback.notes.title')}</Typography.Title>
        <NotesTimeline notes={feedback.notes} />
        {manage && <NoteForm feedbackId={feedback.id} />}
      </section>
    </Space>
  );
}

/** One feedback in full, opened from the inbox (`?id=`). */
export function FeedbackDrawer({ id, onClose }: { id: string | null; onClose: () => void }) {
  const { t } = useTranslation();
  const detail = useFeedbackDetail(id);
  const title = detail.data ? t('feedback.detail.title', { number: detail.data.number }) : t('feedback.detail.loading');
  return (
    <Drawer
      open={id !== null}
      width={640}
      onClose={onClose}
      title={title}
      // The drawer's title is not tied to its dialog element; this names the dialog (`反馈 #12`).
      aria-label={title}
      destroyOnHidden
    >
      {detail.isPending ? (
        <Skeleton active />
      ) : detail.isError ? (
        <Alert type="error" showIcon message={detail.error.message} />
      ) : (
        <FeedbackBody feedback={detail.data} />
      )}
    </Drawer>
  );
}
