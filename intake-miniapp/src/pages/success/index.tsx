import { View } from '@tarojs/components'
import Taro, { useRouter } from '@tarojs/taro'
import { useEffect } from 'react'
import { PAGE_HEADING } from '../../components/accessibility'
import { ActionButton } from '../../components/action-button'
import { useStrings } from '../../i18n/language'
import { goToRegister, goToRegistrations } from '../../routes'
import './index.css'

/** Page parameters arrive still URL-encoded, in WeChat and in Taro's H5 router alike. */
function readNameParam(raw: string | undefined): string {
  if (!raw) return ''
  try {
    return decodeURIComponent(raw)
  } catch {
    return raw
  }
}

export default function SuccessPage() {
  const { t } = useStrings()
  const router = useRouter()
  const name = readNameParam(router.params.name)

  useEffect(() => {
    void Taro.setNavigationBarTitle({ title: t('successTitle') })
  }, [t])

  return (
    <View className="page success-page">
      <View className="card success-page__card">
        <View className="success-page__mark">✓</View>
        <View className="card__title" {...PAGE_HEADING}>{t('successTitle')}</View>
        {name ? <View className="success-page__message">{t('successMessage', { name })}</View> : null}
        <ActionButton label={t('registerAnother')} onPress={goToRegister} />
        <ActionButton variant="secondary" label={t('myRegistrations')} onPress={goToRegistrations} />
      </View>
    </View>
  )
}
