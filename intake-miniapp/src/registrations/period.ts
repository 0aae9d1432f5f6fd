import type { Registration } from '../api/types'

// "My registrations": the customers the staff member registered today or this week (the server decides
// the period in China time), shown newest first and paged with the server's cursor.

export type RegistrationPeriod = 'today' | 'week'

export const REGISTRATION_PERIODS: readonly RegistrationPeriod[] = ['today', 'week']

/** Rows per page. */
export const REGISTRATIONS_PAGE_SIZE = 20

export const isRegistrationPeriod = (value: unknown): value is RegistrationPeriod => value === 'today' || value === 'week'

const pad = (value: number) => String(value).padStart(2, '0')

/**
 * When a customer was registered, as short as the period allows, in the phone's time: `14:05` today,
 * `11-24 14:05` within the week. Something not from the current day (a week row) always shows its date.
 */
export function formatRegisteredAt(iso: string, period: RegistrationPeriod, now: Date = new Date()): string {
  const at = new Date(iso)
  if (Number.isNaN(at.getTime())) return ''
  const time = `${pad(at.getHours())}:${pad(at.getMinutes())}`
  const sameDay = at.getFullYear() === now.getFullYear() && at.getMonth() === now.getMonth() && at.getDate() === now.getDate()
  return period === 'today' && sameDay ? time : `${pad(at.getMonth() + 1)}-${pad(at.getDate())} ${time}`
}

/** A further page added to what is shown; rows already there (the list moved while paging) stay once. */
export function appendPage(shown: readonly Registration[], page: readonly Registration[]): Registration[] {
  const seen = new Set(shown.map((row) => row.id))
  return [...shown, ...page.filter((row) => !seen.has(row.id))]
}
