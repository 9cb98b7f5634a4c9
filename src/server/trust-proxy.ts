import net from 'node:net';

/**
 * Which proxy hops may set X-Forwarded-For. Trusting every hop (`true`) lets any caller
 * pick their own address and walk past every per-address limit, so only these forms are accepted:
 *
 * - unset / `false` / `0`: no proxy; the socket's address is the client.
 * - a hop count (`1`, `2`): that many proxies in front of the app, e.g. one nginx.
 * - a list of proxy addresses or CIDR ranges (`10.0.0.5,10.1.0.0/16`): hops from those are trusted.
 * - `true`: read as 1 hop, with a warning at start-up (the old README value).
 */
export type TrustProxy = false | number | string[];

export interface ParsedTrustProxy {
  trustProxy: TrustProxy;
  warning?: string;
}

export function parseTrustProxy(raw: string | undefined): ParsedTrustProxy {
  const value = (raw ?? '').trim();
  if (value === '' || value === 'false' || value === '0') return { trustProxy: false };
  if (value === 'true') {
    return {
      trustProxy: 1,
      warning:
        'TRUST_PROXY=true is read as 1 proxy hop; set the hop count or the proxy addresses (e.g. TRUST_PROXY=1 or TRUST_PROXY=10.0.0.5)',
    };
  }
  if (/^\d+$/.test(value)) {
    const hops = Number(value);
    if (hops > 10) throw new Error(`TRUST_PROXY: ${hops} proxy hops is implausible (at most 10)`);
    return { trustProxy: hops };
  }
  const entries = value
    .split(',')
    .map((s) => s.trim())
    .filter((s) => s.length > 0);
  for (const entry of entries) {
    if (!isAddressOrCidr(entry)) {
      throw new Error(
        `TRUST_PROXY must be false, a hop count, or proxy addresses/CIDR ranges (bad entry: ${entry})`,
      );
    }
  }
  return { trustProxy: entries };
}

function isAddressOrCidr(entry: string): boolean {
  const [address, bits, extra] = entry.split('/');
  if (extra !== undefined || !address) return false;
  const family = net.isIP(address);
  if (family === 0) return false;
  if (bits === undefined) return true;
  if (!/^\d+$/.test(bits)) return false;
  return Number(bits) <= (family === 4 ? 32 : 128);
}

/** Fastify's `trustProxy` option for a parsed value (its types take a hop count as a function). */
export function fastifyTrustProxy(
  trust: TrustProxy,
): boolean | string[] | ((address: string, hop: number) => boolean) {
  if (typeof trust === 'number') return (_address, hop) => hop < trust;
  return trust;
}
