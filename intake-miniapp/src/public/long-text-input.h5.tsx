import type { LongTextInputProps } from './long-text-input'

/** A multi-line text field: the browser's own textarea. */
export function LongTextInput({ label, value, placeholder, maxLength, onChange }: LongTextInputProps) {
  return (
    <textarea
      className="long-text"
      value={value}
      placeholder={placeholder}
      maxLength={maxLength}
      rows={5}
      aria-label={label}
      onChange={(event) => onChange(event.target.value)}
    />
  )
}
