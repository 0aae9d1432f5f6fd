// H5: a browser has no wx.login; WeChat sign-in and binding are offered only in the mini-program.

export const RUNS_IN_WECHAT = false

export async function wechatLoginCode(): Promise<string> {
  throw new Error('wx.login exists only in the WeChat mini-program')
}
