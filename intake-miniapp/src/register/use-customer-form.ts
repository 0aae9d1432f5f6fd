import { useCallback, useRef, useState, type Dispatch, type SetStateAction } from 'react'
import { ApiError, apiRequest } from '../api/client'
import { messageForError } from '../api/error-message'
import type { FieldError } from '../api/types'
import { useStrings } from '../i18n/language'
import {
  PHONE_MAX_COUNT,
  TAG_MAX_COUNT,
  TAG_MAX_LENGTH,
  emailError,
  emptyPhoneRow,
  errorsFromServerDetails,
  phoneForRequest,
  phoneRowError,
  phoneRowKey,
  withoutPhoneRow,
  type CustomerField,
  type CustomerFormErrors,
  type CustomerFormState,
  type FormSlot,
  type PhoneRow,
  type TagChange,
} from './customer-form'
import { duplicateSlotsFromConflict, noticeFromMatches, type DuplicateNotice, type DuplicateNotices } from './duplicates'

// The state and behaviour of the customer form, shared by the register and the edit page: field updates,
// phone rows, tags, the duplicate lookups and spreading the server's answers over the fields.

type DuplicateQuery = { phone: string } | { email: string }

/** Who already has this phone or email; undefined when nobody does or the lookup failed (the server
 * checks again on save). `excludeId` leaves out the customer being edited. */
async function findDuplicate(query: DuplicateQuery, excludeId: string | undefined): Promise<DuplicateNotice | undefined> {
  try {
    const result = await apiRequest('get', '/api/customers/duplicates', { query: { ...query, excludeId } })
    return noticeFromMatches(result.matches)
  } catch {
    return undefined
  }
}

/** The duplicate lookups for what the form would send, by where their notices are shown. Kept stored
 * entries are the customer's own and are not looked up. */
function duplicateQueries(form: CustomerFormState): Array<[FormSlot, DuplicateQuery]> {
  const queries: Array<[FormSlot, DuplicateQuery]> = []
  form.phones.forEach((row, index) => {
    if (!row.id && row.number.trim()) queries.push([phoneRowKey(index), { phone: phoneForRequest(row) }])
  })
  if (!form.emailId && form.email.trim()) queries.push(['email', { email: form.email.trim() }])
  return queries
}

/** A server problem as the form shows it (an ApiError, or the same kept in the outbox). */
export interface ServerProblem {
  code: string
  message: string
  details: FieldError[]
}

export interface CustomerFormController {
  form: CustomerFormState
  setForm: Dispatch<SetStateAction<CustomerFormState>>
  errors: CustomerFormErrors
  setErrors: Dispatch<SetStateAction<CustomerFormErrors>>
  notices: DuplicateNotices
  focusedSlot: FormSlot | undefined
  update: <K extends keyof CustomerFormState>(field: K, value: CustomerFormState[K], slot?: CustomerField) => void
  applyTagChange: (change: TagChange) => boolean
  changePhoneRow: (index: number, row: PhoneRow) => void
  addPhoneRow: () => void
  removePhoneRow: (index: number) => void
  leavePhoneRow: (index: number) => void
  leaveEmail: () => void
  editDuplicate: (slot: FormSlot) => void
  /** Looks every phone and email up at once; true when any belongs to another customer (notices shown). */
  showDuplicatesBeforeSubmit: () => Promise<boolean>
  /** Shows a refused save on the form: field errors, duplicate notices, or one sentence. */
  showServerProblem: (problem: ServerProblem | unknown, phoneRows: number[], sentForm?: CustomerFormState) => Promise<void>
  /** Replaces the whole form (a restored draft, a reopened submission, a reloaded customer). */
  reset: (form: CustomerFormState) => void
}

