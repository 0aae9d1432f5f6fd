/** H5: calls `callback` when the browser is back online, and when the tab comes back into view (a phone
 * that slept through the reconnect may not report 'online'). Returns the unsubscribe function. */
export function onNetworkBack(callback: () => void): () => void {
  const whenVisible = () => {
    if (document.visibilityState === 'visible') callback()
  }
  window.addEventListener('online', callback)
  document.addEventListener('visibilitychange', whenVisible)
  return () => {
    window.removeEventListener('online', callback)
    document.removeEventListener('visibilitychange', whenVisible)
  }
}
