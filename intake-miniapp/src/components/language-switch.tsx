import { Text } from '@tarojs/components'
import { useStrings } from '../i18n/language'
import { BUTTON_ROLE } from './accessibility'

/** Switches between Chinese and English; the label names the language it switches to. */
export function LanguageSwitch() {
  const { t, toggleLanguage } = useStrings()
  return (
    <Text className="language-switch" onClick={toggleLanguage} {...BUTTON_ROLE}>
      {t('switchLanguage')}
    </Text>
  )
}
