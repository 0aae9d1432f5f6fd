import Taro from '@tarojs/taro'

/** WeChat: calls `callback` whenever the phone regains a connection. Returns the unsubscribe function.
 * The H5 build uses network-events.h5.ts. */
export function onNetworkBack(callback: () => void): () => void {
  const listener = (status: { isConnected: boolean }) => {
    if (status.isConnected) callback()
  }
  Taro.onNetworkStatusChange(listener)
  return () => Taro.offNetworkStatusChange(listener)
}
