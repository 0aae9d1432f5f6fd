import { View } from '@tarojs/components'
import { BUTTON_ROLE } from './accessibility'

interface ActionButtonProps {
  label: string
  busyLabel?: string
  busy?: boolean
  variant?: 'primary' | 'secondary'
  onPress: () => void
}

export function ActionButton({ label, busyLabel, busy = false, variant = 'primary', onPress }: ActionButtonProps) {
  const handlePress = () => {
    if (!busy) onPress()
  }
  return (
    <View
      className={`action-button action-button--${variant}${busy ? ' action-button--busy' : ''}`}
      onClick={handlePress}
      aria-disabled={busy ? 'true' : 'false'}
      {...BUTTON_ROLE}
    >
      {busy && busyLabel ? busyLabel : label}
    </View>
  )
}
