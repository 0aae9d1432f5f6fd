import { Input, View } from '@tarojs/components'
import Taro, { useRouter } from '@tarojs/taro'
import { useEffect, useState, type ReactNode } from 'react'
import { ApiError } from '../../api/client'
import { messageForError } from '../../api/error-message'
import { signIn, signInWithWechat, verifyCode, wechatSignInOffered } from '../../auth/auth-actions'
import type { SignInStep } from '../../auth/sign-in-steps'
import { readSession } from '../../auth/session'
import { FormError } from '../../components/form-error'
import { BUTTON_ROLE, PAGE_HEADING } from '../../components/accessibility'
import { ActionButton } from '../../components/action-button'
import { FormField } from '../../components/form-field'
import { LanguageSwitch } from '../../components/language-switch'
import { useStrings } from '../../i18n/language'
import { goToRegister } from '../../routes'
import './index.css'

interface LoginErrors {
  username?: string
  password?: string
  code?: string
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
  // Set after a right password on an account with two-factor authentication: the code step is shown.
  const [challengeToken, setChallengeToken] = useState<string>()
  const [code, setCode] = useState('')
  const [wechatOffered, setWechatOffered] = useState(false)

  useEffect(() => {
    // Staff who are still signed in go straight to the form.
    if (readSession()) goToRegister()
  }, [])

  useEffect(() => {
    // Asked in the background: the password sign-in is usable at once whatever the answer.
    let current = true
    void wechatSignInOffered().then((offered) => current && setWechatOffered(offered))
    return () => {
      current = false
    }
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
      follow(await signIn(username.trim(), password))
    } catch (error) {
      setErrors({ form: messageForError(error, t) })
      setBusy(false)
    }
  }

  const submitWechat = async () => {
    setErrors({})
    setSessionExpired(false)
    setBusy(true)
    try {
      follow(await signInWithWechat())
    } catch (error) {
      setBusy(false)
      if (error instanceof ApiError && error.code === 'WECHAT_NOT_BOUND') setErrors({ form: t('wechatNotBoundLogin') })
      else setErrors({ form: error instanceof ApiError ? messageForError(error, t) : t('wechatFailed') })
    }
  }

  const follow = (step: SignInStep) => {
    switch (step.kind) {
      case 'signedIn':
        goToRegister()
        return
      case 'code':
        setChallengeToken(step.challengeToken)
        setCode('')
        break
      case 'setupRequired':
        setErrors({ form: t('mfaSetupRequired') })
        break
      case 'passwordChangeRequired':
        setErrors({ form: t('passwordChangeRequired') })
        break
    }
    setBusy(false)
  }

  const submitCode = async () => {
    if (!challengeToken) return
    if (!code.trim()) {
      setErrors({ code: t('mfaCodeRequired') })
      return
    }
    setErrors({})
    setBusy(true)
    try {
      follow(await verifyCode(challengeToken, code))
    } catch (error) {
      // An expired challenge (5 minutes) needs the password again.
      if (error instanceof ApiError && error.code === 'MFA_CHALLENGE_EXPIRED') setChallengeToken(undefined)
      setErrors({ form: messageForError(error, t) })
      setBusy(false)
    }
  }

  const backToPassword = () => {
    setChallengeToken(undefined)
    setErrors({})
  }

  if (challengeToken) {
    return (
      <LoginCard title={t('mfaTitle')} subtitle={t('mfaSubtitle')}>
          <FormField label={t('mfaCodeLabel')} error={errors.code}>
            <Input
              className="text-input"
              value={code}
              placeholder={t('mfaCodePlaceholder')}
              aria-label={t('mfaCodeLabel')}
              onInput={(event) => setCode(event.detail.value)}
              onConfirm={() => void submitCode()}
            />
          </FormField>
          <FormError message={errors.form} />
          <ActionButton label={t('mfaButton')} busyLabel={t('mfaInProgress')} busy={busy} onPress={() => void submitCode()} />
          <View className="login-page__back" onClick={backToPassword} {...BUTTON_ROLE}>
            {t('mfaBack')}
          </View>
      </LoginCard>
    )
  }

  return (
    <LoginCard title={t('loginTitle')} subtitle={t('loginSubtitle')}>
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
        <FormError message={errors.form ?? (sessionExpired ? t('sessionExpired') : undefined)} />
        <ActionButton
          label={t('loginButton')}
          busyLabel={t('loginInProgress')}
          busy={busy}
          onPress={() => void submit()}
        />
        {wechatOffered ? (
          <ActionButton
            variant="secondary"
            label={t('wechatLogin')}
            busyLabel={t('wechatLoginInProgress')}
            busy={busy}
            onPress={() => void submitWechat()}
          />
        ) : null}
    </LoginCard>
  )
}

/** The frame both sign-in steps share: language switch, brand, and a card with the step's title. */
function LoginCard(props: { title: string; subtitle: string; children: ReactNode }) {
  const { t } = useStrings()
  return (
    <View className="page login-page">
      <View className="page__toolbar">
        <LanguageSwitch />
      </View>
      <View className="login-page__brand">{t('appName')}</View>
      <View className="card">
        <View className="card__title" {...PAGE_HEADING}>{props.title}</View>
        <View className="card__subtitle">{props.subtitle}</View>
        {props.children}
      </View>
    </View>
  )
}
