import { Text, View } from '@tarojs/components'
import type { ReactNode } from 'react'

interface FormFieldProps {
  label: string
  required?: boolean
  error?: string
  children: ReactNode
}

/** A labelled form row with the field's error (client-side or from the server) right under it. */
export function FormField({ label, required = false, error, children }: FormFieldProps) {
  return (
    <View className={error ? 'field field--invalid' : 'field'}>
      <View className="field__label">
        <Text>{label}</Text>
        {required ? <Text className="field__required">*</Text> : null}
      </View>
      <View className="field__control">{children}</View>
      {error ? <Text className="field__error">{error}</Text> : null}
    </View>
  )
}
