import { Space, Tag } from 'antd';
import React from 'react';
import { useTranslation } from 'react-i18next';
import type { LifecycleStatus } from '@/api/types';

export const lifecycleStatuses: readonly LifecycleStatus[] = [
  'prospect',
  'new',
  'active',
  'dormant',
  'churned',
];

const lifecycleColors: Record<LifecycleStatus, string> = {
  prospect: 'default',
  new: 'blue',
  active: 'green',
  dormant: 'orange',
  churned: 'red',
};

export function LifecycleTag({ status }: { status: LifecycleStatus }) {
  const { t } = useTranslation();
  return <Tag color={lifecycleColors[status]}>{t(`customers.lifecycle.${status}`)}</Tag>;
}

/** A level, tag or anything else named and coloured by the settings (preset name or #rrggbb). */
export function ColoredTag({ name, color }: { name: string; color?: string | null }) {
  return <Tag color={color ?? undefined}>{name}</Tag>;
}

export function TagList({
  tags,
  empty,
}: {
  tags: readonly { id: string; name: string; color?: string | null }[];
  empty?: React.ReactNode;
}) {
  if (tags.length === 0) return <>{empty ?? null}</>;
  return (
    <Space size={[0, 4]} wrap>
      {tags.map((tag) => (
        <ColoredTag key={tag.id} name={tag.name} color={tag.color} />
      ))}
    </Space>
  );
}
