import type { FieldError } from '../api/types'
import type { StringKey, StringParams } from '../i18n/strings'
import { isMainlandMobile, normalizeMobile } from '../validation/phone'
import type { RegistrationPayload } from './public-api'

type Translate = (key: StringKey, params?: StringParams) => string

export const JOIN_NAME_MAX_LENGTH = 50

export interface JoinFormState {
  name: string
  phone: string
  consent: boolean
}

export type JoinField = 'name' | 'phone' | 'consent'
export type JoinFormErrors = Partial<Record<JoinField | 'form', string>>

export const emptyJoinForm = (): JoinFormState => ({ name: '', phone: '', consent: false })

export function validateJoinForm(form: JoinFormState, t: Translate): JoinFormErrors {
  const errors: JoinFormErrors = {}
  const name = form.name.trim()
  if (!name) errors.name = t('nameRequired')
  else if (name.length > JOIN_NAME_MAX_LENGTH) errors.name = t('nameTooLong', { max: JOIN_NAME_MAX_LENGTH })
  const phone = form.phone.trim()
  if (!phone) errors.phone = t('joinPhoneRequired')
  else if (!isMainlandMobile(phone)) errors.phone = t('phoneInvalid')
  if (!form.consent) errors.consent = t('joinConsentRequired')
  return errors
}

export type RegistrationClient = NonNullable<RegistrationPayload['client']>

/** The request body of a form that passed validateJoinForm; `client` says where it was filled in (the consent
 * channel on record). */
export function toRegistrationPayload(form: JoinFormState, client: RegistrationClient): RegistrationPayload {
  if (!form.consent) throw new Error('The form has not been validated')
  return { name: form.name.trim(), phone: normalizeMobile(form.phone.trim()), consent: true, client }
}

export function joinErrorsFromDetails(details: readonly FieldError[], fallback: string): JoinFormErrors {
  const errors: JoinFormErrors = {}
  for (const detail of details) {
    const field = detail.field.split('.')[0]
    if (field === 'name' || field === 'phone' || field === 'consent') errors[field] ??= detail.message
    else errors.form ??= detail.message
  }
  errors.form ??= fallback
  return errors
}
