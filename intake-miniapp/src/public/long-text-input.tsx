import { Textarea } from '@tarojs/components'

export interface LongTextInputProps {
  label: string
  value: string
  placeholder: string
  maxLength: number
  onChange: (value: string) => void
}

/** A multi-line text field (WeChat's textarea). The H5 build uses long-text-input.h5.tsx, a plain <textarea>:
 * Taro's H5 Textarea comes from its web-components library, which the rest of the H5 page does without. */
export function LongTextInput({ label, value, placeholder, maxLength, onChange }: LongTextInputProps) {
  return (
    <Textarea
      className="long-text"
      value={value}
      placeholder={placeholder}
      maxlength={maxLength}
      autoHeight
      aria-label={label}
      onInput={(event) => onChange(event.detail.value)}
    />
  )
}
