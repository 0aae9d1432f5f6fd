import Taro from '@tarojs/taro'

// WeChat sign-in and binding exist only inside the mini-program; the H5 build uses wechat.h5.ts.

/** Whether this build runs inside WeChat, where wx.login gives a code. */
export const RUNS_IN_WECHAT = true

/** A fresh wx.login code (valid once, for about five minutes). */
export async function wechatLoginCode(): Promise<string> {
  const { code } = await Taro.login()
  return code
}
