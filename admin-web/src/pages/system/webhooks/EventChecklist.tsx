import { Checkbox, Space, Spin, Typography } from 'antd';
import React from 'react';
import { useTranslation } from 'react-i18next';
import { groupSelection, toggleGroup, type EventGroup, type EventType } from './webhookState';

const resourceMessages = {
  customer: 'system.webhooks.resources.customer',
  order: 'system.webhooks.resources.order',
  feedback: 'system.webhooks.resources.feedback',
  import: 'system.webhooks.resources.import',
} as const;

/**
 * The event checkboxes of a subscription, grouped by resource (a form control: `value` / `onChange` are the
 * ticked types). Each group has a box for all of its events, like the rows of the permission matrix.
 */
export function EventChecklist({
  groups,
  value = [],
  onChange,
  disabled,
  loading,
}: {
  groups: EventGroup[];
  loading?: boolean;
  value?: EventType[];
  onChange?: (types: EventType[]) => void;
  disabled?: boolean;
}) {
  const { t } = useTranslation();
  // A resource added on the server before the console knows it shows by its code.
  const resourceName = (resource: string) =>
    Object.hasOwn(resourceMessages, resource) ? t(resourceMessages[resource as keyof typeof resourceMessages]) : resource;

  if (loading) return <Spin size="small" />;
  return (
    <Space direction="vertical" size={12} style={{ width: '100%' }} role="group" aria-label={t('system.webhooks.fields.events')}>
      {groups.map((group) => {
        const selection = groupSelection(group, value);
        return (
          <div key={group.resource}>
            <Checkbox
              checked={selection === 'all'}
              indeterminate={selection === 'some'}
              disabled={disabled}
              onChange={(event) => onChange?.(toggleGroup(group, value, event.target.checked))}
            >
              <Typography.Text strong>
                {t('system.webhooks.groupAll', { resource: resourceName(group.resource) })}
              </Typography.Text>
            </Checkbox>
            <div style={{ paddingLeft: 24, marginTop: 4, display: 'flex', flexWrap: 'wrap', gap: '4px 16px' }}>
              {group.events.map((event) => (
                <Checkbox
                  key={event.type}
                  checked={value.includes(event.type)}
                  disabled={disabled}
                  onChange={(change) =>
                    onChange?.(
                      change.target.checked
                        ? [...value, event.type]
                        : value.filter((type) => type !== event.type),
                    )
                  }
                >
                  {event.description}{' '}
                  <Typography.Text type="secondary" code>
                    {event.type}
                  </Typography.Text>
                </Checkbox>
              ))}
            </div>
          </div>
        );
      })}
    </Space>
  );
}
