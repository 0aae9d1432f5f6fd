import { View } from '@tarojs/components'
import Taro, { useRouter } from '@tarojs/taro'
import { useEffect } from 'react'
import { PAGE_HEADING } from '../../components/accessibility'
import { LanguageSwitch } from '../../components/language-switch'
import { useStrings } from '../../i18n/language'
import '../../public/public.css'

/** Page parameters arrive still URL-encoded, in WeChat and in Taro's H5 router alike. */
function readParam(raw: string | undefined): string {
  if (!raw) return ''
  try {
    return decodeURIComponent(raw)
  } catch {
    return raw
  }
}

/** Where a customer lands after sending feedback (`kind=feedback&number=`) or registering (`kind=join`). */
export default function ThanksPage() {
  const { t } = useStrings()
  const router = useRouter()
  const isJoin = router.params.kind === 'join'
  const number = readParam(router.params.number)
  const title = t(isJoin ? 'thanksJoinTitle' : 'thanksFeedbackTitle')

  useEffect(() => {
    void Taro.setNavigationBarTitle({ title })
  }, [title])

  return (
    <View className="page public-page">
      <View className="page__toolbar">
        <LanguageSwitch />
      </View>
      <View className="card public-page__notice">
        <View className="public-page__mark">✓</View>
        <View className="card__title" {...PAGE_HEADING}>{title}</View>
        {!isJoin && number ? <View className="public-page__message">{t('thanksFeedbackNumber', { number })}</View> : null}
        <View className="public-page__note">{t(isJoin ? 'thanksJoinNote' : 'thanksFeedbackNote')}</View>
      </View>
    </View>
  )
}
