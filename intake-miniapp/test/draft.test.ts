import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { storage } from './support/taro-storage'

vi.mock('@tarojs/taro', async () => (await import('./support/taro-storage')).taroStorageModule())

const { emptyCustomerForm } = await import('../src/register/customer-form')
const { DRAFT_SAVE_DELAY_MS, DRAFT_STORAGE_KEY, clearDraft, debounce, hasContent, hasDraft, readDraft, saveDraft } = await import(
  '../src/register/draft'
)

const LINA = 'user-lina'
const ZHANGWEI = 'user-zhangwei'
const typedForm = () => ({
  ...emptyCustomerForm('杭州西湖店'),
  name: '陈晓明',
  phones: [{ type: 'mobile' as const, number: '13800138000' }],
})

beforeEach(() => storage.clear())
afterEach(() => vi.useRealTimers())

describe('the register form draft', () => {
  it('comes back for the staff member who typed it, with everything they typed', () => {
    saveDraft(LINA, typedForm(), new Date('2026-11-24T02:00:00Z'))

    const draft = readDraft(LINA, '杭州西湖店')

    expect(draft?.form.name).toBe('陈晓明')
    expect(draft?.form.phones).toEqual([{ type: 'mobile', number: '13800138000' }])
    expect(draft?.savedAt).toBe('2026-11-24T02:00:00.000Z')
  })

  it('is not shown to a colleague on the same phone', () => {
    saveDraft(LINA, typedForm())

    expect(readDraft(ZHANGWEI, '杭州西湖店')).toBeUndefined()
    expect(hasDraft(ZHANGWEI)).toBe(false)
  })

  it('keeps each staff member their own draft', () => {
    saveDraft(LINA, typedForm())
    saveDraft(ZHANGWEI, { ...typedForm(), name: '王芳' })

    expect(readDraft(LINA, '')?.form.name).toBe('陈晓明')
    expect(readDraft(ZHANGWEI, '')?.form.name).toBe('王芳')
  })

  it('is cleared for that staff member only once the customer is saved', () => {
    saveDraft(LINA, typedForm())
    saveDraft(ZHANGWEI, { ...typedForm(), name: '王芳' })

    clearDraft(LINA)

    expect(readDraft(LINA, '')).toBeUndefined()
    expect(readDraft(ZHANGWEI, '')?.form.name).toBe('王芳')
  })

  it('leaves nothing stored when the last draft is cleared', () => {
    saveDraft(LINA, typedForm())
    clearDraft(LINA)

    expect(storage.has(DRAFT_STORAGE_KEY)).toBe(false)
  })

  it('is not kept for a form with nothing typed (the prefilled source does not count)', () => {
    saveDraft(LINA, typedForm())
    saveDraft(LINA, { ...emptyCustomerForm('杭州西湖店'), source: '朋友介绍' })

    expect(hasContent({ ...emptyCustomerForm('杭州西湖店'), source: '朋友介绍' })).toBe(false)
    expect(readDraft(LINA, '')).toBeUndefined()
  })

  it('counts a ticked consent or a chosen tag as something typed', () => {
    expect(hasContent({ ...emptyCustomerForm(''), marketingConsent: true })).toBe(true)
    expect(hasContent({ ...emptyCustomerForm(''), tagIds: ['tag-1'] })).toBe(true)
  })

  it('fills fields an older stored draft lacks with the blank form', () => {
    storage.set(DRAFT_STORAGE_KEY, { byUser: { [LINA]: { savedAt: '2026-11-24T02:00:00Z', form: { name: '陈晓明', phones: [] } } } })

    const draft = readDraft(LINA, '杭州西湖店')

    expect(draft?.form).toMatchObject({ name: '陈晓明', source: '杭州西湖店', tagIds: [], phones: [{ type: 'mobile', number: '' }] })
  })

  it('ignores a stored value of another shape instead of breaking the page', () => {
    storage.set(DRAFT_STORAGE_KEY, 'not a draft')

    expect(readDraft(LINA, '')).toBeUndefined()
    saveDraft(LINA, typedForm())
    expect(readDraft(LINA, '')?.form.name).toBe('陈晓明')
  })

  it('is written once typing pauses, with the latest form', () => {
    vi.useFakeTimers()
    const saver = debounce(saveDraft, DRAFT_SAVE_DELAY_MS)

    saver.call(LINA, { ...typedForm(), name: '陈' })
    saver.call(LINA, { ...typedForm(), name: '陈晓' })
    expect(readDraft(LINA, '')).toBeUndefined()
    saver.call(LINA, typedForm())
    vi.advanceTimersByTime(DRAFT_SAVE_DELAY_MS)

    expect(readDraft(LINA, '')?.form.name).toBe('陈晓明')
  })

  it('is written at once when the page is left before the pause, and not after a cancel', () => {
    vi.useFakeTimers()
    const saver = debounce(saveDraft, DRAFT_SAVE_DELAY_MS)

    saver.call(LINA, typedForm())
    saver.flush()
    expect(readDraft(LINA, '')?.form.name).toBe('陈晓明')

    clearDraft(LINA)
    saver.call(LINA, typedForm())
    saver.cancel()
    vi.advanceTimersByTime(DRAFT_SAVE_DELAY_MS)
    expect(readDraft(LINA, '')).toBeUndefined()
  })
})
