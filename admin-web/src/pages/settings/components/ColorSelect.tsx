import { Select, Tag } from 'antd';
import React from 'react';
import { useTranslation } from 'react-i18next';

/** antd's preset colours that the server accepts by name (it also takes #rrggbb). */
export const presetColors = [
  'default',
  'magenta',
  'red',
  'volcano',
  'orange',
  'gold',
  'yellow',
  'lime',
  'green',
  'cyan',
  'blue',
  'geekblue',
  'purple',
  'pink',
] as const;

type PresetColor = (typeof presetColors)[number];

const isPreset = (value: string): value is PresetColor => presetColors.some((color) => color === value);

export function ColorSelect({
  id,
  value,
  onChange,
}: {
  id?: string;
  value?: string;
  onChange?: (value: string) => void;
}) {
  const { t } = useTranslation();
  const label = (color: string) => (isPreset(color) ? t(`settings.colors.${color}`) : color);
  // A #rrggbb colour set through the API stays selectable, shown as itself.
  const colors: string[] = value && !isPreset(value) ? [...presetColors, value] : [...presetColors];
  return (
    <Select
      id={id}
      value={value}
      onChange={onChange}
      optionLabelProp="title"
      options={colors.map((color) => ({
        value: color,
        title: label(color),
        label: <Tag color={color}>{label(color)}</Tag>,
      }))}
      labelRender={({ value: selected }) => <Tag color={String(selected)}>{label(String(selected))}</Tag>}
    />
  );
}