export function useCustomerForm(initial: () => CustomerFormState, options: { excludeId?: string } = {}): CustomerFormController {
  const { t } = useStrings()
  const { excludeId } = options
  const [form, setForm] = useState<CustomerFormState>(initial)
  const [errors, setErrors] = useState<CustomerFormErrors>({})
  const [notices, setNotices] = useState<DuplicateNotices>({})
  const [focusedSlot, setFocusedSlot] = useState<FormSlot | undefined>()
  // Lookups answer after the staff member may have typed on; they compare against the latest form.
  const latestForm = useRef(form)
  latestForm.current = form

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
    setForm((current) => {
      const phones = current.phones.filter((_row, at) => at !== index)
      return { ...current, phones: phones.length ? phones : [emptyPhoneRow()] }
    })
    setErrors((current) => withoutPhoneRow(current, index))
    setNotices((current) => withoutPhoneRow(current, index))
    setFocusedSlot(undefined)
  }

  /** Looks the phone or email up when the staff member leaves it, so a known customer shows before saving. */
  const checkWhenLeft = useCallback(
    async (slot: FormSlot, readValue: (current: CustomerFormState) => string | undefined, query: DuplicateQuery | undefined) => {
      setFocusedSlot(undefined)
      if (!query) return
      const typed = readValue(latestForm.current)
      const notice = await findDuplicate(query, excludeId)
      if (readValue(latestForm.current) !== typed) return
      setNotices((current) => {
        const next = { ...current }
        if (notice) next[slot] = notice
        else delete next[slot]
        return next
      })
    },
    [excludeId],
  )

  const leavePhoneRow = (index: number) => {
    const row = form.phones[index]
    const worthChecking = row && !row.id && row.number.trim() && !phoneRowError(row, t)
    void checkWhenLeft(phoneRowKey(index), (current) => current.phones[index]?.number, worthChecking ? { phone: phoneForRequest(row) } : undefined)
  }

  const leaveEmail = () => {
    const email = form.email.trim()
    const worthChecking = !form.emailId && email && !emailError(email, t)
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

  const showDuplicatesBeforeSubmit = async (): Promise<boolean> => {
    const found = await Promise.all(
      duplicateQueries(form).map(async ([slot, query]) => [slot, await findDuplicate(query, excludeId)] as const),
    )
    const known: DuplicateNotices = {}
    for (const [slot, notice] of found) if (notice) known[slot] = notice
    setNotices(known)
    return Object.keys(known).length > 0
  }

  /** A 409 CUSTOMER_DUPLICATE names the field and the customer's id; the lookup adds the name. */
  const showDuplicatesFromConflict = async (problem: ServerProblem, phoneRows: number[], sentForm: CustomerFormState) => {
    const queries = new Map(duplicateQueries(sentForm))
    const known: DuplicateNotices = {}
    for (const { slot, customerId, message } of duplicateSlotsFromConflict(problem.details, phoneRows)) {
      const query = queries.get(slot)
      const looked = query ? await findDuplicate(query, excludeId) : undefined
      // Without a confirming lookup nothing is known about the scope: the server's sentence is shown.
      known[slot] = looked?.customerId === customerId ? looked : { customerId, name: null, serverMessage: message }
    }
    setNotices(known)
    setErrors({ form: Object.keys(known).length ? t('resolveDuplicates') : problem.message || t('unexpectedError') })
  }

  const showServerProblem = async (problem: ServerProblem | unknown, phoneRows: number[], sentForm: CustomerFormState = latestForm.current) => {
    const known = problem instanceof ApiError || isServerProblem(problem) ? problem : undefined
    if (!known) setErrors({ form: messageForError(problem, t) })
    else if (known.code === 'VALIDATION_FAILED') {
      // Details that belong to no field (or none at all) keep the server's own sentence as the form error.
      const fieldErrors = errorsFromServerDetails(known.details, phoneRows, known.message || t('fixHighlightedFields'))
      setErrors({ form: t('fixHighlightedFields'), ...fieldErrors })
    } else if (known.code === 'CUSTOMER_DUPLICATE') await showDuplicatesFromConflict(known, phoneRows, sentForm)
    else if (known.code !== 'UNAUTHENTICATED') setErrors({ form: problem instanceof ApiError ? messageForError(problem, t) : known.message })
  }

  const reset = useCallback((next: CustomerFormState) => {
    setForm(next)
    setErrors({})
    setNotices({})
    setFocusedSlot(undefined)
  }, [])

  return {
    form,
    setForm,
    errors,
    setErrors,
    notices,
    focusedSlot,
    update,
    applyTagChange,
    changePhoneRow,
    addPhoneRow,
    removePhoneRow,
    leavePhoneRow,
    leaveEmail,
    editDuplicate,
    showDuplicatesBeforeSubmit,
    showServerProblem,
    reset,
  }
}

function isServerProblem(value: unknown): value is ServerProblem {
  return (
    typeof value === 'object' &&
    value !== null &&
    typeof (value as ServerProblem).code === 'string' &&
    typeof (value as ServerProblem).message === 'string' &&
    Array.isArray((value as ServerProblem).details)
  )
}
