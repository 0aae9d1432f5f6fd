/** Page parameters arrive still URL-encoded, in WeChat and in Taro's H5 router alike. */
function decodeParam(raw: string | undefined): string {
  if (!raw) return ''
  try {
    return decodeURIComponent(raw).trim()
  } catch {
    return raw.trim()
  }
}

/**
 * The channel token a customer's QR code carries: `?c=<token>` in the H5 link, the `scene` of a WeChat
 * mini-program code (WeChat hands it over URL-encoded). `c` is accepted in WeChat too, for links that open the
 * page directly. Undefined when neither is there.
 */
export function channelTokenFromParams(params: Partial<Record<string, string | undefined>>): string | undefined {
  const token = decodeParam(params.c) || decodeParam(params.scene)
  return token || undefined
}
