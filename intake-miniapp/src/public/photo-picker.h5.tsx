import { View } from '@tarojs/components'
import { useRef } from 'react'
import { BUTTON_ROLE } from '../components/accessibility'
import type { PhotoPickerProps } from './photo-picker'
import type { PickedPhoto } from './photos'
import { randomId } from './random-id'

const ACCEPTED_TYPES = 'image/jpeg,image/png,image/webp'

/** A visible button that opens the browser's file chooser (a labelled file input, kept out of sight). */
export function PhotoPicker({ label, fileInputLabel, remaining, onPicked }: PhotoPickerProps) {
  const input = useRef<HTMLInputElement>(null)
  const picked = (files: FileList | null) => {
    const photos: PickedPhoto[] = Array.from(files ?? []).map((file) => ({
      localId: randomId(12),
      source: file,
      previewUrl: URL.createObjectURL(file),
      contentType: file.type || undefined,
      byteSize: file.size,
      fileName: file.name,
    }))
    // The same file can be chosen again after it was removed.
    if (input.current) input.current.value = ''
    if (photos.length) onPicked(photos)
  }
  return (
    <View className="photo-picker-wrap">
      <View className="photo-picker" aria-label={label} onClick={() => input.current?.click()} {...BUTTON_ROLE}>
        ＋ {label}
      </View>
      <input
        ref={input}
        className="visually-hidden"
        type="file"
        accept={ACCEPTED_TYPES}
        multiple={remaining > 1}
        aria-label={fileInputLabel}
        tabIndex={-1}
        onChange={(event) => picked(event.target.files)}
      />
    </View>
  )
}
