import { Input, Text, View } from '@tarojs/components'
import Taro from '@tarojs/taro'
import { useEffect, useState } from 'react'
import { ApiError, apiRequest } from '../../api/client'
import { messageForError } from '../../api/error-message'
import type { Gender } from '../../api/types'
import { signOut } from '../../auth/auth-actions'
import { readSession } from '../../auth/session'
import { BUTTON_ROLE, PAGE_HEADING, ariaRole } from '../../components/accessibility'
import { ActionButton } from '../../components/action-button'
import { FormField } from '../../components/form-field'
import { LanguageSwitch } from '../../components/language-switch'
import { RegionPicker } from '../../components/region-picker'
import { useStrings } from '../../i18n/language'
import type { StringKey } from '../../i18n/strings'
import {
  EMPTY_CUSTOMER_FORM,
  NAME_MAX_LENGTH,
  TAG_MAX_COUNT,
  TAG_MAX_LENGTH,
  addTag,
  errorsFromServerDetails,
  toCustomerInput,
  toggleTag,
  validateCustomerForm,
  type CustomerField,
  type CustomerFormErrors,
  type CustomerFormState,
  type AddTagResult,
} from '../../register/customer-form'
import { goToLogin, goToSuccess } from '../../routes'
import './index.css'

const GENDER_OPTIONS: ReadonlyArray<{ value: Gender; label: StringKey }> = [
  { value: 'male', label: 'genderMale' },
  { value: 'female', label: 'genderFemale' },
  { value: 'unknown', label: 'genderUnknown' },
]

const PRESET_TAGS: readonly StringKey[] = [
  'tagPresetVip',
  'tagPresetNew',
  'tagPresetReturning',
  'tagPresetInterested',
  'tagPresetFollowUp',
  'tagPresetReferral',
]

export default function RegisterPage() {
  const { t } = useStrings()
  const [session] = useState(readSession)
  const [form, setForm] = useState<CustomerFormState>(EMPTY_CUSTOMER_FORM)
  const [tagDraft, setTagDraft] = useState('')
  const [errors, setErrors] = useState<CustomerFormErrors>({})
  const [busy, setBusy] = useState(false)

  useEffect(() => {
    if (!session) goToLogin()
  }, [session])

  useEffect(() => {
    void Taro.setNavigationBarTitle({ title: t('registerTitle') })
  }, [t])

  const update = <K extends keyof CustomerFormState>(field: K & CustomerField, value: CustomerFormState[K]) => {
    setForm((current) => ({ ...current, [field]: value }))
    // A field's old error no longer applies once it is edited.
    setErrors((current) => ({ ...current, [field]: undefined, form: undefined }))
  }

  const applyTags = (result: AddTagResult): boolean => {
    if ('error' in result) {
      const max = result.error === 'tagTooLong' ? TAG_MAX_LENGTH : TAG_MAX_COUNT
      setErrors((current) => ({ ...current, tags: t(result.error, { max }) }))
      return false
    }
    update('tags', result.tags)
    return true
  }

  const submit = async () => {
    const clientErrors = validateCustomerForm(form, t)
    if (Object.keys(clientErrors).length > 0) {
      setErrors(clientErrors)
      return
    }
    setBusy(true)
    setErrors({})
    try {
      const customer = await apiRequest('post', '/api/customers', { body: toCustomerInput(form) })
      goToSuccess(customer.name)
    } catch (error) {
      setBusy(false)
      if (error instanceof ApiError && error.code === 'VALIDATION_FAILED') {
        setErrors(errorsFromServerDetails(error.details, error.message || t('fixHighlightedFields')))
      } else if (!(error instanceof ApiError && error.code === 'UNAUTHENTICATED')) {
        setErrors({ form: messageForError(error, t) })
      }
    }
  }

  const presetLabels = PRESET_TAGS.map((key) => t(key))
  const customTags = form.tags.filter((tag) => !presetLabels.includes(tag))

  return (
    <View className="page register-page">
      <View className="page__toolbar">
        {session ? <Text className="page__account">{t('signedInAs', { name: session.user.displayName })}</Text> : null}
        <LanguageSwitch />
        <Text className="page__link" onClick={() => void signOut()} {...BUTTON_ROLE}>
          {t('logout')}
        </Text>
      </View>
      <View className="card">
        <View className="card__title" {...PAGE_HEADING}>{t('registerTitle')}</View>

        <FormField label={t('nameLabel')} required error={errors.name}>
          <Input
            className="text-input"
            value={form.name}
            maxlength={NAME_MAX_LENGTH}
            placeholder={t('namePlaceholder')}
            aria-label={t('nameLabel')}
            onInput={(event) => update('name', event.detail.value)}
          />
        </FormField>

        <FormField label={t('genderLabel')} error={errors.gender}>
          <View className="chip-row" {...ariaRole('radiogroup')} aria-label={t('genderLabel')}>
            {GENDER_OPTIONS.map((option) => {
              const selected = form.gender === option.value
              return (
                <View
                  key={option.value}
                  className={selected ? 'chip chip--selected' : 'chip'}
                  {...ariaRole('radio')}
                  aria-checked={selected ? 'true' : 'false'}
                  onClick={() => update('gender', option.value)}
                >
                  {t(option.label)}
                </View>
              )
            })}
          </View>
        </FormField>

        <FormField label={t('phoneLabel')} error={errors.phone}>
          <Input
            className="text-input"
            type="number"
            maxlength={11}
            value={form.phone}
            placeholder={t('phonePlaceholder')}
            aria-label={t('phoneLabel')}
            onInput={(event) => update('phone', event.detail.value)}
          />
        </FormField>

        <FormField label={t('regionLabel')} error={errors.region}>
          <RegionPicker
            value={form.region}
            placeholder={t('regionPlaceholder')}
            onChange={(selection) => update('region', selection)}
          />
        </FormField>

        <FormField label={t('tagsLabel')} error={errors.tags}>
          <View className="chip-row">
            {[...presetLabels, ...customTags].map((tag) => {
              const selected = form.tags.includes(tag)
              return (
                <View
                  key={tag}
                  className={selected ? 'chip chip--selected' : 'chip'}
                  {...ariaRole('checkbox')}
                  aria-checked={selected ? 'true' : 'false'}
                  onClick={() => applyTags(toggleTag(form.tags, tag))}
                >
                  {tag}
                </View>
              )
            })}
          </View>
          <View className="tag-entry">
            <Input
              className="text-input tag-entry__input"
              value={tagDraft}
              maxlength={TAG_MAX_LENGTH}
              placeholder={t('tagInputPlaceholder')}
              aria-label={t('tagInputPlaceholder')}
              onInput={(event) => setTagDraft(event.detail.value)}
              onConfirm={() => applyTags(addTag(form.tags, tagDraft)) && setTagDraft('')}
            />
            <View
              className="tag-entry__add"
              onClick={() => applyTags(addTag(form.tags, tagDraft)) && setTagDraft('')}
              {...BUTTON_ROLE}
            >
              {t('tagAdd')}
            </View>
          </View>
        </FormField>

        {errors.form ? (
          <Text className="form-error" aria-live="polite">
            {errors.form}
          </Text>
        ) : null}
        <ActionButton
          label={t('submitButton')}
          busyLabel={t('submitInProgress')}
          busy={busy}
          onPress={() => void submit()}
        />
      </View>
    </View>
  )
}
