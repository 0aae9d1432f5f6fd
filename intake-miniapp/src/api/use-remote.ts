import { useCallback, useEffect, useState } from 'react'
import { deferUntilWanted } from './defer-until-wanted'

export type RemoteState<Data> = { status: 'loading' } | { status: 'failed' } | { status: 'ready'; data: Data }

/** Loads something once it is wanted (see deferUntilWanted), with a retry for when it failed. */
export function useRemote<Data>(load: () => Promise<Data>): [RemoteState<Data>, () => void] {
  const [state, setState] = useState<RemoteState<Data>>({ status: 'loading' })
  const start = useCallback(() => {
    let current = true
    setState({ status: 'loading' })
    load().then(
      (data) => current && setState({ status: 'ready', data }),
      () => current && setState({ status: 'failed' }),
    )
    // A page that has already been left must not be updated by a late answer.
    return () => {
      current = false
    }
  }, [load])
  useEffect(() => {
    let stop: (() => void) | undefined
    const cancelWait = deferUntilWanted(() => {
      stop = start()
    })
    return () => {
      cancelWait()
      stop?.()
    }
  }, [start])
  return [state, start]
}
