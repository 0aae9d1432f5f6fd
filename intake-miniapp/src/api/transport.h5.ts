import type { HttpRequest, HttpResponse } from './transport'

// On H5, Taro.request wraps fetch together with fetch, AbortController and JSONP polyfills (about 18 KB
// gzipped) that the phones this page targets do not need, so the browser's fetch is used directly.

/** Sends a JSON request with the browser's fetch. Rejects only when no response came. */
export async function sendHttp(request: HttpRequest): Promise<HttpResponse> {
  const controller = request.timeoutMs === undefined ? undefined : new AbortController()
  const timer = controller ? setTimeout(() => controller.abort(), request.timeoutMs) : undefined
  try {
    const response = await fetch(request.url, {
      method: request.method.toUpperCase(),
      headers: request.headers,
      body: request.body === undefined ? undefined : JSON.stringify(request.body),
      signal: controller?.signal,
    })
    return { status: response.status, data: parseJson(await response.text()) }
  } finally {
    if (timer !== undefined) clearTimeout(timer)
  }
}

function parseJson(text: string): unknown {
  try {
    return text ? JSON.parse(text) : null
  } catch {
    // A body that is not JSON (a proxy's error page, say) is reported as an unexpected response.
    return null
  }
}
