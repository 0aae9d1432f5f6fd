// Request and response types derived from the OpenAPI document (`pnpm gen:api` writes schema.d.ts);
// nothing here restates a shape of the API by hand.
import type { components, paths } from './schema'

export type HttpMethod = 'get' | 'post' | 'patch' | 'delete'

/** The paths that accept `method`. */
export type ApiPath<M extends HttpMethod> = {
  [P in keyof paths]: paths[P][M] extends { responses: object } ? P : never
}[keyof paths]

type Operation<P extends keyof paths, M extends HttpMethod> = paths[P][M]

type JsonContent<Part> = Part extends { content: { 'application/json': infer Body } } ? Body : undefined

type SuccessStatus = 200 | 201 | 204

type ResponsesOf<O> = O extends { responses: infer Responses } ? Responses : never

/** The JSON body of a successful response (`undefined` for 204). */
export type ApiResponse<P extends keyof paths, M extends HttpMethod> = JsonContent<
  ResponsesOf<Operation<P, M>>[SuccessStatus & keyof ResponsesOf<Operation<P, M>>]
>

type BodyOption<O> = O extends { requestBody: { content: { 'application/json': infer Body } } }
  ? { body: Body }
  : O extends { requestBody?: { content: { 'application/json': infer Body } } }
    ? { body?: Body }
    : { body?: undefined }

type PathOption<O> = O extends { parameters: { path: infer PathParams } } ? { path: PathParams } : { path?: undefined }

type QueryOption<O> = O extends { parameters: { query?: infer Query } }
  ? [Query] extends [undefined] ? { query?: undefined } : { query?: Query }
  : { query?: undefined }

export type ApiRequestOptions<P extends keyof paths, M extends HttpMethod> = BodyOption<Operation<P, M>> &
  PathOption<Operation<P, M>> &
  QueryOption<Operation<P, M>> & {
    /** Send the bearer token and recover from an expired one (default true). */
    authenticated?: boolean
    /** Extra request headers, such as `Idempotency-Key`. */
    headers?: Record<string, string>
    /** Fail with NETWORK_ERROR when no answer came within this many milliseconds. */
    timeoutMs?: number
  }

export type ErrorResponse = components['schemas']['ErrorResponse']
export type FieldError = components['schemas']['FieldError']
export type ServerErrorCode = components['schemas']['ErrorCode']

/** Tokens and the user, as a finished sign-in and every refresh answer them. */
export type Session = ApiResponse<'/api/auth/refresh', 'post'>
/** Tokens, or the two-factor step that is due (`mfa`). */
export type LoginResult = ApiResponse<'/api/auth/login', 'post'>
export type MfaVerifyRequest = NonNullable<BodyOption<Operation<'/api/auth/mfa/verify', 'post'>>['body']>
export type CustomerInput = NonNullable<BodyOption<Operation<'/api/customers', 'post'>>['body']>
export type Customer = ApiResponse<'/api/customers', 'post'>
export type Gender = NonNullable<CustomerInput['gender']>
export type PhoneInput = NonNullable<CustomerInput['phones']>[number]
export type PhoneType = NonNullable<PhoneInput['type']>
export type AddressInput = NonNullable<CustomerInput['addresses']>[number]
export type Tag = ApiResponse<'/api/tags', 'get'>['items'][number]
export type Group = ApiResponse<'/api/groups', 'get'>['items'][number]
export type DuplicateMatch = ApiResponse<'/api/customers/duplicates', 'get'>['matches'][number]
export type CustomerDetail = ApiResponse<'/api/customers/{id}', 'get'>
export type CustomerPatch = NonNullable<BodyOption<Operation<'/api/customers/{id}', 'patch'>>['body']>
export type EmailInput = NonNullable<CustomerInput['emails']>[number]
export type RegistrationPage = ApiResponse<'/api/me/registrations', 'get'>
export type Registration = RegistrationPage['items'][number]
export type WechatStatus = ApiResponse<'/api/me/wechat', 'get'>
