import { PrinterOutlined } from '@ant-design/icons';
import { useParams, useSearchParams } from '@umijs/max';
import { Alert, Button, Spin } from 'antd';
import React, { useEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiRequestError } from '@/api/errors';
import type { ChannelQrType } from '@/api/types';
import { useChannel } from '@/services/channels';
import { useChannelQr } from '../QrCodeModal';
import './index.css';

const qrTypeOf = (value: string | null): ChannelQrType => (value === 'wxacode' ? 'wxacode' : 'h5');

/**
 * A card to put on a counter: store, channel, the code and one line of instructions. Opened in its own tab
 * (outside the console's layout) so that the browser prints the card alone; it opens the print dialog
 * as soon as the code has loaded.
 */
export default function ChannelPrintPage() {
  const { t, i18n } = useTranslation();
  // The card speaks to customers in the store: in Chinese, whatever the console's language.
  const cardText = i18n.getFixedT('zh-CN');
  const { id } = useParams<{ id: string }>();
  const [searchParams] = useSearchParams();
  const channel = useChannel(id);
  const qr = useChannelQr(channel.data, qrTypeOf(searchParams.get('type')));
  const printed = useRef(false);

  useEffect(() => {
    if (!channel.data) return;
    document.title = t('channels.print.documentTitle', { store: channel.data.team.name, name: channel.data.name });
  }, [channel.data, t]);

  const error = channel.error ?? qr.error;
  if (error) {
    return (
      <div className="channel-print">
        <Alert type="error" showIcon message={error instanceof ApiRequestError ? error.message : t('common.requestFailed')} />
      </div>
    );
  }
  if (!channel.data || !qr.url) {
    return (
      <div className="channel-print">
        <Spin />
      </div>
    );
  }
  const { data } = channel;

  return (
    <div className="channel-print">
      <div className="channel-print-toolbar">
        <Button type="primary" icon={<PrinterOutlined />} onClick={() => window.print()}>
          {t('channels.print.button')}
        </Button>
      </div>
      <article className="channel-print-card" aria-label={t('channels.print.cardName')}>
        <h1>{data.team.name}</h1>
        <h2>{data.name}</h2>
        <img
          src={qr.url}
          alt={t('channels.qr.imageAlt', { name: data.name })}
          onLoad={() => {
            if (printed.current) return;
            printed.current = true;
            window.print();
          }}
        />
        <p>{cardText(data.kind === 'feedback' ? 'channels.print.feedbackLine' : 'channels.print.joinLine')}</p>
      </article>
    </div>
  );
}
