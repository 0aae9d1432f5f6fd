import { useRouter } from '@tarojs/taro'
import { useCallback, useEffect, useState } from 'react'
import { channelTokenFromParams } from './channel-token'
import { PublicFormSession, isDeadChannel } from './form-session'
import type { PublicChannel } from './public-api'

export type PublicFormState =
  | { status: 'loading' }
  /** The code is forged, reissued, disabled or past its date (or the page was opened without one). */
  | { status: 'dead' }
  /** The channel could not be asked (network, rate limit, server trouble): worth a retry. */
  | { status: 'failed'; error: unknown }
  | { status: 'ready'; session: PublicFormSession }

/** Opens the channel named by the page's `c` (H5 link) or `scene` (WeChat code) parameter. A channel of the other
 * kind (a feedback code on the join page) counts as dead: the server would refuse the submission. Besides the
 * state it returns `retry` (after a failure) and `markDead` (a submission learnt that the channel is gone). */
export function usePublicForm(expectedKind: PublicChannel['kind']): [PublicFormState, () => void, () => void] {
  const router = useRouter()
  const [channelToken] = useState(() => channelTokenFromParams(router.params))
  const [state, setState] = useState<PublicFormState>(() => (channelToken ? { status: 'loading' } : { status: 'dead' }))
  const [attempt, setAttempt] = useState(0)

  useEffect(() => {
    if (!channelToken) return undefined
    let current = true
    setState({ status: 'loading' })
    PublicFormSession.open(channelToken).then(
      (session) => current && setState(session.channel.kind === expectedKind ? { status: 'ready', session } : { status: 'dead' }),
      (error: unknown) => current && setState(isDeadChannel(error) ? { status: 'dead' } : { status: 'failed', error }),
    )
    return () => {
      current = false
    }
  }, [channelToken, attempt, expectedKind])

  const retry = useCallback(() => setAttempt((count) => count + 1), [])
  const markDead = useCallback(() => setState({ status: 'dead' }), [])
  return [state, retry, markDead]
}
