import { Text, View } from '@tarojs/components'
import type { ReactNode } from 'react'
import { useStrings } from '../i18n/language'
import { goBackOrRegister } from '../routes'
import { BUTTON_ROLE } from './accessibility'

/** The toolbar of a page opened from the register page: the way back on the left, anything else on the right. */
export function BackToolbar({ children }: { children?: ReactNode }) {
  const { t } = useStrings()
  return (
    <View className="page__toolbar">
      <Text className="page__link" onClick={goBackOrRegister} {...BUTTON_ROLE}>
        {t('goBack')}
      </Text>
      <Text className="page__account" />
      {children}
    </View>
  )
}
