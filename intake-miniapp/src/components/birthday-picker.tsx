import { Picker, View } from '@tarojs/components'
import { useStrings } from '../i18n/language'
import { BUTTON_ROLE } from './accessibility'

interface BirthdayPickerProps {
  /** `YYYY-MM-DD`, or empty. */
  value: string
  today: string
  onChange: (birthday: string) => void
}

const EARLIEST_BIRTHDAY = '1900-01-01'
// Where the wheels start when no birthday is set yet: nearer the customers' likely ages than today is.
const FIRST_SHOWN_BIRTHDAY = '1990-01-01'

/** The platform's date picker (WeChat's native one, Taro's wheels on H5), with a way to clear it again. */
export function BirthdayPicker({ value, today, onChange }: BirthdayPickerProps) {
  const { t, language } = useStrings()
  return (
    <View className="picker-row">
      <Picker
        className="picker-row__picker"
        mode="date"
        value={value || FIRST_SHOWN_BIRTHDAY}
        start={EARLIEST_BIRTHDAY}
        end={today}
        textProps={{ okText: t('pickerConfirm'), cancelText: t('pickerCancel') }}
        // Taro's H5 wheels label years and months in this language; WeChat ignores it.
        {...{ lang: language }}
        onChange={(event) => onChange(event.detail.value)}
      >
        <View className={value ? 'picker-trigger' : 'picker-trigger picker-trigger--empty'} {...BUTTON_ROLE}>
          {value || t('birthdayPlaceholder')}
        </View>
      </Picker>
      {value ? (
        <View className="picker-row__clear" aria-label={t('birthdayClear')} onClick={() => onChange('')} {...BUTTON_ROLE}>
          ×
        </View>
      ) : null}
    </View>
  )
}
