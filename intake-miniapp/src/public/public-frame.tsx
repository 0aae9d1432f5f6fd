import { Text, View } from '@tarojs/components'
import type { ReactNode } from 'react'
import { PAGE_HEADING, ariaRole } from '../components/accessibility'
import { ActionButton } from '../components/action-button'
import { LanguageSwitch } from '../components/language-switch'
import { useStrings } from '../i18n/language'
import type { PublicFormSession } from './form-session'
import { publicErrorMessage } from './public-errors'
import type { PublicFormState } from './use-public-form'
import './public.css'

interface PublicFrameProps {
  state: PublicFormState
  onRetry: () => void
  children: (session: PublicFormSession) => ReactNode
}

/** What every customer page shows around its form: the language switch, and instead of the form a loading
 * line, the "ask for a new code" message for a dead channel, or a retry after a failed load. */
export function PublicFrame({ state, onRetry, children }: PublicFrameProps) {
  const { t } = useStrings()
  return (
    <View className="page public-page">
      <View className="page__toolbar">
        <LanguageSwitch />
      </View>
      {state.status === 'ready' ? children(state.session) : null}
      {state.status === 'loading' ? <View className="public-page__status">{t('publicLoading')}</View> : null}
      {state.status === 'dead' ? (
        <View className="card public-page__notice">
          <View className="public-page__mark public-page__mark--warning">!</View>
          <View className="card__title" {...PAGE_HEADING}>{t('publicChannelDeadTitle')}</View>
          <View className="public-page__message" {...ariaRole('alert')}>{t('publicChannelDead')}</View>
        </View>
      ) : null}
      {state.status === 'failed' ? (
        <View className="card public-page__notice">
          <Text className="public-page__message" {...ariaRole('alert')}>{publicErrorMessage(state.error, t)}</Text>
          <ActionButton label={t('publicRetry')} onPress={onRetry} />
        </View>
      ) : null}
    </View>
  )
}
