import { View } from '@tarojs/components'
import { ariaRole } from './accessibility'

export interface Choice<Value extends string> {
  value: Value
  label: string
}

interface ChoiceChipsProps<Value extends string> {
  /** Accessible name of the group, e.g. 性别 or 手机号 2 类型. */
  label: string
  choices: ReadonlyArray<Choice<Value>>
  selected: Value | undefined
  /** Whether pressing the selected chip again clears the choice (for optional, free-text backed fields). */
  deselectable?: boolean
  onSelect: (value: Value | undefined) => void
  compact?: boolean
}

/** A single choice shown as chips, announced as a radio group. */
export function ChoiceChips<Value extends string>({ label, choices, selected, deselectable = false, onSelect, compact = false }: ChoiceChipsProps<Value>) {
  return (
    <View className={compact ? 'chip-row chip-row--compact' : 'chip-row'} {...ariaRole('radiogroup')} aria-label={label}>
      {choices.map((choice) => {
        const isSelected = choice.value === selected
        return (
          <View
            key={choice.value}
            className={isSelected ? 'chip chip--selected' : 'chip'}
            {...ariaRole('radio')}
            aria-checked={isSelected ? 'true' : 'false'}
            onClick={() => onSelect(isSelected && deselectable ? undefined : choice.value)}
          >
            {choice.label}
          </View>
        )
      })}
    </View>
  )
}
