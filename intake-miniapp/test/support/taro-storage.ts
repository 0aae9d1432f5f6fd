// An in-memory stand-in for Taro's storage (tests run in Node, outside WeChat and the browser).
export const storage = new Map<string, unknown>()

export const taroStorageModule = () => ({
  default: {
    getStorageSync: (key: string) => storage.get(key) ?? '',
    setStorageSync: (key: string, value: unknown) => storage.set(key, structuredClone(value)),
    removeStorageSync: (key: string) => storage.delete(key),
    getAppBaseInfo: () => ({ language: 'zh_CN' }),
  },
})
