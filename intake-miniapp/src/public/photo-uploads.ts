import { ApiError } from '../api/client'
import type { PublicFormSession } from './form-session'
import type { PickedPhoto } from './photos'
import type { UploadedPhoto } from './public-api'

export type PhotoUploader = (photo: PickedPhoto, formToken: string) => Promise<UploadedPhoto>

/**
 * The server ids of the picked photos. A photo counts for the form token it was uploaded with, so each is
 * uploaded once per form token: at once when picked, and again at submit when the token was renewed since.
 */
export class PhotoUploads {
  private readonly uploads = new Map<string, Promise<string>>()

  constructor(
    private readonly session: PublicFormSession,
    private readonly upload: PhotoUploader,
  ) {}

  /** Uploads a newly picked photo. `pickedCount` is how many photos the form holds with it. */
  async add(photo: PickedPhoto, pickedCount: number): Promise<string> {
    try {
      return await this.session.withFormToken((formToken) => this.idWith(photo, formToken))
    } catch (error) {
      // The server counts every upload of a form token, removed photos included. When the form itself is
      // within the limit, a new form token starts the count afresh (the others are uploaded again at submit).
      const countedRemovedOnes = error instanceof ApiError && error.code === 'TOO_MANY_PHOTOS' && pickedCount <= this.session.limits.maxPhotos
      if (!countedRemovedOnes) throw error
      await this.session.renew()
      return this.idWith(photo, this.session.formToken)
    }
  }

  /** The ids of `photos` under `formToken`, uploading those not yet uploaded with it (one after another). */
  async idsWith(photos: readonly PickedPhoto[], formToken: string): Promise<string[]> {
    const ids: string[] = []
    for (const photo of photos) ids.push(await this.idWith(photo, formToken))
    return ids
  }

  forget(localId: string): void {
    for (const key of [...this.uploads.keys()]) if (key.startsWith(`${localId}|`)) this.uploads.delete(key)
  }

  private idWith(photo: PickedPhoto, formToken: string): Promise<string> {
    const key = `${photo.localId}|${formToken}`
    let pending = this.uploads.get(key)
    if (!pending) {
      pending = this.upload(photo, formToken).then((uploaded) => uploaded.id)
      // A failed upload is tried again next time rather than remembered.
      pending.catch(() => this.uploads.delete(key))
      this.uploads.set(key, pending)
    }
    return pending
  }
}
