import { Input, Text, View } from '@tarojs/components'
import Taro from '@tarojs/taro'
import { useCallback, useEffect, useRef, useState } from 'react'
import { ApiError, apiRequest } from '../../api/client'
import { messageForError } from '../../api/error-message'
import type { Gender, Tag } from '../../api/types'
import { useRemote } from '../../api/use-remote'
import { signOut } from '../../auth/auth-actions'
import { readSession } from '../../auth/session'
import { BUTTON_ROLE, PAGE_HEADING, SECTION_HEADING, ariaRole } from '../../components/accessibility'
import { ActionButton } from '../../components/action-button'
import { BirthdayPicker } from '../../components/birthday-picker'
import { ChoiceChips, type Choice } from '../../components/choice-chips'
import { DuplicateNoticeView } from '../../components/duplicate-notice'
import { FormField } from '../../components/form-field'
import { GroupPicker } from '../../components/group-picker'
import { LanguageSwitch } from '../../components/language-switch'
import { PhoneList } from '../../components/phone-list'
import { RegionPicker } from '../../components/region-picker'
import { TagChooser } from '../../components/tag-chooser'
import { useStrings } from '../../i18n/language'
import { STRINGS, type StringKey } from '../../i18n/strings'
import {
  EMAIL_MAX_LENGTH,
  NAME_MAX_LENGTH,
  PHONE_MAX_COUNT,
  TAG_MAX_COUNT,
  TAG_MAX_LENGTH,
  TEXT_MAX_LENGTHS,
  addTypedTag,
  emptyCustomerForm,
  emailError,
  emptyPhoneRow,
  errorsFromServerDetails,
  localDateString,
  phoneForRequest,
  phoneRowError,
  phoneRowKey,
  toCustomerPayload,
  toggleTagId,
  validateCustomerForm,
  withoutPhoneRow,
  type CustomerField,
  type CustomerFormErrors,
  type CustomerFormState,
  type FormSlot,
  type FreeTextField,
  type PhoneRow,
  type TagChange,
} from '../../register/customer-form'
import { duplicateSlotsFromConflict, noticeFromMatches, type DuplicateNotice, type DuplicateNotices } from '../../register/duplicates'
import { groupOptions } from '../../register/group-options'
import { openExistingCustomer } from '../../register/open-customer'
import { goToLogin, goToSuccess } from '../../routes'
import './index.css'

const GENDER_CHOICES: ReadonlyArray<{ value: Gender; label: StringKey }> = [
  { value: 'male', label: 'genderMale' },
  { value: 'female', label: 'genderFemale' },
  { value: 'unknown', label: 'genderUnknown' },
]

const INDUSTRY_PRESETS: readonly StringKey[] = [
  'industryRetail',
  'industryCatering',
  'industryEducation',
  'industryHealthcare',
  'industryManufacturing',
  'industryInternet',
  'industryFinance',
  'industryRealEstate',
]

/** Source defaults in every language: one that is still untouched follows a language switch. */
const DEFAULT_SOURCES = new Set(Object.values(STRINGS).map((strings) => strings.sourceDefault))

const loadTags = async (): Promise<Tag[]> => (await apiRequest('get', '/api/tags', {})).items
const loadGroupOptions = async () => groupOptions((await apiRequest('get', '/api/groups', {})).items)

type DuplicateQuery = { phone: string } | { email: string }

/** Who already has this phone or email; undefined when nobody does or the lookup failed (the server
 * checks again on submit). */
async function findDuplicate(query: DuplicateQuery): Promise<DuplicateNotice | undefined> {
  try {
    const result = await apiRequest('get', '/api/customers/duplicates', { query })
    return noticeFromMatches(result.matches)
  } catch {
    return undefined
  }
}

/** The duplicate lookups for what the form would send, by where their notices are shown. */
function duplicateQueries(form: CustomerFormState): Array<[FormSlot, DuplicateQuery]> {
  const queries: Array<[FormSlot, DuplicateQuery]> = []
  form.phones.forEach((row, index) => {
    if (row.number.trim()) queries.push([phoneRowKey(index), { phone: phoneForRequest(row) }])
  })
  if (form.email.trim()) queries.push(['email', { email: form.email.trim() }])
  return queries
}

