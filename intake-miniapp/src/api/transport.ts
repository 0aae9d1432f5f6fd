import Taro from '@tarojs/taro'
import type { HttpMethod } from './types'

export interface HttpRequest {
  method: HttpMethod
  url: string
  headers: Record<string, string>
  body?: unknown
  /** Milliseconds to wait for an answer before giving up (rejecting as if no answer came). */
  timeoutMs?: number
}

export interface HttpResponse {
  status: number
  data: unknown
}

/** Sends a JSON request with WeChat's networking (Taro.request). Rejects only when no response came. */
export async function sendHttp(request: HttpRequest): Promise<HttpResponse> {
  const response = await Taro.request<unknown>({
    url: request.url,
    method: request.method.toUpperCase() as keyof Taro.request.Method,
    data: request.body,
    header: request.headers,
    dataType: 'json',
    timeout: request.timeoutMs,
  })
  return { status: response.statusCode, data: response.data }
}
