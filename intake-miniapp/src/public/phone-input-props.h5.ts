/** A browser's number input drops "+86" and spaces, ignores maxlength and is announced as a spin button;
 * a text input with the telephone keypad suits a phone number. */
export const PHONE_INPUT_PROPS = { type: 'text', inputMode: 'tel' } as const
