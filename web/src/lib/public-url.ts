import { useEffect, useState } from 'react';
import { apiClient, must } from '../api/client';

/**
 * Issue #11: one source for every link a resident keeps (QR codes, tracking links) — the server's
 * PUBLIC_URL from GET /api/v1/meta, not the address this browser happens to use (a clerk on
 * http://localhost or a LAN address would print a link no phone can open). Until the answer
 * arrives (or if it fails) the browser's own origin stands in.
 */
let known: string | undefined;
let pending: Promise<string> | undefined;

export function loadPublicUrl(): Promise<string> {
  pending ??= must(apiClient.GET('/api/v1/meta')).then(
    (meta) => (known = meta.publicUrl.replace(/\/+$/, '')),
    () => {
      pending = undefined; // try again next time
      return window.location.origin;
    },
  );
  return pending;
}

/** The public URL now: the server's when known, else the browser's origin. */
export function publicUrlNow(): string {
  return known ?? window.location.origin;
}

/** The public URL for rendering; re-renders once the server's answer arrives. */
export function usePublicUrl(): string {
  const [url, setUrl] = useState(publicUrlNow);
  useEffect(() => {
    let live = true;
    void loadPublicUrl().then((u) => {
      if (live) setUrl(u);
    });
    return () => {
      live = false;
    };
  }, []);
  return url;
}
