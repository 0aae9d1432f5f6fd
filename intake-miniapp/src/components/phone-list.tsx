import { Input, Text, View } from '@tarojs/components'
import type { PhoneType } from '../api/types'
import { useStrings } from '../i18n/language'
import { PHONE_MAX_COUNT, PHONE_NUMBER_MAX_LENGTH, phoneRowKey, type CustomerFormErrors, type PhoneRow } from '../register/customer-form'
import type { DuplicateNotice, DuplicateNotices } from '../register/duplicates'
import { BUTTON_ROLE } from './accessibility'
import { ChoiceChips, type Choice } from './choice-chips'
import { DuplicateNoticeView } from './duplicate-notice'

interface PhoneListProps {
  rows: PhoneRow[]
  errors: CustomerFormErrors
  notices: DuplicateNotices
  /** The row to put the cursor in (after 返回修改). */
  focusedRow: number | undefined
  onChangeRow: (index: number, row: PhoneRow) => void
  onLeaveRow: (index: number) => void
  onAdd: () => void
  onRemove: (index: number) => void
  onOpenDuplicate: (notice: DuplicateNotice) => void
  onEditDuplicate: (index: number) => void
}

/** Several phones, each with its type; the first is the primary one. Every row is named by its position
 * (手机号 1, 手机号 2 …) so that a screen reader, and a test, can tell them apart. */
export function PhoneList(props: PhoneListProps) {
  const { rows, errors, notices, focusedRow } = props
  const { t } = useStrings()
  const typeChoices: ReadonlyArray<Choice<PhoneType>> = [
    { value: 'mobile', label: t('phoneTypeMobile') },
    { value: 'work', label: t('phoneTypeWork') },
    { value: 'home', label: t('phoneTypeHome') },
  ]

  return (
    <View className="phone-list">
      {rows.map((row, index) => {
        const position = index + 1
        const slot = phoneRowKey(index)
        const notice = notices[slot]
        const error = errors[slot]
        return (
          <View key={index} className={error ? 'phone-row field--invalid' : 'phone-row'}>
            <View className="phone-row__head">
              <ChoiceChips
                compact
                label={t('phoneTypeLabel', { n: position })}
                choices={typeChoices}
                selected={row.type}
                onSelect={(type) => props.onChangeRow(index, { ...row, type: type ?? row.type })}
              />
              {index === 0 ? <Text className="phone-row__primary">{t('phonePrimary')}</Text> : null}
            </View>
            <View className="phone-row__entry">
              {row.id ? (
                // A stored number arrives masked; it is kept as it is (sent back by id) or removed.
                <Text className="text-input phone-row__input phone-row__kept" aria-label={t('phoneNumberLabel', { n: position })}>
                  {row.number}
                </Text>
              ) : (
                <Input
                  className="text-input phone-row__input"
                  type={row.type === 'mobile' ? 'number' : 'text'}
                  maxlength={row.type === 'mobile' ? 11 : PHONE_NUMBER_MAX_LENGTH}
                  value={row.number}
                  focus={focusedRow === index}
                  placeholder={t(row.type === 'mobile' ? 'phonePlaceholder' : 'landlinePlaceholder')}
                  aria-label={t('phoneNumberLabel', { n: position })}
                  onInput={(event) => props.onChangeRow(index, { ...row, number: event.detail.value })}
                  onBlur={() => props.onLeaveRow(index)}
                />
              )}
              {rows.length > 1 || row.id ? (
                <View
                  className="phone-row__remove"
                  aria-label={t('phoneRemove', { n: position })}
                  onClick={() => props.onRemove(index)}
                  {...BUTTON_ROLE}
                >
                  {t('phoneRemoveShort')}
                </View>
              ) : null}
            </View>
            {error ? <Text className="field__error">{error}</Text> : null}
            {notice ? (
              <DuplicateNoticeView
                notice={notice}
                kind="phone"
                onOpen={() => props.onOpenDuplicate(notice)}
                onEdit={() => props.onEditDuplicate(index)}
              />
            ) : null}
          </View>
        )
      })}
      {rows.length < PHONE_MAX_COUNT ? (
        <View className="link-button" onClick={props.onAdd} {...BUTTON_ROLE}>
          {`+ ${t('phoneAdd')}`}
        </View>
      ) : null}
    </View>
  )
}
