import { View } from '@tarojs/components'

// Placeholder while the staff side of issue 6 is built.
export default function EditPage() {
  return <View className="page" />
}
