import { Text } from '@tarojs/components'

/** The sentence under a form that says what stopped it (read out when it appears); nothing when all is well. */
export function FormError({ message }: { message: string | undefined | null }) {
  return message ? (
    <Text className="form-error" aria-live="polite">
      {message}
    </Text>
  ) : null
}
