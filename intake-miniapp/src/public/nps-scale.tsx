import { Text, View } from '@tarojs/components'
import { ariaRole } from '../components/accessibility'
import { useStrings } from '../i18n/language'
import { NPS_SCORES } from './feedback-form'

interface NpsScaleProps {
  value: number | undefined
  onChange: (score: number | undefined) => void
}

/** The 0–10 recommendation question: eleven radios named by their number. Optional, so a second tap clears it. */
export function NpsScale({ value, onChange }: NpsScaleProps) {
  const { t } = useStrings()
  return (
    <View>
      <View className="nps-scale" {...ariaRole('radiogroup')} aria-label={t('feedbackNpsLabel')}>
        {NPS_SCORES.map((score) => (
          <View
            key={score}
            className={score === value ? 'nps-scale__score nps-scale__score--selected' : 'nps-scale__score'}
            {...ariaRole('radio')}
            aria-checked={score === value ? 'true' : 'false'}
            onClick={() => onChange(score === value ? undefined : score)}
          >
            {score}
          </View>
        ))}
      </View>
      <View className="nps-scale__ends">
        <Text>{t('feedbackNpsLow')}</Text>
        <Text>{t('feedbackNpsHigh')}</Text>
      </View>
    </View>
  )
}
