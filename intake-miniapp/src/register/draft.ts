import Taro from '@tarojs/taro'
import { emptyCustomerForm, type CustomerFormState } from './customer-form'

// The register form is kept on the phone as it is typed, so nothing is lost when the app is closed, the
// phone rings or the page is left. One draft per staff member: a phone shared in a store never shows one
// person's unfinished customer to another.

/** Storage key of the drafts: `{ byUser: { [userId]: { form, savedAt } } }`. */
export const DRAFT_STORAGE_KEY = 'kezhi.intake.draft'

/** Typing pauses this long before the draft is written. */
export const DRAFT_SAVE_DELAY_MS = 300

export interface Draft {
  form: CustomerFormState
  /** ISO time of the last save. */
  savedAt: string
}

type StoredDrafts = { byUser: Record<string, Draft> }

const isRecord = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null

function readAll(): StoredDrafts {
  try {
    const stored: unknown = Taro.getStorageSync(DRAFT_STORAGE_KEY)
    return isRecord(stored) && isRecord(stored.byUser) ? { byUser: stored.byUser as Record<string, Draft> } : { byUser: {} }
  } catch {
    return { byUser: {} }
  }
}

function writeAll(drafts: StoredDrafts): void {
  if (Object.keys(drafts.byUser).length) Taro.setStorageSync(DRAFT_STORAGE_KEY, drafts)
  else Taro.removeStorageSync(DRAFT_STORAGE_KEY)
}

/** Whether the staff member has typed or chosen anything (the prefilled source alone is not a draft). */
export function hasContent(form: CustomerFormState): boolean {
  return Boolean(
    form.name.trim() ||
      form.gender !== 'unknown' ||
      form.birthday ||
      form.occupation.trim() ||
      form.company.trim() ||
      form.industry.trim() ||
      form.phones.some((row) => row.number.trim()) ||
      form.email.trim() ||
      form.region ||
      form.street.trim() ||
      form.houseNumber.trim() ||
      form.tagIds.length ||
      form.newTags.length ||
      form.groupId ||
      form.marketingConsent,
  )
}

/** A stored form as the current form's shape: fields an older version did not store start blank. */
function restoredForm(stored: unknown, defaultSource: string): CustomerFormState | undefined {
  if (!isRecord(stored) || typeof stored.name !== 'string' || !Array.isArray(stored.phones)) return undefined
  const form = { ...emptyCustomerForm(defaultSource), ...(stored as Partial<CustomerFormState>) }
  if (!form.phones.length) form.phones = emptyCustomerForm(defaultSource).phones
  return form
}

/** The staff member's own draft, if they left one with content. */
export function readDraft(userId: string, defaultSource: string): Draft | undefined {
  const draft = readAll().byUser[userId]
  if (!isRecord(draft) || typeof draft.savedAt !== 'string') return undefined
  const form = restoredForm(draft.form, defaultSource)
  return form && hasContent(form) ? { form, savedAt: draft.savedAt } : undefined
}

/** Whether the staff member has a draft with content (without needing the form's defaults). */
export function hasDraft(userId: string): boolean {
  return readDraft(userId, '') !== undefined
}

/** Keeps the form as the staff member's draft; a form without content removes it instead. */
export function saveDraft(userId: string, form: CustomerFormState, now: Date = new Date()): void {
  const drafts = readAll()
  if (hasContent(form)) drafts.byUser[userId] = { form, savedAt: now.toISOString() }
  else delete drafts.byUser[userId]
  writeAll(drafts)
}

/** Forgets the staff member's draft (saved, sent to the outbox, or cleared on purpose); others' stay. */
export function clearDraft(userId: string): void {
  const drafts = readAll()
  if (!(userId in drafts.byUser)) return
  delete drafts.byUser[userId]
  writeAll(drafts)
}

/** Runs the latest `task` once calls have paused for `delayMs`; `flush` runs a pending one at once. */
export function debounce<Args extends unknown[]>(task: (...args: Args) => void, delayMs: number) {
  let timer: ReturnType<typeof setTimeout> | undefined
  let pending: Args | undefined
  const flush = () => {
    if (timer !== undefined) clearTimeout(timer)
    timer = undefined
    const args = pending
    pending = undefined
    if (args) task(...args)
  }
  const call = (...args: Args) => {
    pending = args
    if (timer !== undefined) clearTimeout(timer)
    timer = setTimeout(flush, delayMs)
  }
  const cancel = () => {
    if (timer !== undefined) clearTimeout(timer)
    timer = undefined
    pending = undefined
  }
  return { call, flush, cancel }
}
