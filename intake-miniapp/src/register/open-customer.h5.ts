import type { StringKey, StringParams } from '../i18n/strings'
import type { DuplicateNotice } from './duplicates'

type Translate = (key: StringKey, params?: StringParams) => string

/** Path of a customer's page in the console, which the same server serves on this origin. */
export const consoleCustomerPath = (customerId: string): string => `/customers/${encodeURIComponent(customerId)}`

/** H5: opens the customer's page in the console, in this tab (the form is not needed once the customer
 * turns out to exist). The console has its own sign-in. */
export async function openExistingCustomer(notice: DuplicateNotice, _t: Translate): Promise<void> {
  window.location.assign(consoleCustomerPath(notice.customerId))
}
