import { Text, View } from '@tarojs/components'
import Taro, { useDidShow } from '@tarojs/taro'
import { useCallback, useEffect, useRef, useState } from 'react'
import { apiRequest } from '../../api/client'
import { messageForError } from '../../api/error-message'
import type { Registration } from '../../api/types'
import { readSession } from '../../auth/session'
import { hasPermission } from '../../auth/user'
import { BackToolbar } from '../../components/back-toolbar'
import { BUTTON_ROLE, PAGE_HEADING, SECTION_HEADING, ariaRole } from '../../components/accessibility'
import { ActionButton } from '../../components/action-button'
import { OutboxBar } from '../../components/outbox-bar'
import { useStrings } from '../../i18n/language'
import type { StringKey } from '../../i18n/strings'
import { discardOutboxItem, type OutboxItem } from '../../outbox/outbox'
import { useOutbox } from '../../outbox/use-outbox'
import { hasDraft } from '../../register/draft'
import {
  REGISTRATIONS_PAGE_SIZE,
  REGISTRATION_PERIODS,
  appendPage,
  formatRegisteredAt,
  type RegistrationPeriod,
} from '../../registrations/period'
import { goToEdit, goToLogin, goToRegisterWithOutboxItem } from '../../routes'

const PERIOD_LABELS: Record<RegistrationPeriod, StringKey> = { today: 'periodToday', week: 'periodWeek' }

type ListState =
  | { status: 'loading' }
  | { status: 'failed'; message: string }
  | { status: 'ready'; rows: Registration[]; nextCursor: string | null; loadingMore: boolean }

