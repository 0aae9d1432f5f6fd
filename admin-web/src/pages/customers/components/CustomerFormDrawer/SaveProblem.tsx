import { Link } from '@umijs/max';
import { Alert, Button, Form, Input, Space, Typography } from 'antd';
import React, { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Customer } from '@/api/types';
import { duplicateKind, type SaveProblemState } from './saveProblems';

/**
 * What stopped a save that the form cannot show on a field: another customer with the same phone or
 * email (open it, or save anyway with a reason when allowed), or someone else's newer version.
 */
export function SaveProblem({
  problem,
  saving,
  canForce,
  onOpenExisting,
  onForce,
  onReload,
  onOverwrite,
}: {
  problem: SaveProblemState;
  saving: boolean;
  canForce: boolean;
  onOpenExisting: () => void;
  onForce: (reason: string) => void;
  onReload: (current: Customer) => void;
  onOverwrite: (current: Customer) => void;
}) {
  const { t } = useTranslation();
  const [forcing, setForcing] = useState(false);
  const [reason, setReason] = useState('');
  const anchor = useRef<HTMLDivElement>(null);
  // The save button is at the bottom, the notice at the top of a long form: bring it into view.
  useEffect(() => {
    if (problem) anchor.current?.scrollIntoView({ block: 'start', behavior: 'smooth' });
  }, [problem]);
  if (!problem) return null;

  if (problem.kind === 'conflict') {
    const { current } = problem;
    return (
      <div ref={anchor}>
        <Alert
          type="error"
          showIcon
          role="alert"
          style={{ marginBottom: 16 }}
          message={t('customerForm.conflict.title')}
          description={
            <Space direction="vertical">
              <Typography.Text>
                {t('customerForm.conflict.description', { name: current.name })}
              </Typography.Text>
              <Space wrap>
                <Button type="primary" onClick={() => onReload(current)}>
                  {t('customerForm.conflict.reload')}
                </Button>
                <Button danger loading={saving} onClick={() => onOverwrite(current)}>
                  {t('customerForm.conflict.overwrite')}
                </Button>
              </Space>
            </Space>
          }
        />
      </div>
    );
  }

  return (
    <div ref={anchor}>
      <Alert
        type="warning"
        showIcon
        role="alert"
        style={{ marginBottom: 16 }}
        message={problem.message}
        description={
          <Space direction="vertical" style={{ width: '100%' }}>
            {problem.issues.map((issue) => (
              <span key={`${issue.field}-${issue.existingCustomerId}`}>
                {issue.existingName
                  ? t(
                      duplicateKind(issue.field) === 'email'
                        ? 'customerForm.duplicate.email'
                        : 'customerForm.duplicate.phone',
                      { name: issue.existingName },
                    )
                  : `${issue.message} `}
                <Link to={`/customers/${issue.existingCustomerId}`} onClick={onOpenExisting}>
                  {t('customerForm.duplicate.open')}
                </Link>
              </span>
            ))}
            {canForce &&
              (forcing ? (
                <Form layout="vertical" component="div">
                  <Form.Item
                    label={t('customerForm.force.reason')}
                    htmlFor="customer-force-reason"
                    required
                    style={{ marginBottom: 8 }}
                  >
                    <Input.TextArea
                      id="customer-force-reason"
                      rows={2}
                      maxLength={500}
                      value={reason}
                      placeholder={t('customerForm.force.reasonPlaceholder')}
                      onChange={(event) => setReason(event.target.value)}
                    />
                  </Form.Item>
                  <Button
                    type="primary"
                    danger
                    loading={saving}
                    disabled={!reason.trim()}
                    onClick={() => onForce(reason.trim())}
                  >
                    {t('customerForm.force.confirm')}
                  </Button>
                </Form>
              ) : (
                <Button danger onClick={() => setForcing(true)}>
                  {t('customerForm.force.start')}
                </Button>
              ))}
          </Space>
        }
      />
    </div>
  );
}
