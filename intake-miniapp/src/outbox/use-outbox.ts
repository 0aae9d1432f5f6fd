import { useDidShow } from '@tarojs/taro'
import { useCallback, useEffect, useMemo, useSyncExternalStore } from 'react'
import { onNetworkBack } from './network-events'
import { flushOutbox, isOutboxSending, outboxOf, readOutbox, subscribeOutbox, type FlushResult, type OutboxItem } from './outbox'

/** While submissions wait, they are resent this often (besides on reconnecting and on showing the page). */
export const OUTBOX_RETRY_INTERVAL_MS = 20_000

export interface OutboxView {
  items: OutboxItem[]
  waiting: number
  attention: number
  sending: boolean
  /** Resends now (the 立即重试 button); resolves with the round's result. */
  retryNow: () => Promise<FlushResult | undefined>
}

/**
 * The signed-in staff member's outbox, kept sending: when the page is shown, when the network comes back,
 * and every OUTBOX_RETRY_INTERVAL_MS while anything waits.
 */
export function useOutbox(userId: string | undefined): OutboxView {
  const all = useSyncExternalStore(subscribeOutbox, readOutbox, readOutbox)
  const sending = useSyncExternalStore(subscribeOutbox, isOutboxSending, isOutboxSending)
  const items = useMemo(() => (userId ? outboxOf(all, userId) : []), [all, userId])
  const waiting = items.filter((item) => item.state === 'waiting').length
  const attention = items.length - waiting

  const retryNow = useCallback(async () => (userId ? flushOutbox(userId) : undefined), [userId])
  const resendQuietly = useCallback(() => {
    // Failures stay in the outbox and show there; nothing else to report.
    void retryNow().catch(() => undefined)
  }, [retryNow])

  useDidShow(resendQuietly)
  useEffect(() => {
    resendQuietly()
    return onNetworkBack(resendQuietly)
  }, [resendQuietly])
  useEffect(() => {
    if (!waiting) return undefined
    const timer = setInterval(resendQuietly, OUTBOX_RETRY_INTERVAL_MS)
    return () => clearInterval(timer)
  }, [waiting, resendQuietly])

  return { items, waiting, attention, sending, retryNow }
}