export default function RegistrationsPage() {
  const { t } = useStrings()
  const [session] = useState(readSession)
  const canEdit = session ? hasPermission(session.user, 'customer:update') : false
  const [period, setPeriod] = useState<RegistrationPeriod>('today')
  const [list, setList] = useState<ListState>({ status: 'loading' })
  const outbox = useOutbox(session?.user.id)
  // Answers for a period that is no longer shown are dropped.
  const shownPeriod = useRef(period)
  shownPeriod.current = period

  useEffect(() => {
    if (!session) goToLogin()
  }, [session])

  useEffect(() => {
    void Taro.setNavigationBarTitle({ title: t('myRegistrations') })
  }, [t])

  const load = useCallback(
    async (wanted: RegistrationPeriod) => {
      setList({ status: 'loading' })
      try {
        const page = await apiRequest('get', '/api/me/registrations', { query: { period: wanted, limit: REGISTRATIONS_PAGE_SIZE } })
        if (shownPeriod.current === wanted) setList({ status: 'ready', rows: page.items, nextCursor: page.nextCursor, loadingMore: false })
      } catch (error) {
        if (shownPeriod.current === wanted) setList({ status: 'failed', message: messageForError(error, t) })
      }
    },
    [t],
  )

  useEffect(() => {
    void load(period)
  }, [period, load])
  // Back from editing (or after the outbox sent something): the list shows the latest state.
  const firstShow = useRef(true)
  useDidShow(() => {
    if (firstShow.current) firstShow.current = false
    else void load(shownPeriod.current)
  })
  const sentCount = useRef(0)
  useEffect(() => {
    // A submission the outbox delivered now belongs in the list.
    if (outbox.items.length < sentCount.current) void load(shownPeriod.current)
    sentCount.current = outbox.items.length
  }, [outbox.items.length, load])

  const loadMore = async () => {
    if (list.status !== 'ready' || !list.nextCursor || list.loadingMore) return
    const wanted = period
    setList({ ...list, loadingMore: true })
    try {
      const page = await apiRequest('get', '/api/me/registrations', {
        query: { period: wanted, cursor: list.nextCursor, limit: REGISTRATIONS_PAGE_SIZE },
      })
      if (shownPeriod.current !== wanted) return
      setList((current) =>
        current.status === 'ready' ? { status: 'ready', rows: appendPage(current.rows, page.items), nextCursor: page.nextCursor, loadingMore: false } : current,
      )
    } catch (error) {
      void Taro.showToast({ title: messageForError(error, t), icon: 'none' })
      setList((current) => (current.status === 'ready' ? { ...current, loadingMore: false } : current))
    }
  }

  const openOutboxItem = async (item: OutboxItem) => {
    if (session && hasDraft(session.user.id)) {
      const answer = await Taro.showModal({
        title: t('outboxOpen'),
        content: t('outboxReplaceConfirm'),
        confirmText: t('dialogConfirm'),
        cancelText: t('dialogCancel'),
      })
      if (!answer.confirm) return
    }
    goToRegisterWithOutboxItem(item.key)
  }

  const discardItem = async (item: OutboxItem) => {
    const answer = await Taro.showModal({
      title: t('outboxDiscard'),
      content: t('outboxDiscardConfirm'),
      confirmText: t('outboxDiscard'),
      cancelText: t('dialogCancel'),
      confirmColor: '#d92d20',
    })
    if (answer.confirm) discardOutboxItem(item.key)
  }

  const retryOutbox = async () => {
    const result = await outbox.retryNow()
    if (result?.sent.length) void Taro.showToast({ title: t('outboxSent', { count: result.sent.length }), icon: 'none' })
  }

  return (
    <View className="page registrations-page">
      <BackToolbar />

      {outbox.items.length ? (
        <View className="card">
          <View className="section-title" {...SECTION_HEADING}>{t('outboxTitle')}</View>
          <OutboxBar outbox={outbox} onRetry={() => void retryOutbox()} onOpenList={() => undefined} />
          <View {...ariaRole('list')} aria-label={t('outboxTitle')}>
            {outbox.items.map((item) => (
              <View key={item.key} className="list-item" {...ariaRole('listitem')}>
                <View className="list-item__main">
                  <View className="list-item__title">{item.body.name}</View>
                  <View className="list-item__meta">
                    {item.state === 'waiting'
                      ? `${formatRegisteredAt(item.createdAt, 'week')} · ${t('outboxItemWaiting', { attempts: item.attempts })}`
                      : formatRegisteredAt(item.createdAt, 'week')}
                  </View>
                  {item.state === 'attention' ? (
                    <View className="list-item__problem">{t('outboxItemAttention', { message: item.problem?.message ?? '' })}</View>
                  ) : null}
                </View>
                <View className="list-item__actions">
                  <Text onClick={() => void openOutboxItem(item)} {...BUTTON_ROLE}>
                    {t('outboxOpen')}
                  </Text>
                  <Text className="list-item__danger" onClick={() => void discardItem(item)} {...BUTTON_ROLE}>
                    {t('outboxDiscard')}
                  </Text>
                </View>
              </View>
            ))}
          </View>
        </View>
      ) : null}

      <View className="card">
        <View className="card__title" {...PAGE_HEADING}>{t('myRegistrations')}</View>
        <View className="tabs" {...ariaRole('tablist')} aria-label={t('periodTabs')}>
          {REGISTRATION_PERIODS.map((value) => (
            <View
              key={value}
              className={value === period ? 'tabs__tab tabs__tab--active' : 'tabs__tab'}
              {...ariaRole('tab')}
              aria-selected={value === period ? 'true' : 'false'}
              onClick={() => setPeriod(value)}
            >
              {t(PERIOD_LABELS[value])}
            </View>
          ))}
        </View>

        {list.status === 'loading' ? <View className="list-empty">{t('registrationsLoading')}</View> : null}
        {list.status === 'failed' ? (
          <View className="list-empty" onClick={() => void load(period)} {...BUTTON_ROLE}>
            {`${list.message} · ${t('loadFailedRetry')}`}
          </View>
        ) : null}
        {list.status === 'ready' && !list.rows.length ? <View className="list-empty">{t('registrationsEmpty')}</View> : null}
        {list.status === 'ready' && list.rows.length ? (
          <View {...ariaRole('list')} aria-label={t('myRegistrations')}>
            {list.rows.map((row) => (
              <View
                key={row.id}
                className="list-item"
                {...ariaRole('listitem')}
                onClick={canEdit ? () => goToEdit(row.id) : undefined}
              >
                <View className="list-item__main">
                  <View className="list-item__title">{row.name}</View>
                  <View className="list-item__meta">
                    {`${row.primaryPhone ?? t('registrationsNoPhone')} · ${formatRegisteredAt(row.createdAt, period)}`}
                  </View>
                </View>
                {canEdit ? (
                  <Text className="list-item__actions" aria-label={t('registrationsOpen', { name: row.name })} {...BUTTON_ROLE}>
                    ›
                  </Text>
                ) : null}
              </View>
            ))}
          </View>
        ) : null}
        {list.status === 'ready' && list.nextCursor ? (
          <ActionButton
            variant="secondary"
            label={t('registrationsLoadMore')}
            busyLabel={t('registrationsLoading')}
            busy={list.loadingMore}
            onPress={() => void loadMore()}
          />
        ) : null}
      </View>
    </View>
  )
}
