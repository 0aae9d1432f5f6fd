import Taro from '@tarojs/taro'

// Page paths as Taro knows them; on H5 the router shows them as /m/login, /m/register, /m/success.
export const LOGIN_PAGE = '/pages/login/index'
export const REGISTER_PAGE = '/pages/register/index'
export const SUCCESS_PAGE = '/pages/success/index'

/** Leaves whatever page is open for the login page; `expired` tells it to say why. */
export function goToLogin(options: { expired?: boolean } = {}): void {
  void Taro.reLaunch({ url: options.expired ? `${LOGIN_PAGE}?expired=1` : LOGIN_PAGE })
}

export function goToRegister(): void {
  void Taro.redirectTo({ url: REGISTER_PAGE })
}

export function goToSuccess(customerName: string): void {
  void Taro.redirectTo({ url: `${SUCCESS_PAGE}?name=${encodeURIComponent(customerName)}` })
}

// Staff pages of issue 6: my registrations, editing a customer, the account.
export const REGISTRATIONS_PAGE = '/pages/registrations/index'
export const EDIT_PAGE = '/pages/edit/index'
export const ACCOUNT_PAGE = '/pages/account/index'

/** Opens a submission from the outbox in a fresh register form (whatever pages were open before are closed). */
export function goToRegisterWithOutboxItem(key: string): void {
  void Taro.reLaunch({ url: `${REGISTER_PAGE}?outbox=${encodeURIComponent(key)}` })
}

export function goToRegistrations(): void {
  void Taro.navigateTo({ url: REGISTRATIONS_PAGE })
}

export function goToEdit(customerId: string): void {
  void Taro.navigateTo({ url: `${EDIT_PAGE}?id=${encodeURIComponent(customerId)}` })
}

export function goToAccount(): void {
  void Taro.navigateTo({ url: ACCOUNT_PAGE })
}

/** Back to the page this one was opened from; to the register form when there is none (an H5 page opened
 * directly by its address). */
export function goBackOrRegister(): void {
  if (Taro.getCurrentPages().length > 1) void Taro.navigateBack()
  else goToRegister()
}

// Customer pages (reached by QR code, never signed in).
export const THANKS_PAGE = '/pages/thanks/index'

export type ThanksKind = 'feedback' | 'join'

/** Replaces the filled form with the thank-you page, so that going back does not show the sent form again. */
export function goToThanks(kind: ThanksKind, feedbackNumber?: string | number): void {
  const number = feedbackNumber === undefined ? '' : `&number=${encodeURIComponent(String(feedbackNumber))}`
  void Taro.redirectTo({ url: `${THANKS_PAGE}?kind=${kind}${number}` })
}
