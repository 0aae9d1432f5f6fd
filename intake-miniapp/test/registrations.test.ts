import { describe, expect, it } from 'vitest'
import type { Registration } from '../src/api/types'
import { appendPage, formatRegisteredAt, isRegistrationPeriod } from '../src/registrations/period'

// Local times are built with the Date constructor, so the stories hold in any time zone the tests run in.
const now = new Date(2026, 10, 24, 16, 30)

describe('my registrations', () => {
  it('shows only the time for a customer registered today', () => {
    expect(formatRegisteredAt(new Date(2026, 10, 24, 9, 5).toISOString(), 'today', now)).toBe('09:05')
  })

  it('shows the day as well within the week', () => {
    expect(formatRegisteredAt(new Date(2026, 10, 23, 18, 40).toISOString(), 'week', now)).toBe('11-23 18:40')
    expect(formatRegisteredAt(new Date(2026, 10, 24, 9, 5).toISOString(), 'week', now)).toBe('11-24 09:05')
  })

  it("shows the day on the today tab when the phone's day differs from the server's China day", () => {
    expect(formatRegisteredAt(new Date(2026, 10, 23, 23, 50).toISOString(), 'today', now)).toBe('11-23 23:50')
  })

  it('shows nothing for a time it cannot read', () => {
    expect(formatRegisteredAt('not a time', 'today', now)).toBe('')
  })

  it('adds a further page without repeating rows the list already shows', () => {
    const row = (id: string) => ({ id, name: id }) as Registration
    expect(appendPage([row('a'), row('b')], [row('b'), row('c')]).map((shown) => shown.id)).toEqual(['a', 'b', 'c'])
  })

  it('knows its two periods', () => {
    expect(isRegistrationPeriod('today')).toBe(true)
    expect(isRegistrationPeriod('week')).toBe(true)
    expect(isRegistrationPeriod('month')).toBe(false)
  })
})
