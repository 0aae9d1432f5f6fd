import type { StringKey, StringParams } from '../i18n/strings'
import type { PublicLimits } from './public-api'

/** Where a picked photo's bytes are: WeChat's temporary file path, or the browser's File on H5. */
export type PhotoSource = string | Blob

/** A photo the customer picked, before or after it is uploaded. */
export interface PickedPhoto {
  /** Our own id for the photo on this page (uploads are redone under a new form token). */
  localId: string
  source: PhotoSource
  /** What the thumbnail shows: the temporary path in WeChat, an object URL on H5. */
  previewUrl: string
  /** The type the platform reports; undefined when it cannot tell. */
  contentType: string | undefined
  byteSize: number
  fileName: string
}

export interface PhotoProblem {
  key: Extract<StringKey, 'photoTypeNotAllowed' | 'photoTooLarge' | 'tooManyPhotos'>
  params: StringParams
}

const TYPES_BY_EXTENSION: Record<string, string> = {
  jpg: 'image/jpeg',
  jpeg: 'image/jpeg',
  png: 'image/png',
  webp: 'image/webp',
}

/** The image type a file name or WeChat temporary path suggests (WeChat does not report one). */
export function contentTypeFromName(name: string): string | undefined {
  const extension = /\.([A-Za-z0-9]+)$/.exec(name)?.[1]?.toLowerCase()
  return extension ? TYPES_BY_EXTENSION[extension] : undefined
}

const megabytes = (bytes: number): number => Math.round((bytes / (1024 * 1024)) * 10) / 10

export function photoProblemParams(limits: PublicLimits): StringParams {
  return { max: limits.maxPhotos, size: megabytes(limits.maxPhotoBytes) }
}

/** Why this one photo cannot be sent, checked before uploading; the server checks the bytes again. */
export function checkPhoto(photo: Pick<PickedPhoto, 'contentType' | 'byteSize'>, limits: PublicLimits): PhotoProblem | undefined {
  const params = photoProblemParams(limits)
  if (!photo.contentType || !(limits.photoTypes as readonly string[]).includes(photo.contentType)) {
    return { key: 'photoTypeNotAllowed', params }
  }
  if (photo.byteSize > limits.maxPhotoBytes) return { key: 'photoTooLarge', params }
  return undefined
}

/**
 * Which of the newly picked photos can join the `alreadyPicked` ones: those of an allowed type and size, up to
 * the limit. The first problem met is reported, so the customer learns why a photo did not appear.
 */
export function admitPhotos(
  alreadyPicked: number,
  candidates: readonly PickedPhoto[],
  limits: PublicLimits,
): { accepted: PickedPhoto[]; problem: PhotoProblem | undefined } {
  const accepted: PickedPhoto[] = []
  let problem: PhotoProblem | undefined
  for (const candidate of candidates) {
    const own = checkPhoto(candidate, limits)
    if (!own && alreadyPicked + accepted.length >= limits.maxPhotos) {
      problem ??= { key: 'tooManyPhotos', params: photoProblemParams(limits) }
    } else if (own) {
      problem ??= own
    } else {
      accepted.push(candidate)
    }
  }
  return { accepted, problem }
}
