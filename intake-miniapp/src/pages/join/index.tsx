import { Input, View } from '@tarojs/components'
import Taro from '@tarojs/taro'
import { useEffect, useRef, useState } from 'react'
import { ApiError } from '../../api/client'
import { FormError } from '../../components/form-error'
import { PAGE_HEADING } from '../../components/accessibility'
import { ActionButton } from '../../components/action-button'
import { FormField } from '../../components/form-field'
import { useStrings } from '../../i18n/language'
import { ConsentCheck } from '../../components/consent-check'
import { isDeadChannel, type PublicFormSession } from '../../public/form-session'
import {
  JOIN_NAME_MAX_LENGTH,
  emptyJoinForm,
  joinErrorsFromDetails,
  validateJoinForm,
  type JoinFormErrors,
  type JoinFormState,
} from '../../public/join-form'
import { PHONE_INPUT_PROPS } from '../../public/phone-input-props'
import { PublicFrame } from '../../public/public-frame'
import { publicErrorMessage } from '../../public/public-errors'
import { SubmissionKey } from '../../public/submission-key'
import { sendRegistration } from '../../public/submissions'
import { usePublicForm } from '../../public/use-public-form'
import { goToThanks } from '../../routes'

const PHONE_MAX_LENGTH = 20

export default function JoinPage() {
  const { t } = useStrings()
  const [state, retry, markDead] = usePublicForm('self_register')

  useEffect(() => {
    void Taro.setNavigationBarTitle({ title: t('joinTitle') })
  }, [t])

  return (
    <PublicFrame state={state} onRetry={retry}>
      {(session) => <JoinForm session={session} onChannelDead={markDead} />}
    </PublicFrame>
  )
}

function JoinForm({ session, onChannelDead }: { session: PublicFormSession; onChannelDead: () => void }) {
  const { t } = useStrings()
  const [form, setForm] = useState<JoinFormState>(emptyJoinForm)
  const [errors, setErrors] = useState<JoinFormErrors>({})
  const [busy, setBusy] = useState(false)
  const submissionKey = useRef(new SubmissionKey())

  const update = <K extends keyof JoinFormState>(field: K, value: JoinFormState[K]) => {
    setForm((current) => ({ ...current, [field]: value }))
    setErrors((current) => ({ ...current, [field]: undefined, form: undefined }))
  }

  const submit = async () => {
    const clientErrors = validateJoinForm(form, t)
    if (Object.keys(clientErrors).length > 0) {
      setErrors({ ...clientErrors, form: t('fixHighlightedFields') })
      return
    }
    // Made when the customer presses submit; pressing again after a failure sends the same key.
    const idempotencyKey = submissionKey.current.keyFor(form)
    setBusy(true)
    setErrors({})
    try {
      await sendRegistration(session, idempotencyKey, form)
      submissionKey.current.settle()
      goToThanks('join')
    } catch (error) {
      setBusy(false)
      if (isDeadChannel(error)) onChannelDead()
      else if (error instanceof ApiError && error.code === 'VALIDATION_FAILED') {
        setErrors(joinErrorsFromDetails(error.details, t('fixHighlightedFields')))
      } else setErrors({ form: publicErrorMessage(error, t) })
    }
  }

  return (
    <View className="card">
      <View className="card__title" {...PAGE_HEADING}>{t('joinTitle')}</View>
      <View className="public-page__target">{t('joinStore', { store: session.channel.storeName })}</View>

      <FormField label={t('nameLabel')} required error={errors.name}>
        <Input
          className="text-input"
          value={form.name}
          maxlength={JOIN_NAME_MAX_LENGTH}
          placeholder={t('joinNamePlaceholder')}
          aria-label={t('nameLabel')}
          onInput={(event) => update('name', event.detail.value)}
        />
      </FormField>
      <FormField label={t('joinPhoneLabel')} required error={errors.phone}>
        <Input
          className="text-input"
          {...PHONE_INPUT_PROPS}
          maxlength={PHONE_MAX_LENGTH}
          value={form.phone}
          placeholder={t('phonePlaceholder')}
          aria-label={t('joinPhoneLabel')}
          onInput={(event) => update('phone', event.detail.value)}
        />
      </FormField>

      <View className="privacy-notice">{t('joinPrivacyNotice')}</View>
      <ConsentCheck label={t('joinConsent')} checked={form.consent} error={errors.consent} onToggle={() => update('consent', !form.consent)} />

      <FormError message={errors.form} />
      <ActionButton label={t('joinSubmit')} busyLabel={t('submitInProgress')} busy={busy} onPress={() => void submit()} />
    </View>
  )
}
