import { Picker, View } from '@tarojs/components'
import type { RemoteState } from '../api/use-remote'
import { useStrings } from '../i18n/language'
import type { GroupOption } from '../register/group-options'
import { BUTTON_ROLE } from './accessibility'

interface GroupPickerProps {
  options: RemoteState<GroupOption[]>
  value: string | undefined
  onRetry: () => void
  onChange: (groupId: string | undefined) => void
}

/** One group, chosen from the tree's paths (华东 / 杭州) in a plain list; the first entry means none. */
export function GroupPicker({ options, value, onRetry, onChange }: GroupPickerProps) {
  const { t } = useStrings()
  if (options.status !== 'ready') {
    const failed = options.status === 'failed'
    return (
      <View className="picker-trigger picker-trigger--empty" onClick={failed ? onRetry : undefined} {...BUTTON_ROLE}>
        {failed ? t('loadFailedRetry') : t('groupsLoading')}
      </View>
    )
  }
  const groups = options.data
  const chosenIndex = groups.findIndex((option) => option.id === value)
  const chosen = groups[chosenIndex]
  return (
    <Picker
      mode="selector"
      range={[t('groupNone'), ...groups.map((option) => option.path)]}
      value={chosenIndex + 1}
      textProps={{ okText: t('pickerConfirm'), cancelText: t('pickerCancel') }}
      onChange={(event) => {
        const index = Number(event.detail.value)
        onChange(index > 0 ? groups[index - 1]?.id : undefined)
      }}
    >
      <View className={chosen ? 'picker-trigger' : 'picker-trigger picker-trigger--empty'} {...BUTTON_ROLE}>
        {chosen ? chosen.path : t('groupPlaceholder')}
      </View>
    </Picker>
  )
}
