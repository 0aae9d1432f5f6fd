import { useQuery } from '@tanstack/react-query';
import { useEffect, useState } from 'react';

/**
 * An object URL for an image the API serves only with the bearer token (QR codes, feedback photos):
 * the bytes are fetched through the typed client and cached like any query, and the URL is revoked when
 * the blob changes or the component goes.
 */
export function useObjectUrl(
  queryKey: readonly unknown[],
  fetchBlob: (signal: AbortSignal) => Promise<Blob>,
  enabled = true,
) {
  const blob = useQuery({
    queryKey,
    queryFn: ({ signal }) => fetchBlob(signal),
    enabled,
    staleTime: 5 * 60_000,
  });
  const [url, setUrl] = useState<string | null>(null);
  useEffect(() => {
    if (!blob.data) {
      setUrl(null);
      return undefined;
    }
    const created = URL.createObjectURL(blob.data);
    setUrl(created);
    return () => URL.revokeObjectURL(created);
  }, [blob.data]);
  return { url, blob: blob.data, isPending: blob.isPending && enabled, error: blob.error };
}
