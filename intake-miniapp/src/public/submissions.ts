import { toFeedbackPayload, type FeedbackFormState } from './feedback-form'
import type { PublicFormSession } from './form-session'
import { toRegistrationPayload, type JoinFormState, type RegistrationClient } from './join-form'
import type { PhotoUploads } from './photo-uploads'
import type { PickedPhoto } from './photos'
import { postFeedback, postRegistration, type FeedbackReceipt, type RegistrationReceipt } from './public-api'

/**
 * Sends a validated feedback form with its photos. Photos not yet uploaded under the current form token are
 * uploaded first; an expired form token is renewed once and everything sent again, with the same key.
 */
export function sendFeedback(options: {
  session: PublicFormSession
  uploads: PhotoUploads
  idempotencyKey: string
  form: FeedbackFormState
  photos: readonly PickedPhoto[]
}): Promise<FeedbackReceipt> {
  const { session, uploads, idempotencyKey, form, photos } = options
  return session.withFormToken(async (formToken) => {
    const photoIds = await uploads.idsWith(photos, formToken)
    return postFeedback(formToken, idempotencyKey, toFeedbackPayload(form, photoIds))
  })
}

// The same code runs in WeChat and as the H5 page; the server records which one the consent was given in.
const REGISTRATION_CLIENT: RegistrationClient = process.env.TARO_ENV === 'h5' ? 'h5' : 'miniapp'

/** Sends a validated self-registration; an expired form token is renewed once, with the same key. */
export function sendRegistration(session: PublicFormSession, idempotencyKey: string, form: JoinFormState): Promise<RegistrationReceipt> {
  return session.withFormToken((formToken) =>
    postRegistration(formToken, idempotencyKey, toRegistrationPayload(form, REGISTRATION_CLIENT)),
  )
}
