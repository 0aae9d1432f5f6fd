import { View } from '@tarojs/components'
import Taro, { useRouter } from '@tarojs/taro'
import { useCallback, useEffect, useRef, useState } from 'react'
import { ApiError, apiRequest } from '../../api/client'
import { messageForError } from '../../api/error-message'
import type { CustomerDetail, Tag } from '../../api/types'
import { useRemote } from '../../api/use-remote'
import { readSession } from '../../auth/session'
import { hasPermission } from '../../auth/user'
import { FormError } from '../../components/form-error'
import { BackToolbar } from '../../components/back-toolbar'
import { BUTTON_ROLE, PAGE_HEADING } from '../../components/accessibility'
import { ActionButton } from '../../components/action-button'
import { CustomerFormFields } from '../../components/customer-form-fields'
import { useStrings } from '../../i18n/language'
import { formFromCustomer, toCustomerPatch } from '../../register/customer-edit'
import { emptyCustomerForm, localDateString, validateCustomerForm, type CustomerFormState } from '../../register/customer-form'
import { groupOptions } from '../../register/group-options'
import { useCustomerForm } from '../../register/use-customer-form'
import { goBackOrRegister, goToLogin } from '../../routes'
import '../register/index.css'

const loadTags = async (): Promise<Tag[]> => (await apiRequest('get', '/api/tags', {})).items
const loadGroupOptions = async () => groupOptions((await apiRequest('get', '/api/groups', {})).items)

type Loaded = { status: 'loading' } | { status: 'failed'; message: string } | { status: 'ready'; customer: CustomerDetail; original: CustomerFormState }

export default function EditPage() {
  const { t } = useStrings()
  const router = useRouter()
  const customerId = router.params.id ?? ''
  const [session] = useState(readSession)
  const canEdit = session ? hasPermission(session.user, 'customer:update') : false
  const [loaded, setLoaded] = useState<Loaded>({ status: 'loading' })
  const controller = useCustomerForm(() => emptyCustomerForm(''), { excludeId: customerId })
  const { form, errors, setErrors, reset, showServerProblem } = controller
  const [busy, setBusy] = useState(false)
  const [today] = useState(() => localDateString(new Date()))
  const [tags, retryTags] = useRemote(loadTags)
  const [groups, retryGroups] = useRemote(loadGroupOptions)

  useEffect(() => {
    if (!session) goToLogin()
  }, [session])

  useEffect(() => {
    void Taro.setNavigationBarTitle({ title: t('editTitle') })
  }, [t])

  // Read through a ref: switching the language must not reload the customer over the edits.
  const translate = useRef(t)
  translate.current = t
  // Loaded once per page, and again after a version conflict.
  const load = useCallback(async () => {
    setLoaded({ status: 'loading' })
    try {
      const customer = await apiRequest('get', '/api/customers/{id}', { path: { id: customerId } })
      const original = formFromCustomer(customer)
      reset(original)
      setLoaded({ status: 'ready', customer, original })
    } catch (error) {
      setLoaded({ status: 'failed', message: messageForError(error, translate.current) })
    }
  }, [customerId, reset])

  useEffect(() => {
    if (session && canEdit && customerId) void load()
  }, [session, canEdit, customerId, load])

  const save = async () => {
    if (loaded.status !== 'ready') return
    const clientErrors = validateCustomerForm(form, t)
    if (Object.keys(clientErrors).length > 0) {
      setErrors({ ...clientErrors, form: t('fixHighlightedFields') })
      return
    }
    const { patch, phoneRows, changed } = toCustomerPatch(loaded.customer, loaded.original, form)
    if (!changed) {
      void Taro.showToast({ title: t('editNoChanges'), icon: 'none' })
      return
    }
    setBusy(true)
    setErrors({})
    if (await controller.showDuplicatesBeforeSubmit()) {
      setErrors({ form: t('resolveDuplicates') })
      setBusy(false)
      return
    }
    try {
      await apiRequest('patch', '/api/customers/{id}', { path: { id: customerId }, body: patch })
      void Taro.showToast({ title: t('editSaved'), icon: 'success' })
      goBackOrRegister()
    } catch (error) {
      setBusy(false)
      if (error instanceof ApiError && error.code === 'CUSTOMER_VERSION_CONFLICT') {
        await Taro.showModal({ title: t('editTitle'), content: t('editVersionConflict'), showCancel: false, confirmText: t('dialogConfirm') })
        void load()
        return
      }
      await showServerProblem(error, phoneRows)
    }
  }

  return (
    <View className="page register-page edit-page">
      <BackToolbar />
      <View className="card">
        <View className="card__title" {...PAGE_HEADING}>{t('editTitle')}</View>
        {!canEdit ? <View className="notice notice--error">{t('editNoPermission')}</View> : null}
        {canEdit && loaded.status === 'loading' ? <View className="list-empty">{t('editLoading')}</View> : null}
        {canEdit && loaded.status === 'failed' ? (
          <View className="list-empty" onClick={() => void load()} {...BUTTON_ROLE}>
            {`${loaded.message} · ${t('loadFailedRetry')}`}
          </View>
        ) : null}
        {canEdit && loaded.status === 'ready' ? (
          <View>
            <CustomerFormFields
              controller={controller}
              tags={tags}
              groups={groups}
              retryTags={retryTags}
              retryGroups={retryGroups}
              today={today}
            />
            <FormError message={errors.form} />
            <ActionButton label={t('editSave')} busyLabel={t('editSaving')} busy={busy} onPress={() => void save()} />
          </View>
        ) : null}
      </View>
    </View>
  )
}
