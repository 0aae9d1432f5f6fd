import { AppError } from '../http/errors.js'
import type { MessageKey } from '../http/i18n.js'

/** Where a keyset page stopped: the last row's time (under the list's own name for it) and its id, which breaks ties. */
export type KeysetPosition<TimeField extends string> = { [field in TimeField]: Date } & { id: string }

export interface KeysetCursor<TimeField extends string> {
  encode(position: KeysetPosition<TimeField>): string
  /** The position, or 422 on `cursor` when the server did not make this cursor. */
  decode(cursor: string): KeysetPosition<TimeField>
}

const uuidShape = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i

/**
 * Cursors of lists ordered by (time, id) descending: `time|id` in base64url, so clients treat them as tokens, not as data.
 * `messageKey` exists because the timeline has always answered `validation.invalid` where the other lists say `validation.cursor`.
 */
export const keysetCursor = <TimeField extends string>(
  timeField: TimeField,
  messageKey: MessageKey = 'validation.cursor',
): KeysetCursor<TimeField> => ({
  encode: (position) => Buffer.from(`${position[timeField].toISOString()}|${position.id}`, 'utf8').toString('base64url'),
  decode: (cursor) => {
    const [iso = '', id = ''] = Buffer.from(cursor, 'base64url').toString('utf8').split('|')
    const at = new Date(iso)
    if (!uuidShape.test(id) || Number.isNaN(at.getTime()) || at.toISOString() !== iso) {
      throw new AppError('VALIDATION_FAILED', { fieldProblems: [{ field: 'cursor', messageKey }] })
    }
    return { [timeField]: at, id } as KeysetPosition<TimeField>
  },
})
