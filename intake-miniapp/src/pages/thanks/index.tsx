import { View } from '@tarojs/components'

// Placeholder while the customer side of issue 6 is built.
export default function ThanksPage() {
  return <View className="page" />
}
