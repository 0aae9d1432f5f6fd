import { z } from 'zod'
import 'zod-openapi'

/** Largest stored preference, as UTF-8 JSON. */
export const maxPreferenceBytes = 16 * 1024

export const PreferenceParams = z.object({
  key: z
    .string()
    .regex(/^[A-Za-z0-9][A-Za-z0-9_.-]{0,99}$/, { error: 'validation.preference_key' })
    .meta({ description: 'Letters, digits, `.`, `_` and `-`, up to 100', example: 'customers.columns' }),
})

const JsonValue = z.unknown().meta({ description: 'Any JSON value', example: { visible: ['name', 'primaryPhone', 'owner'] } })

export const Preference = z
  .object({
    key: z.string().meta({ example: 'customers.columns' }),
    value: JsonValue.meta({ description: 'The stored JSON, or null when unset' }),
  })
  .meta({ id: 'Preference' })

export const PreferenceInput = z
  .strictObject({
    value: JsonValue.refine((value) => value !== undefined, { error: 'validation.required' }).refine(
      (value) => Buffer.byteLength(JSON.stringify(value) ?? '', 'utf8') <= maxPreferenceBytes,
      { error: 'validation.preference_too_large' },
    ),
  })
  .meta({ id: 'PreferenceInput', description: 'Any JSON up to 16 KB; null clears the preference' })

export type PreferenceDto = z.infer<typeof Preference>
