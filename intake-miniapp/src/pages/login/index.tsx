import { Input, Text, View } from '@tarojs/components'
import Taro, { useRouter } from '@tarojs/taro'
import { useEffect, useState } from 'react'
import { messageForError } from '../../api/error-message'
import { signIn } from '../../auth/auth-actions'
import { readSession } from '../../auth/session'
import { PAGE_HEADING } from '../../components/accessibility'
import { ActionButton } from '../../components/action-button'
import { FormField } from '../../components/form-field'
import { LanguageSwitch } from '../../components/language-switch'
import { useStrings } from '../../i18n/language'
import { goToRegister } from '../../routes'
import './index.css'

interface LoginErrors {
  username?: string
  password?: string
  form?: string
}

export default function LoginPage() {
  const { t } = useStrings()
  const router = useRouter()
  const [username, setUsername] = useState('')
  const [password, setPassword] = useState('')
  const [errors, setErrors] = useState<LoginErrors>({})
  // Kept as a flag rather than a text so that it follows a language switch.
  const [sessionExpired, setSessionExpired] = useState(Boolean(router.params.expired))
  const [busy, setBusy] = useState(false)

  useEffect(() => {
    // Staff who are still signed in go straight to the form.
    if (readSession()) goToRegister()
  }, [])

  useEffect(() => {
    void Taro.setNavigationBarTitle({ title: t('loginTitle') })
  }, [t])

  const submit = async () => {
    const nextErrors: LoginErrors = {}
    if (!username.trim()) nextErrors.username = t('usernameRequired')
    if (!password) nextErrors.password = t('passwordRequired')
    setErrors(nextErrors)
    setSessionExpired(false)
    if (nextErrors.username || nextErrors.password) return

    setBusy(true)
    try {
      await signIn(username.trim(), password)
      goToRegister()
    } catch (error) {
      setErrors({ form: messageForError(error, t) })
      setBusy(false)
    }
  }

  return (
    <View className="page login-page">
      <View className="page__toolbar">
        <LanguageSwitch />
      </View>
      <View className="login-page__brand">{t('appName')}</View>
      <View className="card">
        <View className="card__title" {...PAGE_HEADING}>{t('loginTitle')}</View>
        <View className="card__subtitle">{t('loginSubtitle')}</View>
        <FormField label={t('usernameLabel')} error={errors.username}>
          <Input
            className="text-input"
            value={username}
            placeholder={t('usernamePlaceholder')}
            aria-label={t('usernameLabel')}
            onInput={(event) => setUsername(event.detail.value)}
          />
        </FormField>
        <FormField label={t('passwordLabel')} error={errors.password}>
          <Input
            className="text-input"
            password
            value={password}
            placeholder={t('passwordPlaceholder')}
            aria-label={t('passwordLabel')}
            onInput={(event) => setPassword(event.detail.value)}
            onConfirm={() => void submit()}
          />
        </FormField>
        {errors.form || sessionExpired ? (
          <Text className="form-error" aria-live="polite">
            {errors.form ?? t('sessionExpired')}
          </Text>
        ) : null}
        <ActionButton
          label={t('loginButton')}
          busyLabel={t('loginInProgress')}
          busy={busy}
          onPress={() => void submit()}
        />
      </View>
    </View>
  )
}
