import { View } from '@tarojs/components'

// Placeholder while the staff side of issue 6 is built.
export default function RegistrationsPage() {
  return <View className="page" />
}
