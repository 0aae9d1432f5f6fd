import type { DuplicateMatch, FieldError } from '../api/types'
import { formSlotForServerPath, type FormSlot } from './customer-form'

/** An existing customer that already has a phone or email typed into the form. */
export interface DuplicateNotice {
  customerId: string
  /** Null when that customer is outside the staff member's data scope: the server does not name them. */
  name: string | null
  /** The server's own sentence from a 409, shown instead when the lookup could not name the customer. */
  serverMessage?: string
}

/** Duplicate notices by where they are shown: a phone row (`phones.1`) or `email`. */
export type DuplicateNotices = Partial<Record<FormSlot, DuplicateNotice>>

/** The customer to point at when a duplicate lookup found any (the first match; there is rarely more). */
export function noticeFromMatches(matches: readonly DuplicateMatch[]): DuplicateNotice | undefined {
  const [first] = matches
  return first ? { customerId: first.customerId, name: first.name ?? null } : undefined
}

/**
 * Reads a 409 CUSTOMER_DUPLICATE: each detail names the field sent (`phones.0.number`, `emails.0.address`)
 * and the customer that has it. The name is not part of it; the caller looks it up.
 */
export function duplicateSlotsFromConflict(
  details: readonly FieldError[],
  phoneRows: readonly number[],
): Array<{ slot: FormSlot; customerId: string; message: string }> {
  const found: Array<{ slot: FormSlot; customerId: string; message: string }> = []
  for (const detail of details) {
    const customerId = detail.existingCustomerId
    const slot = formSlotForServerPath(detail.field, phoneRows)
    if (customerId && slot && !found.some((entry) => entry.slot === slot)) found.push({ slot, customerId, message: detail.message })
  }
  return found
}
