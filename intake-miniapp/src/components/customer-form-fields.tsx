import { Input, Text, View } from '@tarojs/components'
import type { Gender, Tag } from '../api/types'
import type { RemoteState } from '../api/use-remote'
import { useStrings } from '../i18n/language'
import type { StringKey } from '../i18n/strings'
import {
  EMAIL_MAX_LENGTH,
  NAME_MAX_LENGTH,
  TEXT_MAX_LENGTHS,
  addTypedTag,
  phoneRowKey,
  toggleTagId,
  type FreeTextField,
} from '../register/customer-form'
import type { GroupOption } from '../register/group-options'
import { openExistingCustomer } from '../register/open-customer'
import type { CustomerFormController } from '../register/use-customer-form'
import { BUTTON_ROLE, SECTION_HEADING } from './accessibility'
import { BirthdayPicker } from './birthday-picker'
import { ChoiceChips, type Choice } from './choice-chips'
import { DuplicateNoticeView } from './duplicate-notice'
import { ConsentCheck } from './consent-check'
import { FormField } from './form-field'
import { GroupPicker } from './group-picker'
import { PhoneList } from './phone-list'
import { RegionPicker } from './region-picker'
import { TagChooser } from './tag-chooser'

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

interface CustomerFormFieldsProps {
  controller: CustomerFormController
  tags: RemoteState<Tag[]>
  groups: RemoteState<GroupOption[]>
  retryTags: () => void
  retryGroups: () => void
  /** The birthday picker's latest day, `YYYY-MM-DD`. */
  today: string
}

/** Every field of the customer form, from the name to the consent checkbox (register and edit pages). */
export function CustomerFormFields({ controller, tags, groups, retryTags, retryGroups, today }: CustomerFormFieldsProps) {
  const { t } = useStrings()
  const { form, errors, notices, focusedSlot, update, applyTagChange } = controller
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
    <View>
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
          onChangeRow={controller.changePhoneRow}
          onLeaveRow={controller.leavePhoneRow}
          onAdd={controller.addPhoneRow}
          onRemove={controller.removePhoneRow}
          onOpenDuplicate={(notice) => void openExistingCustomer(notice, t)}
          onEditDuplicate={(index) => controller.editDuplicate(phoneRowKey(index))}
        />
      </FormField>

      <FormField label={t('emailLabel')} error={errors.email}>
        {form.emailId ? (
          // A stored email arrives masked: kept as it is, or replaced by typing a new one.
          <View className="picker-row">
            <Text className="text-input phone-row__kept picker-row__picker" aria-label={t('emailLabel')}>
              {form.email}
            </Text>
            <View
              className="phone-row__remove"
              onClick={() => controller.setForm((current) => ({ ...current, email: '', emailId: undefined }))}
              {...BUTTON_ROLE}
            >
              {t('emailReplace')}
            </View>
          </View>
        ) : (
          <Input
            className="text-input"
            type="text"
            value={form.email}
            maxlength={EMAIL_MAX_LENGTH}
            focus={focusedSlot === 'email'}
            placeholder={t('emailPlaceholder')}
            aria-label={t('emailLabel')}
            onInput={(event) => update('email', event.detail.value)}
            onBlur={controller.leaveEmail}
          />
        )}
        {emailNotice ? (
          <DuplicateNoticeView
            notice={emailNotice}
            kind="email"
            onOpen={() => void openExistingCustomer(emailNotice, t)}
            onEdit={() => controller.editDuplicate('email')}
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
      <ConsentCheck
        label={t('marketingConsent')}
        checked={form.marketingConsent}
        error={errors.consent}
        onToggle={() => update('marketingConsent', !form.marketingConsent, 'consent')}
      />
    </View>
  )
}
