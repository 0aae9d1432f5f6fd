import { View } from '@tarojs/components'

// Placeholder while the customer side of issue 6 is built.
export default function JoinPage() {
  return <View className="page" />
}
