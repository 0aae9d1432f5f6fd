import { Text, View } from '@tarojs/components'
import { ariaRole } from './accessibility'

interface ConsentCheckProps {
  label: string
  checked: boolean
  error?: string
  onToggle: () => void
}

/** A checkbox whose accessible name is its visible sentence. */
export function ConsentCheck({ label, checked, error, onToggle }: ConsentCheckProps) {
  return (
    <View className={error ? 'field field--invalid' : undefined}>
      <View
        className={checked ? 'consent consent--checked' : 'consent'}
        {...ariaRole('checkbox')}
        aria-checked={checked ? 'true' : 'false'}
        aria-label={label}
        onClick={onToggle}
      >
        <View className="consent__box">{checked ? '✓' : ''}</View>
        <Text className="consent__text">{label}</Text>
      </View>
      {error ? <Text className="field__error">{error}</Text> : null}
    </View>
  )
}
