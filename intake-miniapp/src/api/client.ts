import { clearSession, readSession, saveSession } from '../auth/session'
import { getLanguage } from '../i18n/language'
import { goToLogin } from '../routes'
import { sendHttp, type HttpResponse } from './transport'
import type {
  ApiPath,
  ApiRequestOptions,
  ApiResponse,
  FieldError,
  HttpMethod,
  ServerErrorCode,
  Session,
} from './types'

/** Failures that never reached the server or came back in an unknown shape. */
export type ClientErrorCode = 'NETWORK_ERROR' | 'UNEXPECTED_RESPONSE'

/** A failed API call: the server's `{ code, message, details }`, or a client-side code. */
export class ApiError {
  readonly name = 'ApiError'

  constructor(
    readonly status: number,
    readonly code: ServerErrorCode | ClientErrorCode,
    readonly message: string,
    readonly details: FieldError[] = [],
  ) {}
}

const isRecord = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null

function isFieldError(value: unknown): value is FieldError {
  return (
    isRecord(value) &&
    typeof value.field === 'string' &&
    typeof value.message === 'string' &&
    (value.existingCustomerId === undefined || typeof value.existingCustomerId === 'string')
  )
}

export function errorFromResponse(response: HttpResponse): ApiError {
  const body = response.data
  if (isRecord(body) && typeof body.code === 'string' && typeof body.message === 'string') {
    const details = Array.isArray(body.details) ? body.details.filter(isFieldError) : []
    // The server only sends codes of its schema; an unknown one is still reported as sent.
    return new ApiError(response.status, body.code as ServerErrorCode, body.message, details)
  }
  return new ApiError(response.status, 'UNEXPECTED_RESPONSE', `HTTP ${response.status}`)
}

/** Fills `{name}` segments of an OpenAPI path and appends the query string. */
export function buildUrl(
  path: string,
  pathParams: Record<string, string | number> | undefined,
  query: Record<string, string | number | boolean | undefined> | undefined,
): string {
  const filled = path.replace(/\{(\w+)\}/g, (_segment, name: string) => {
    const value = pathParams?.[name]
    if (value === undefined) throw new Error(`Missing path parameter "${name}" for ${path}`)
    return encodeURIComponent(String(value))
  })
  const search = Object.entries(query ?? {})
    .filter((entry): entry is [string, string | number | boolean] => entry[1] !== undefined && entry[1] !== '')
    .map(([key, value]) => `${encodeURIComponent(key)}=${encodeURIComponent(String(value))}`)
    .join('&')
  return search ? `${filled}?${search}` : filled
}

/** What a call may add to the request besides its body. */
interface SendExtras {
  /** Extra request headers (e.g. `Idempotency-Key`); the client's own headers win over them. */
  headers?: Record<string, string>
  /** Give up waiting after this long; the call then fails with NETWORK_ERROR like a lost connection. */
  timeoutMs?: number
}

async function send(
  method: HttpMethod,
  url: string,
  body: unknown,
  accessToken: string | undefined,
  extras: SendExtras = {},
): Promise<HttpResponse> {
  const headers: Record<string, string> = { ...extras.headers, 'Accept-Language': getLanguage() }
  if (accessToken) headers.Authorization = `Bearer ${accessToken}`
  if (body !== undefined) headers['Content-Type'] = 'application/json'
  try {
    return await sendHttp({ method, url: `${API_BASE_URL}${url}`, headers, body, timeoutMs: extras.timeoutMs })
  } catch (cause) {
    const message = isRecord(cause) && typeof cause.errMsg === 'string' ? cause.errMsg : 'request failed'
    throw new ApiError(0, 'NETWORK_ERROR', message)
  }
}

// Several calls can fail with 401 at once; they share one refresh, because a refresh token works once.
let refreshInFlight: Promise<Session | undefined> | undefined

async function refreshSession(current: Session): Promise<Session | undefined> {
  if (!refreshInFlight) {
    refreshInFlight = (async () => {
      const body: ApiRequestOptions<'/api/auth/refresh', 'post'>['body'] = { refreshToken: current.refreshToken }
      const response = await send('post', '/api/auth/refresh', body, undefined)
      if (response.status !== 200) return undefined
      const renewed = response.data as Session
      saveSession(renewed)
      return renewed
    })().finally(() => {
      refreshInFlight = undefined
    })
  }
  return refreshInFlight
}

function endSession(): never {
  clearSession()
  goToLogin({ expired: true })
  throw new ApiError(401, 'UNAUTHENTICATED', 'session expired')
}

/**
 * Calls the API with types taken from the OpenAPI document. Resolves with the success body, rejects with
 * an ApiError. An authenticated call that gets 401 refreshes the tokens once and retries; when that fails
 * too, the session is dropped and the app returns to the login page.
 */
export async function apiRequest<M extends HttpMethod, P extends ApiPath<M>>(
  method: M,
  path: P,
  options: ApiRequestOptions<P, M>,
): Promise<ApiResponse<P, M>> {
  const { body, authenticated = true, headers, timeoutMs } = options
  const extras: SendExtras = { headers, timeoutMs }
  const url = buildUrl(
    path,
    options.path as Record<string, string | number> | undefined,
    options.query as Record<string, string | number | boolean | undefined> | undefined,
  )
  const session = authenticated ? readSession() : undefined
  if (authenticated && !session) endSession()

  let response = await send(method, url, body, session?.accessToken, extras)
  if (response.status === 401 && session) {
    const renewed = await refreshSession(session)
    if (!renewed) endSession()
    response = await send(method, url, body, renewed.accessToken, extras)
    if (response.status === 401) endSession()
  }
  if (response.status < 200 || response.status >= 300) throw errorFromResponse(response)
  // The body's shape is the server's promise in the OpenAPI document these types come from.
  return (response.status === 204 ? undefined : response.data) as ApiResponse<P, M>
}
