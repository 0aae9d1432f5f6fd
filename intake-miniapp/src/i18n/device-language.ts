import Taro from '@tarojs/taro'

/** The phone's language tag as WeChat reports it (e.g. `zh_CN`, `en`). The H5 build uses
 * device-language.h5.ts, which asks the browser and keeps Taro's system-info code out of the bundle. */
export function deviceLanguageTag(): string | undefined {
  try {
    return Taro.getAppBaseInfo().language
  } catch {
    // Older WeChat base libraries lack getAppBaseInfo; the default language is then used.
    return undefined
  }
}
