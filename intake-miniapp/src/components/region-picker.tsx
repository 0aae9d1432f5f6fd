import { Picker, View } from '@tarojs/components'
import { REGION_TREE } from '../regions/region-data'
import { pickerIndicesFor, selectionFromPickerDetail, type RegionSelection } from '../regions/region-tree'
import { useStrings } from '../i18n/language'
import { BUTTON_ROLE } from './accessibility'

interface RegionPickerProps {
  value: RegionSelection | undefined
  placeholder: string
  onChange: (selection: RegionSelection) => void
}

/** Municipalities report the same name twice (北京市 / 北京市); show it once. */
export function describeRegion(selection: RegionSelection): string {
  return selection.province === selection.city ? selection.city : `${selection.province} ${selection.city}`
}

/**
 * Province and city through the platform's region picker: WeChat's native one (its own data, names in
 * `value`), or on H5 Taro's, which needs the data passed in and takes column indices as its value.
 */
export function RegionPicker({ value, placeholder, onChange }: RegionPickerProps) {
  const { t } = useStrings()
  const pickerValue = REGION_TREE ? pickerIndicesFor(value, REGION_TREE) : value ? [value.province, value.city] : []

  return (
    <Picker
      mode="region"
      level="city"
      value={pickerValue}
      regionData={REGION_TREE}
      textProps={{ okText: t('pickerConfirm'), cancelText: t('pickerCancel') }}
      onChange={(event) => {
        const selection = selectionFromPickerDetail(event.detail, REGION_TREE)
        if (selection) onChange(selection)
      }}
    >
      <View className={value ? 'picker-trigger' : 'picker-trigger picker-trigger--empty'} {...BUTTON_ROLE}>
        {value ? describeRegion(value) : placeholder}
      </View>
    </Picker>
  )
}
