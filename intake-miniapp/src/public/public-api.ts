import { ApiError, buildUrl, errorFromResponse } from '../api/client'
import { sendHttp, type HttpResponse } from '../api/transport'
import type { ApiRequestOptions, ApiResponse, HttpMethod } from '../api/types'
import { getLanguage } from '../i18n/language'
import { getDeviceId } from './device-id'

// Customers are not signed in: these calls carry the device id (and, for submissions, the form token and an
// idempotency key) instead of a session, and a 401 never sends anyone to the login page.

export type ChannelOpening = ApiResponse<'/api/public/channels/{token}', 'get'>
export type PublicChannel = ChannelOpening['channel']
export type PublicLimits = ChannelOpening['limits']
export type FeedbackPayload = NonNullable<ApiRequestOptions<'/api/public/feedback', 'post'>['body']>
export type FeedbackReceipt = ApiResponse<'/api/public/feedback', 'post'>
export type RegistrationPayload = NonNullable<ApiRequestOptions<'/api/public/registrations', 'post'>['body']>
export type RegistrationReceipt = ApiResponse<'/api/public/registrations', 'post'>
export type UploadedPhoto = ApiResponse<'/api/public/photos', 'post'>

const isRecord = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null

// A customer standing at the counter should not stare at a spinner for WeChat's default minute: after this the
// call counts as a network failure, and pressing submit again resends with the same idempotency key.
const PUBLIC_TIMEOUT_MS = 20_000

/** The headers every public call carries; `formToken` and `idempotencyKey` only where the call needs them. */
export function publicHeaders(extra: { formToken?: string; idempotencyKey?: string } = {}): Record<string, string> {
  const headers: Record<string, string> = { 'Accept-Language': getLanguage(), 'X-Device-Id': getDeviceId() }
  if (extra.formToken) headers['X-Form-Token'] = extra.formToken
  if (extra.idempotencyKey) headers['Idempotency-Key'] = extra.idempotencyKey
  return headers
}

/** A call that never reached the server (or whose answer never came back). */
export function networkError(cause: unknown): ApiError {
  const message = isRecord(cause) && typeof cause.errMsg === 'string' ? cause.errMsg : 'request failed'
  return new ApiError(0, 'NETWORK_ERROR', message)
}

/** The success body of a public call, or the server's error as an ApiError. */
export function publicResult<Body>(response: HttpResponse): Body {
  if (response.status < 200 || response.status >= 300) throw errorFromResponse(response)
  // The body's shape is the server's promise in the OpenAPI document the types come from.
  return response.data as Body
}

async function sendPublic<Body>(method: HttpMethod, url: string, headers: Record<string, string>, body?: unknown): Promise<Body> {
  let response: HttpResponse
  try {
    response = await sendHttp({
      method,
      url: `${API_BASE_URL}${url}`,
      headers: body === undefined ? headers : { ...headers, 'Content-Type': 'application/json' },
      body,
      timeoutMs: PUBLIC_TIMEOUT_MS,
    })
  } catch (cause) {
    throw networkError(cause)
  }
  return publicResult<Body>(response)
}

/** Opens a QR channel: who the customer is talking to, a fresh form token and the upload limits. */
export function openChannel(channelToken: string): Promise<ChannelOpening> {
  const url = buildUrl('/api/public/channels/{token}', { token: channelToken }, undefined)
  return sendPublic<ChannelOpening>('get', url, publicHeaders())
}

export function postFeedback(formToken: string, idempotencyKey: string, body: FeedbackPayload): Promise<FeedbackReceipt> {
  return sendPublic<FeedbackReceipt>('post', '/api/public/feedback', publicHeaders({ formToken, idempotencyKey }), body)
}

export function postRegistration(
  formToken: string,
  idempotencyKey: string,
  body: RegistrationPayload,
): Promise<RegistrationReceipt> {
  return sendPublic<RegistrationReceipt>('post', '/api/public/registrations', publicHeaders({ formToken, idempotencyKey }), body)
}