export default function RegisterPage() {
  const { t } = useStrings()
  const [session] = useState(readSession)
  const [form, setForm] = useState<CustomerFormState>(() => emptyCustomerForm(t('sourceDefault')))
  const [errors, setErrors] = useState<CustomerFormErrors>({})
  const [notices, setNotices] = useState<DuplicateNotices>({})
  const [focusedSlot, setFocusedSlot] = useState<FormSlot | undefined>()
  const [busy, setBusy] = useState(false)
  const [today] = useState(() => localDateString(new Date()))
  const [tags, retryTags] = useRemote(loadTags)
  const [groups, retryGroups] = useRemote(loadGroupOptions)
  // Lookups answer after the staff member may have typed on; they compare against the latest form.
  const latestForm = useRef(form)
  latestForm.current = form

  useEffect(() => {
    if (!session) goToLogin()
  }, [session])

  useEffect(() => {
    void Taro.setNavigationBarTitle({ title: t('registerTitle') })
    setForm((current) => (DEFAULT_SOURCES.has(current.source) ? { ...current, source: t('sourceDefault') } : current))
  }, [t])

  const clearSlots = (...slots: FormSlot[]) => {
    // A field's old error and duplicate notice no longer apply once it is edited.
    setErrors((current) => {
      const next: CustomerFormErrors = { ...current, form: undefined }
      for (const slot of slots) delete next[slot]
      return next
    })
    setNotices((current) => {
      const next = { ...current }
      for (const slot of slots) delete next[slot]
      return next
    })
  }

  const update = <K extends keyof CustomerFormState>(field: K, value: CustomerFormState[K], slot?: CustomerField) => {
    setForm((current) => ({ ...current, [field]: value }))
    clearSlots(slot ?? (field as CustomerField))
  }

  const applyTagChange = (change: TagChange): boolean => {
    if ('error' in change) {
      const max = change.error === 'tagTooLong' ? TAG_MAX_LENGTH : TAG_MAX_COUNT
      setErrors((current) => ({ ...current, tags: t(change.error, { max }) }))
      return false
    }
    setForm((current) => ({ ...current, tagIds: change.tagIds, newTags: change.newTags }))
    clearSlots('tags')
    return true
  }

  const changePhoneRow = (index: number, row: PhoneRow) => {
    setForm((current) => ({ ...current, phones: current.phones.map((existing, at) => (at === index ? row : existing)) }))
    clearSlots(phoneRowKey(index))
  }

  const addPhoneRow = () => {
    setForm((current) =>
      current.phones.length >= PHONE_MAX_COUNT ? current : { ...current, phones: [...current.phones, emptyPhoneRow()] },
    )
  }

  const removePhoneRow = (index: number) => {
    setForm((current) => ({ ...current, phones: current.phones.filter((_row, at) => at !== index) }))
    setErrors((current) => withoutPhoneRow(current, index))
    setNotices((current) => withoutPhoneRow(current, index))
    setFocusedSlot(undefined)
  }

  /** Looks the phone or email up when the staff member leaves it, so a known customer shows before submitting. */
  const checkWhenLeft = useCallback(
    async (slot: FormSlot, readValue: (current: CustomerFormState) => string | undefined, query: DuplicateQuery | undefined) => {
      setFocusedSlot(undefined)
      if (!query) return
      const typed = readValue(latestForm.current)
      const notice = await findDuplicate(query)
      if (readValue(latestForm.current) !== typed) return
      setNotices((current) => {
        const next = { ...current }
        if (notice) next[slot] = notice
        else delete next[slot]
        return next
      })
    },
    [],
  )

  const leavePhoneRow = (index: number) => {
    const row = form.phones[index]
    const worthChecking = row && row.number.trim() && !phoneRowError(row, t)
    void checkWhenLeft(phoneRowKey(index), (current) => current.phones[index]?.number, worthChecking ? { phone: phoneForRequest(row) } : undefined)
  }

  const leaveEmail = () => {
    const email = form.email.trim()
    const worthChecking = email && !emailError(email, t)
    void checkWhenLeft('email', (current) => current.email, worthChecking ? { email } : undefined)
  }

  const editDuplicate = (slot: FormSlot) => {
    setNotices((current) => {
      const next = { ...current }
      delete next[slot]
      return next
    })
    setFocusedSlot(slot)
  }

  /** Every phone and email of the form looked up at once; true when any belongs to a customer already. */
  const showDuplicatesBeforeSubmit = async (): Promise<boolean> => {
    const found = await Promise.all(duplicateQueries(form).map(async ([slot, query]) => [slot, await findDuplicate(query)] as const))
    const known: DuplicateNotices = {}
    for (const [slot, notice] of found) if (notice) known[slot] = notice
    setNotices(known)
    return Object.keys(known).length > 0
  }

  /** A 409 CUSTOMER_DUPLICATE names the field and the customer's id; the lookup adds the name. */
  const showDuplicatesFromConflict = async (error: ApiError, phoneRows: number[]) => {
    const queries = new Map(duplicateQueries(form))
    const known: DuplicateNotices = {}
    for (const { slot, customerId, message } of duplicateSlotsFromConflict(error.details, phoneRows)) {
      const query = queries.get(slot)
      const looked = query ? await findDuplicate(query) : undefined
      // Without a confirming lookup nothing is known about the scope: the server's sentence is shown.
      known[slot] = looked?.customerId === customerId ? looked : { customerId, name: null, serverMessage: message }
    }
    setNotices(known)
    setErrors({ form: Object.keys(known).length ? t('resolveDuplicates') : error.message || t('unexpectedError') })
  }

  const submit = async () => {
    const clientErrors = validateCustomerForm(form, t)
    if (Object.keys(clientErrors).length > 0) {
      setErrors({ ...clientErrors, form: t('fixHighlightedFields') })
      return
    }
    setBusy(true)
    setErrors({})
    const { body, phoneRows } = toCustomerPayload(form)
    if (await showDuplicatesBeforeSubmit()) {
      setErrors({ form: t('resolveDuplicates') })
      setBusy(false)
      return
    }
    try {
      const customer = await apiRequest('post', '/api/customers', { body })
      goToSuccess(customer.name)
    } catch (error) {
      setBusy(false)
      if (!(error instanceof ApiError)) setErrors({ form: messageForError(error, t) })
      else if (error.code === 'VALIDATION_FAILED') {
        // Details that belong to no field (or none at all) keep the server's own sentence as the form error.
        const fieldErrors = errorsFromServerDetails(error.details, phoneRows, error.message || t('fixHighlightedFields'))
        setErrors({ form: t('fixHighlightedFields'), ...fieldErrors })
      } else if (error.code === 'CUSTOMER_DUPLICATE') await showDuplicatesFromConflict(error, phoneRows)
      else if (error.code !== 'UNAUTHENTICATED') setErrors({ form: messageForError(error, t) })
    }
  }

  const industryChoices: ReadonlyArray<Choice<StringKey>> = INDUSTRY_PRESETS.map((key) => ({ value: key, label: t(key) }))
  const chosenIndustry = INDUSTRY_PRESETS.find((key) => t(key) === form.industry)
  const emailNotice = notices.email

  const textInput = (field: Exclude<FreeTextField, 'industry'>, label: StringKey, placeholder: StringKey | undefined) => (
    <FormField label={t(label)} error={errors[field]}>
      <Input
        className="text-input"
        value={form[field]}
        maxlength={TEXT_MAX_LENGTHS[field]}
        placeholder={placeholder ? t(placeholder) : undefined}
        aria-label={t(label)}
        onInput={(event) => update(field, event.detail.value)}
      />
    </FormField>
  )

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

        <View className="section-title" {...SECTION_HEADING}>{t('sectionBasics')}</View>
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
          <ChoiceChips
            label={t('genderLabel')}
            choices={GENDER_CHOICES.map((choice) => ({ value: choice.value, label: t(choice.label) }))}
            selected={form.gender}
            onSelect={(gender) => update('gender', gender ?? 'unknown')}
          />
        </FormField>

        <View className="section-title" {...SECTION_HEADING}>{t('sectionContact')}</View>
        <FormField label={t('phonesLabel')}>
          <PhoneList
            rows={form.phones}
            errors={errors}
            notices={notices}
            focusedRow={focusedSlot?.startsWith('phones.') ? Number(focusedSlot.slice('phones.'.length)) : undefined}
            onChangeRow={changePhoneRow}
            onLeaveRow={leavePhoneRow}
            onAdd={addPhoneRow}
            onRemove={removePhoneRow}
            onOpenDuplicate={(notice) => void openExistingCustomer(notice, t)}
            onEditDuplicate={(index) => editDuplicate(phoneRowKey(index))}
          />
        </FormField>

        <FormField label={t('emailLabel')} error={errors.email}>
          <Input
            className="text-input"
            type="text"
            value={form.email}
            maxlength={EMAIL_MAX_LENGTH}
            focus={focusedSlot === 'email'}
            placeholder={t('emailPlaceholder')}
            aria-label={t('emailLabel')}
            onInput={(event) => update('email', event.detail.value)}
            onBlur={leaveEmail}
          />
          {emailNotice ? (
            <DuplicateNoticeView
              notice={emailNotice}
              kind="email"
              onOpen={() => void openExistingCustomer(emailNotice, t)}
              onEdit={() => editDuplicate('email')}
            />
          ) : null}
        </FormField>

        <View className="section-title" {...SECTION_HEADING}>{t('sectionProfile')}</View>
        <FormField label={t('birthdayLabel')} error={errors.birthday}>
          <BirthdayPicker value={form.birthday} today={today} onChange={(birthday) => update('birthday', birthday)} />
        </FormField>

        {textInput('occupation', 'occupationLabel', 'occupationPlaceholder')}
        {textInput('company', 'companyLabel', 'companyPlaceholder')}

        <FormField label={t('industryLabel')} error={errors.industry}>
          <Input
            className="text-input"
            value={form.industry}
            maxlength={TEXT_MAX_LENGTHS.industry}
            placeholder={t('industryPlaceholder')}
            aria-label={t('industryLabel')}
            onInput={(event) => update('industry', event.detail.value)}
          />
          <View className="field__extra">
            <ChoiceChips
              compact
              deselectable
              label={t('industryPresetsLabel')}
              choices={industryChoices}
              selected={chosenIndustry}
              onSelect={(key) => update('industry', key ? t(key) : '')}
            />
          </View>
        </FormField>

        <View className="section-title" {...SECTION_HEADING}>{t('sectionAddress')}</View>
        <FormField label={t('regionLabel')} error={errors.region}>
          <RegionPicker value={form.region} placeholder={t('regionPlaceholder')} onChange={(region) => update('region', region)} />
        </FormField>
        {textInput('street', 'streetLabel', 'streetPlaceholder')}
        {textInput('houseNumber', 'houseNumberLabel', 'houseNumberPlaceholder')}

        <View className="section-title" {...SECTION_HEADING}>{t('sectionClassification')}</View>
        <FormField label={t('tagsLabel')} error={errors.tags}>
          <TagChooser
            tags={tags}
            selectedIds={form.tagIds}
            newTags={form.newTags}
            onRetry={retryTags}
            onToggleExisting={(tagId) => applyTagChange(toggleTagId(form, tagId))}
            onRemoveNew={(name) => applyTagChange({ tagIds: form.tagIds, newTags: form.newTags.filter((tag) => tag !== name) })}
            onAddTyped={(typed) => applyTagChange(addTypedTag(form, typed, tags.status === 'ready' ? tags.data : []))}
          />
        </FormField>
        <FormField label={t('groupLabel')} error={errors.group}>
          <GroupPicker options={groups} value={form.groupId} onRetry={retryGroups} onChange={(groupId) => update('groupId', groupId, 'group')} />
        </FormField>
        {textInput('source', 'sourceLabel', undefined)}

        <View className="section-title" {...SECTION_HEADING}>{t('sectionPrivacy')}</View>
        <View className="privacy-notice">{t('privacyNotice')}</View>
        <View
          className={form.marketingConsent ? 'consent consent--checked' : 'consent'}
          {...ariaRole('checkbox')}
          aria-checked={form.marketingConsent ? 'true' : 'false'}
          onClick={() => update('marketingConsent', !form.marketingConsent, 'consent')}
        >
          <View className="consent__box">{form.marketingConsent ? '✓' : ''}</View>
          <Text className="consent__text">{t('marketingConsent')}</Text>
        </View>
        {errors.consent ? <Text className="field__error">{errors.consent}</Text> : null}

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
