import { View } from '@tarojs/components'
import { ariaRole } from '../components/accessibility'
import { useStrings } from '../i18n/language'
import { RATINGS } from './feedback-form'

interface StarRatingProps {
  label: string
  value: number | undefined
  onChange: (rating: number) => void
}

/** Five tappable stars; each is a radio named like "4 星", and the stars up to the chosen one light up. */
export function StarRating({ label, value, onChange }: StarRatingProps) {
  const { t } = useStrings()
  return (
    <View className="star-rating" {...ariaRole('radiogroup')} aria-label={label}>
      {RATINGS.map((rating) => (
        <View
          key={rating}
          className={value !== undefined && rating <= value ? 'star-rating__star star-rating__star--lit' : 'star-rating__star'}
          {...ariaRole('radio')}
          aria-checked={rating === value ? 'true' : 'false'}
          aria-label={t('feedbackRatingStar', { n: rating })}
          onClick={() => onChange(rating)}
        >
          ★
        </View>
      ))}
    </View>
  )
}
