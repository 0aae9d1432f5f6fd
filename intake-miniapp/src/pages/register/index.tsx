import { Text, View } from '@tarojs/components'
import Taro, { useDidHide, useRouter } from '@tarojs/taro'
import { useEffect, useMemo, useState } from 'react'
import { ApiError, apiRequest } from '../../api/client'
import type { Tag } from '../../api/types'
import { useRemote } from '../../api/use-remote'
import { signOut } from '../../auth/auth-actions'
import { readSession } from '../../auth/session'
import { storeNameOf } from '../../auth/user'
import { FormError } from '../../components/form-error'
import { BUTTON_ROLE, PAGE_HEADING, ariaRole } from '../../components/accessibility'
import { ActionButton } from '../../components/action-button'
import { CustomerFormFields } from '../../components/customer-form-fields'
import { LanguageSwitch } from '../../components/language-switch'
import { OutboxBar } from '../../components/outbox-bar'
import { useStrings } from '../../i18n/language'
import { STRINGS } from '../../i18n/strings'
import { newIdempotencyKey } from '../../outbox/idempotency-key'
import { discardOutboxItem, enqueueSubmission, failureKind, readOutbox, submitCustomer, type OutboxItem } from '../../outbox/outbox'
import { useOutbox } from '../../outbox/use-outbox'
import { emptyCustomerForm, localDateString, toCustomerPayload, validateCustomerForm, type CustomerFormState } from '../../register/customer-form'
import { DRAFT_SAVE_DELAY_MS, clearDraft, debounce, readDraft, saveDraft } from '../../register/draft'
import { groupOptions } from '../../register/group-options'
import { useCustomerForm } from '../../register/use-customer-form'
import { goToAccount, goToLogin, goToRegistrations, goToSuccess } from '../../routes'
import './index.css'

/** Source defaults in every language: one that is still untouched follows a language switch. */
const DEFAULT_SOURCES = new Set(Object.values(STRINGS).map((strings) => strings.sourceDefault))

const loadTags = async (): Promise<Tag[]> => (await apiRequest('get', '/api/tags', {})).items
const loadGroupOptions = async () => groupOptions((await apiRequest('get', '/api/groups', {})).items)

/** What the form opens with: a submission reopened from the outbox, else the staff member's own draft,
 * else a blank form. */
interface StartingPoint {
  form: CustomerFormState
  restoredDraft: boolean
  outboxItem?: OutboxItem
}

function startingPoint(userId: string | undefined, outboxKey: string | undefined, defaultSource: string): StartingPoint {
  const blank = { form: emptyCustomerForm(defaultSource), restoredDraft: false }
  if (!userId) return blank
  const outboxItem = outboxKey ? readOutbox().find((item) => item.key === outboxKey && item.userId === userId) : undefined
  if (outboxItem) return { form: outboxItem.form, restoredDraft: false, outboxItem }
  const draft = readDraft(userId, defaultSource)
  return draft ? { form: draft.form, restoredDraft: true } : blank
}

