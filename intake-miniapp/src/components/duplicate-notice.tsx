import { Text, View } from '@tarojs/components'
import { useStrings } from '../i18n/language'
import type { DuplicateNotice } from '../register/duplicates'
import { BUTTON_ROLE, ariaRole } from './accessibility'

interface DuplicateNoticeViewProps {
  notice: DuplicateNotice
  kind: 'phone' | 'email'
  onOpen: () => void
  onEdit: () => void
}

/** "Already registered (customer: X), view that customer?" with the way there and the way back to editing.
 * A customer outside the staff member's scope is not named and cannot be opened; when a 409 could not be
 * matched by a lookup, the server's sentence is shown and the customer may still be opened. */
export function DuplicateNoticeView({ notice, kind, onOpen, onEdit }: DuplicateNoticeViewProps) {
  const { t } = useStrings()
  const text =
    notice.name !== null
      ? t(kind === 'phone' ? 'duplicatePhone' : 'duplicateEmail', { name: notice.name })
      : (notice.serverMessage ?? t(kind === 'phone' ? 'duplicatePhoneOutOfScope' : 'duplicateEmailOutOfScope'))
  const canOpen = notice.name !== null || notice.serverMessage !== undefined
  return (
    <View className="duplicate-notice" {...ariaRole('alert')}>
      <Text className="duplicate-notice__text">{text}</Text>
      <View className="duplicate-notice__actions">
        {canOpen ? (
          <View className="duplicate-notice__action duplicate-notice__action--primary" onClick={onOpen} {...BUTTON_ROLE}>
            {t('duplicateOpen')}
          </View>
        ) : null}
        <View className="duplicate-notice__action" onClick={onEdit} {...BUTTON_ROLE}>
          {t('duplicateEdit')}
        </View>
      </View>
    </View>
  )
}
