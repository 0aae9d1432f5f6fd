import { Text, View } from '@tarojs/components'
import { useStrings } from '../i18n/language'
import type { OutboxView } from '../outbox/use-outbox'
import { BUTTON_ROLE, ariaRole } from './accessibility'

interface OutboxBarProps {
  outbox: OutboxView
  onRetry: () => void
  /** Opens the list of waiting submissions (my registrations). */
  onOpenList: () => void
}

/** How many submissions wait to be sent, how many the server refused, and 立即重试 (its label never changes,
 * so it can always be found); hidden when the outbox is empty. */
export function OutboxBar({ outbox, onRetry, onOpenList }: OutboxBarProps) {
  const { t } = useStrings()
  if (!outbox.items.length) return null
  return (
    <View className="outbox-bar" {...ariaRole('status')}>
      {outbox.waiting ? (
        <Text className="outbox-bar__count" onClick={onOpenList}>
          {t('outboxWaiting', { count: outbox.waiting })}
        </Text>
      ) : null}
      {outbox.attention ? (
        <Text className="outbox-bar__attention" onClick={onOpenList} {...BUTTON_ROLE}>
          {t('outboxAttention', { count: outbox.attention })}
        </Text>
      ) : null}
      {outbox.waiting ? (
        <View
          className={outbox.sending ? 'outbox-bar__retry outbox-bar__retry--busy' : 'outbox-bar__retry'}
          aria-disabled={outbox.sending ? 'true' : 'false'}
          onClick={outbox.sending ? undefined : onRetry}
          {...BUTTON_ROLE}
        >
          {t('outboxRetry')}
        </View>
      ) : null}
      {outbox.sending ? <Text className="outbox-bar__sending">{t('outboxSending')}</Text> : null}
    </View>
  )
}
