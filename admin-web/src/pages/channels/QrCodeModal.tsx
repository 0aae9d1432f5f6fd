import { CopyOutlined, DownloadOutlined, PrinterOutlined } from '@ant-design/icons';
import { Alert, Button, Input, Modal, Segmented, Space, Spin, Typography } from 'antd';
import React, { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiRequestError } from '@/api/errors';
import type { Channel, ChannelQrFormat, ChannelQrType } from '@/api/types';
import { useMessage } from '@/components/AppProviders/message';
import { useFail } from '@/pages/system/components/useFail';
import { fetchChannelQr } from '@/services/channels';
import { channelKeys } from '@/services/queryKeys';
import { saveBlob } from '@/utils/saveBlob';
import { useObjectUrl } from '@/utils/useObjectUrl';
import { qrFileName, qrTypesFor } from './channelState';

/** The cache key of a code: the token is part of it, so a reissued channel shows its new code at once. */
export const qrKey = (channel: Pick<Channel, 'id' | 'token'>, type: ChannelQrType, format: ChannelQrFormat) =>
  [...channelKeys.detail(channel.id), 'qr', channel.token, type, format] as const;

export function useChannelQr(channel: Pick<Channel, 'id' | 'token'> | undefined, type: ChannelQrType) {
  return useObjectUrl(
    channel ? qrKey(channel, type, 'png') : ['channels', 'qr', 'none'],
    (signal) => fetchChannelQr(channel?.id ?? '', type, 'png', signal),
    channel !== undefined,
  );
}

/** A channel's QR code with its link, downloads and the print card. */
export function QrCodeModal({
  channel,
  wechatCodes,
  onClose,
}: {
  channel: Channel;
  wechatCodes: boolean;
  onClose: () => void;
}) {
  const { t } = useTranslation();
  const message = useMessage();
  const fail = useFail();
  const types = qrTypesFor(wechatCodes);
  const [type, setType] = useState<ChannelQrType>(types[0]);
  const qr = useChannelQr(channel, type);

  const copy = async () => {
    try {
      await navigator.clipboard.writeText(channel.link);
      message.success(t('channels.qr.copied'));
    } catch {
      message.error(t('channels.qr.copyFailed'));
    }
  };

  const download = async (format: ChannelQrFormat) => {
    try {
      const blob = format === 'png' && qr.blob ? qr.blob : await fetchChannelQr(channel.id, type, format);
      saveBlob(blob, qrFileName(channel.name, type, format));
    } catch (error) {
      fail(error);
    }
  };

  const print = () => {
    window.open(`/channels/${channel.id}/print?type=${type}`, '_blank', 'noopener');
  };

  return (
    <Modal
      open
      title={t('channels.qr.title', { name: channel.name })}
      onCancel={onClose}
      footer={
        <Button type="primary" onClick={onClose}>
          {t('channels.qr.close')}
        </Button>
      }
    >
      <Space direction="vertical" size={16} style={{ width: '100%' }}>
        {types.length > 1 && (
          <Segmented<ChannelQrType>
            value={type}
            onChange={setType}
            options={types.map((option) => ({ value: option, label: t(`channels.qr.types.${option}`) }))}
          />
        )}
        <div style={{ display: 'flex', justifyContent: 'center', minHeight: 240, alignItems: 'center' }}>
          {qr.error ? (
            <Alert
              type="error"
              showIcon
              message={qr.error instanceof ApiRequestError ? qr.error.message : t('common.requestFailed')}
            />
          ) : qr.url ? (
            <img src={qr.url} alt={t('channels.qr.imageAlt', { name: channel.name })} width={240} height={240} />
          ) : (
            <Spin />
          )}
        </div>
        {channel.disabled && <Alert type="warning" showIcon message={t('channels.qr.disabledWarning')} />}
        <div>
          <Typography.Text type="secondary">{t('channels.qr.linkHelp')}</Typography.Text>
          <Space.Compact style={{ width: '100%', marginTop: 4 }}>
            <Input
              readOnly
              value={channel.link}
              aria-label={t('channels.qr.link')}
              onFocus={(event) => event.target.select()}
              style={{ fontFamily: 'monospace' }}
            />
            <Button icon={<CopyOutlined />} onClick={() => void copy()}>
              {t('channels.qr.copy')}
            </Button>
          </Space.Compact>
        </div>
        <Space wrap>
          <Button icon={<DownloadOutlined />} onClick={() => void download('png')}>
            {t('channels.qr.downloadPng')}
          </Button>
          {/* WeChat draws mini-program codes as PNG only. */}
          {type === 'h5' && (
            <Button icon={<DownloadOutlined />} onClick={() => void download('svg')}>
              {t('channels.qr.downloadSvg')}
            </Button>
          )}
          <Button type="primary" icon={<PrinterOutlined />} onClick={print}>
            {t('channels.qr.print')}
          </Button>
        </Space>
      </Space>
    </Modal>
  );
}
