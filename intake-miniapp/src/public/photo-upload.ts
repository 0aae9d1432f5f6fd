import Taro from '@tarojs/taro'
import type { PickedPhoto } from './photos'
import { networkError, publicHeaders, publicResult, type UploadedPhoto } from './public-api'

function parseBody(text: unknown): unknown {
  if (typeof text !== 'string') return text
  try {
    return text ? JSON.parse(text) : null
  } catch {
    // Not JSON (a proxy's error page, say): reported as an unexpected response.
    return null
  }
}

/** Uploads one photo with WeChat's uploader (multipart, field `photo`). The H5 build uses photo-upload.h5.ts. */
export async function uploadPhoto(photo: PickedPhoto, formToken: string): Promise<UploadedPhoto> {
  if (typeof photo.source !== 'string') throw new Error('In WeChat a photo is a temporary file path')
  let response: { status: number; data: unknown }
  try {
    const answer = await Taro.uploadFile({
      url: `${API_BASE_URL}/api/public/photos`,
      filePath: photo.source,
      name: 'photo',
      header: publicHeaders({ formToken }),
    })
    response = { status: answer.statusCode, data: parseBody(answer.data) }
  } catch (cause) {
    throw networkError(cause)
  }
  return publicResult<UploadedPhoto>(response)
}