export default function RegisterPage() {
  const { t } = useStrings()
  const router = useRouter()
  const [session] = useState(readSession)
  const userId = session?.user.id
  const storeName = session ? storeNameOf(session.user) : undefined
  const defaultSource = storeName ?? t('sourceDefault')
  const [start] = useState(() => startingPoint(userId, router.params.outbox, defaultSource))
  const controller = useCustomerForm(() => start.form)
  const { form, errors, setErrors, reset, showServerProblem } = controller
  const [draftNotice, setDraftNotice] = useState(start.restoredDraft)
  const [savedToOutbox, setSavedToOutbox] = useState(false)
  const [busy, setBusy] = useState(false)
  const [today] = useState(() => localDateString(new Date()))
  const [tags, retryTags] = useRemote(loadTags)
  const [groups, retryGroups] = useRemote(loadGroupOptions)
  const outbox = useOutbox(userId)
  const draftSaver = useMemo(() => debounce(saveDraft, DRAFT_SAVE_DELAY_MS), [])

  useEffect(() => {
    if (!session) goToLogin()
  }, [session])

  useEffect(() => {
    // A submission opened from the outbox leaves it (its draft now keeps it) and shows why it was refused.
    const item = start.outboxItem
    if (!item) return
    discardOutboxItem(item.key)
    if (item.problem) void showServerProblem(item.problem, item.phoneRows, item.form)
    else setErrors({ form: t('outboxOpenedFromOutbox') })
    // Runs once: `start` never changes.
  }, [start])

  useEffect(() => {
    void Taro.setNavigationBarTitle({ title: t('registerTitle') })
    // Only the built-in default follows the language; a store name or a typed source stays.
    if (!storeName) controller.setForm((current) => (DEFAULT_SOURCES.has(current.source) ? { ...current, source: t('sourceDefault') } : current))
  }, [t, storeName, controller.setForm])

  useEffect(() => {
    if (userId) draftSaver.call(userId, form)
  }, [userId, form, draftSaver])
  // Leaving the page (or the app) writes what is still waiting for the typing pause.
  useDidHide(draftSaver.flush)
  useEffect(() => draftSaver.flush, [draftSaver])

  const blankForm = () => emptyCustomerForm(defaultSource)

  const clearForm = async () => {
    const answer = await Taro.showModal({
      title: t('draftClear'),
      content: t('draftClearConfirm'),
      confirmText: t('dialogConfirm'),
      cancelText: t('dialogCancel'),
    })
    if (!answer.confirm) return
    draftSaver.cancel()
    if (userId) clearDraft(userId)
    reset(blankForm())
    setDraftNotice(false)
  }

  const submit = async () => {
    if (!userId) return
    const clientErrors = validateCustomerForm(form, t)
    if (Object.keys(clientErrors).length > 0) {
      setErrors({ ...clientErrors, form: t('fixHighlightedFields') })
      return
    }
    setBusy(true)
    setErrors({})
    setSavedToOutbox(false)
    const sentForm = form
    const { body, phoneRows } = toCustomerPayload(sentForm)
    if (await controller.showDuplicatesBeforeSubmit()) {
      setErrors({ form: t('resolveDuplicates') })
      setBusy(false)
      return
    }
    // One key for this submission, kept with it in the outbox until the server has answered.
    const key = newIdempotencyKey()
    try {
      const customer = await submitCustomer(key, body)
      draftSaver.cancel()
      clearDraft(userId)
      goToSuccess(customer.name)
    } catch (error) {
      setBusy(false)
      // A lost session goes back to sign-in; the draft keeps the form for afterwards.
      if (error instanceof ApiError && error.status === 401) return
      if (failureKind(error) === 'refused') {
        await showServerProblem(error, phoneRows)
        return
      }
      // No answer: the outbox keeps it and resends it; the next customer can be registered meanwhile.
      enqueueSubmission({ key, userId, body, phoneRows, form: sentForm })
      draftSaver.cancel()
      clearDraft(userId)
      reset(blankForm())
      setDraftNotice(false)
      setSavedToOutbox(true)
      void Taro.pageScrollTo({ scrollTop: 0, duration: 0 })
    }
  }

  const retryOutbox = async () => {
    const result = await outbox.retryNow()
    if (result?.sent.length) void Taro.showToast({ title: t('outboxSent', { count: result.sent.length }), icon: 'none' })
  }

  return (
    <View className="page register-page">
      <View className="page__toolbar">
        {session ? <Text className="page__account">{t('signedInAs', { name: session.user.displayName })}</Text> : null}
        <Text className="page__link" onClick={goToRegistrations} {...BUTTON_ROLE}>
          {t('myRegistrations')}
        </Text>
        <Text className="page__link" onClick={goToAccount} {...BUTTON_ROLE}>
          {t('account')}
        </Text>
        <LanguageSwitch />
        <Text className="page__link" onClick={() => void signOut()} {...BUTTON_ROLE}>
          {t('logout')}
        </Text>
      </View>
      <OutboxBar outbox={outbox} onRetry={() => void retryOutbox()} onOpenList={goToRegistrations} />
      {savedToOutbox ? (
        <View className="notice notice--info" {...ariaRole('status')} aria-live="polite">
          {t('outboxSaved')}
        </View>
      ) : null}
      {draftNotice ? (
        <View className="notice notice--draft" {...ariaRole('status')}>
          <Text className="notice__text">{t('draftRestored')}</Text>
          <Text className="notice__action" onClick={() => void clearForm()} {...BUTTON_ROLE}>
            {t('draftClear')}
          </Text>
        </View>
      ) : null}
      <View className="card">
        <View className="card__title" {...PAGE_HEADING}>{t('registerTitle')}</View>
        <CustomerFormFields
          controller={controller}
          tags={tags}
          groups={groups}
          retryTags={retryTags}
          retryGroups={retryGroups}
          today={today}
        />
        <FormError message={errors.form} />
        <ActionButton label={t('submitButton')} busyLabel={t('submitInProgress')} busy={busy} onPress={() => void submit()} />
      </View>
    </View>
  )
}
