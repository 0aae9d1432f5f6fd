import { View } from '@tarojs/components'
import Taro from '@tarojs/taro'
import { BUTTON_ROLE } from '../components/accessibility'
import { contentTypeFromName, type PickedPhoto } from './photos'
import { randomId } from './random-id'

export interface PhotoPickerProps {
  label: string
  /** Accessible name of the H5 file input (WeChat has none). */
  fileInputLabel: string
  /** How many more photos the form takes. */
  remaining: number
  onPicked: (photos: PickedPhoto[]) => void
}

const isCancel = (error: unknown): boolean =>
  typeof error === 'object' && error !== null && /cancel/i.test(String((error as { errMsg?: unknown }).errMsg))

/** Opens WeChat's album/camera chooser. The H5 build uses photo-picker.h5.tsx (a file input). */
export function PhotoPicker({ label, remaining, onPicked }: PhotoPickerProps) {
  const pick = async () => {
    try {
      const chosen = await Taro.chooseMedia({ count: remaining, mediaType: ['image'], sourceType: ['album', 'camera'], sizeType: ['compressed'] })
      onPicked(
        chosen.tempFiles.map((file) => ({
          localId: randomId(12),
          source: file.tempFilePath,
          previewUrl: file.tempFilePath,
          contentType: contentTypeFromName(file.tempFilePath),
          byteSize: file.size,
          fileName: file.tempFilePath.split('/').pop() ?? 'photo',
        })),
      )
    } catch (error) {
      if (!isCancel(error)) throw error
    }
  }
  return (
    <View className="photo-picker" aria-label={label} onClick={() => void pick()} {...BUTTON_ROLE}>
      ＋ {label}
    </View>
  )
}
