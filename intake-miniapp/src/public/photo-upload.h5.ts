import type { PickedPhoto } from './photos'
import { networkError, publicHeaders, publicResult, type UploadedPhoto } from './public-api'

/** Uploads one photo with the browser's fetch and FormData (multipart, field `photo`); the browser sets the
 * multipart Content-Type with its boundary. */
export async function uploadPhoto(photo: PickedPhoto, formToken: string): Promise<UploadedPhoto> {
  if (typeof photo.source === 'string') throw new Error('On H5 a photo is a File')
  const form = new FormData()
  form.append('photo', photo.source, photo.fileName)
  let response: { status: number; data: unknown }
  try {
    const answer = await fetch(`${API_BASE_URL}/api/public/photos`, { method: 'POST', headers: publicHeaders({ formToken }), body: form })
    const text = await answer.text()
    let data: unknown = null
    try {
      data = text ? JSON.parse(text) : null
    } catch {
      // Not JSON (a proxy's error page, say): reported as an unexpected response.
    }
    response = { status: answer.status, data }
  } catch (cause) {
    throw networkError(cause)
  }
  return publicResult<UploadedPhoto>(response)
}
