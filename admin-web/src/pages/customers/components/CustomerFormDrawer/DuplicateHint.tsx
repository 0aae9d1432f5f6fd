import { Link } from '@umijs/max';
import { Alert } from 'antd';
import React from 'react';
import { useTranslation } from 'react-i18next';
import type { DuplicateMatch } from '@/api/types';

/** "该手机号已登记为客户「X」，打开查看？" under a phone or email that another customer has. */
export function DuplicateHint({
  matches,
  kind,
  onOpen,
}: {
  matches: readonly DuplicateMatch[];
  kind: 'phone' | 'email';
  /** Called before following the link (the form closes: the person chose to look instead). */
  onOpen: () => void;
}) {
  const { t } = useTranslation();
  if (matches.length === 0) return null;
  return (
    <>
      {matches.map((match) => (
        <Alert
          key={match.customerId}
          type="warning"
          showIcon
          // A hint while typing, not an error: polite, and apart from the save problem's role="alert".
          role="status"
          style={{ marginTop: 4 }}
          message={
            match.name === null ? (
              t(
                kind === 'phone'
                  ? 'customerForm.duplicate.phoneHidden'
                  : 'customerForm.duplicate.emailHidden',
              )
            ) : (
              <>
                {t(kind === 'phone' ? 'customerForm.duplicate.phone' : 'customerForm.duplicate.email', {
                  name: match.name,
                })}
                <Link to={`/customers/${match.customerId}`} onClick={onOpen}>
                  {t('customerForm.duplicate.open')}
                </Link>
              </>
            )
          }
        />
      ))}
    </>
  );
}
