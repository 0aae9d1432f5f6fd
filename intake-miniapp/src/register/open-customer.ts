import Taro from '@tarojs/taro'
import type { StringKey, StringParams } from '../i18n/strings'
import type { DuplicateNotice } from './duplicates'

type Translate = (key: StringKey, params?: StringParams) => string

/**
 * WeChat: the mini-program has no customer page yet and cannot open the console, so it shows who the
 * customer is and their id (which the console's search finds), and offers to copy the id.
 * The H5 build uses open-customer.h5.ts.
 */
export async function openExistingCustomer(notice: DuplicateNotice, t: Translate): Promise<void> {
  const result = await Taro.showModal({
    title: t('duplicateCustomerTitle'),
    content: t('duplicateCustomerDetail', { name: notice.name ?? '—', id: notice.customerId }),
    confirmText: t('duplicateCopyId'),
    cancelText: t('duplicateEdit'),
  })
  if (!result.confirm) return
  await Taro.setClipboardData({ data: notice.customerId })
  void Taro.showToast({ title: t('duplicateIdCopied'), icon: 'none' })
}
