import { Text, View } from '@tarojs/components'
import Taro from '@tarojs/taro'
import { useCallback, useEffect, useRef, useState } from 'react'
import { apiRequest } from '../../api/client'
import { messageForError } from '../../api/error-message'
import type { WechatStatus } from '../../api/types'
import { signOut } from '../../auth/auth-actions'
import { readSession } from '../../auth/session'
import { storeNameOf } from '../../auth/user'
import { RUNS_IN_WECHAT, wechatLoginCode } from '../../auth/wechat'
import { BackToolbar } from '../../components/back-toolbar'
import { BUTTON_ROLE, PAGE_HEADING, SECTION_HEADING } from '../../components/accessibility'
import { ActionButton } from '../../components/action-button'
import { LanguageSwitch } from '../../components/language-switch'
import { useStrings } from '../../i18n/language'
import { localDateString } from '../../register/customer-form'
import { goToLogin } from '../../routes'

type WechatState = { status: 'loading' } | { status: 'failed'; message: string } | { status: 'ready'; wechat: WechatStatus }

export default function AccountPage() {
  const { t } = useStrings()
  const [session] = useState(readSession)
  const [wechat, setWechat] = useState<WechatState>({ status: 'loading' })
  const [busy, setBusy] = useState(false)
  // Read through a ref, so that a language switch does not look the binding up again.
  const translate = useRef(t)
  translate.current = t

  useEffect(() => {
    if (!session) goToLogin()
  }, [session])

  useEffect(() => {
    void Taro.setNavigationBarTitle({ title: t('accountTitle') })
  }, [t])

  const loadWechat = useCallback(async () => {
    try {
      setWechat({ status: 'ready', wechat: await apiRequest('get', '/api/me/wechat', {}) })
    } catch (error) {
      setWechat({ status: 'failed', message: messageForError(error, translate.current) })
    }
  }, [])

  useEffect(() => {
    // Binding needs wx.login, so it is only looked up inside WeChat.
    if (session && RUNS_IN_WECHAT) void loadWechat()
  }, [session, loadWechat])

  const bind = async () => {
    setBusy(true)
    try {
      const code = await wechatLoginCode()
      setWechat({ status: 'ready', wechat: await apiRequest('post', '/api/me/wechat', { body: { code } }) })
      void Taro.showToast({ title: t('wechatBindDone'), icon: 'success' })
    } catch (error) {
      void Taro.showModal({ title: t('wechatSection'), content: messageForError(error, t), showCancel: false, confirmText: t('dialogConfirm') })
    } finally {
      setBusy(false)
    }
  }

  const unbind = async () => {
    const answer = await Taro.showModal({
      title: t('wechatUnbind'),
      content: t('wechatUnbindConfirm'),
      confirmText: t('dialogConfirm'),
      cancelText: t('dialogCancel'),
    })
    if (!answer.confirm) return
    setBusy(true)
    try {
      await apiRequest('delete', '/api/me/wechat', {})
      await loadWechat()
      void Taro.showToast({ title: t('wechatUnbindDone'), icon: 'success' })
    } catch (error) {
      void Taro.showToast({ title: messageForError(error, t), icon: 'none' })
    } finally {
      setBusy(false)
    }
  }

  if (!session) return <View className="page" />
  const { user } = session
  const rows: Array<[string, string]> = [
    [t('accountName'), user.displayName],
    [t('accountUsername'), user.username],
    [t('accountStore'), storeNameOf(user) ?? '—'],
    [t('accountRole'), user.roleName],
  ]

  return (
    <View className="page account-page">
      <BackToolbar>
        <LanguageSwitch />
      </BackToolbar>
      <View className="card">
        <View className="card__title" {...PAGE_HEADING}>{t('accountTitle')}</View>
        {rows.map(([label, value]) => (
          <View key={label} className="info-row">
            <Text className="info-row__label">{label}</Text>
            <Text>{value}</Text>
          </View>
        ))}

        <View className="section-title" {...SECTION_HEADING}>{t('wechatSection')}</View>
        {!RUNS_IN_WECHAT ? <View className="field__hint">{t('wechatH5Hint')}</View> : null}
        {RUNS_IN_WECHAT && wechat.status === 'failed' ? (
          <View className="field__hint" onClick={() => void loadWechat()} {...BUTTON_ROLE}>
            {`${wechat.message} · ${t('loadFailedRetry')}`}
          </View>
        ) : null}
        {RUNS_IN_WECHAT && wechat.status === 'ready' && !wechat.wechat.available ? (
          <View className="field__hint">{t('wechatUnavailable')}</View>
        ) : null}
        {RUNS_IN_WECHAT && wechat.status === 'ready' && wechat.wechat.available ? (
          <View>
            <View className="field__hint">
              {wechat.wechat.bound
                ? t('wechatBound', { date: wechat.wechat.boundAt ? localDateString(new Date(wechat.wechat.boundAt)) : '—' })
                : t('wechatNotBound')}
            </View>
            {wechat.wechat.bound ? (
              <ActionButton variant="secondary" label={t('wechatUnbind')} busy={busy} onPress={() => void unbind()} />
            ) : (
              <ActionButton label={t('wechatBind')} busyLabel={t('wechatBindInProgress')} busy={busy} onPress={() => void bind()} />
            )}
          </View>
        ) : null}

        <ActionButton variant="secondary" label={t('logout')} onPress={() => void signOut()} />
      </View>
    </View>
  )
}
