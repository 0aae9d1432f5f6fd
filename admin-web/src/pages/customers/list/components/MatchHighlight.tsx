import { Tag, theme } from 'antd';
import React from 'react';
import { useTranslation } from 'react-i18next';
import type { CustomerMatch } from '@/api/types';
import { highlightParts, matchReason } from '../highlight';

/** A cell's text with the searched keyword marked wherever it occurs. */
export function HighlightedText({ text, keyword }: { text: string; keyword: string | undefined }) {
  const { token } = theme.useToken();
  const markStyle: React.CSSProperties = {
    padding: 0,
    color: 'inherit',
    background: token.colorWarningBorder,
  };
  return (
    <>
      {highlightParts(text, keyword).map((part, index) =>
        part.match ? (
          <mark key={index} style={markStyle}>
            {part.text}
          </mark>
        ) : (
          <React.Fragment key={index}>{part.text}</React.Fragment>
        ),
      )}
    </>
  );
}

/** Why a row turned up for the keyword when its name does not show it (pinyin, a phone, a contact…). */
export function MatchReasonTag({ match }: { match: CustomerMatch | null | undefined }) {
  const { t } = useTranslation();
  const reason = matchReason(match);
  if (!reason) return null;
  const text =
    reason.kind === 'contact'
      ? t('customers.match.contact', { name: reason.contactName })
      : t(`customers.match.${reason.kind}`);
  return (
    <Tag
      bordered={false}
      color="gold"
      style={{ marginInlineStart: 4 }}
      title={t('customers.match.label', { reason: text })}
    >
      {text}
    </Tag>
  );
}
