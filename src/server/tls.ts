/**
 * Issue #11: built-in TLS for a town without a reverse proxy (TLS_CERT_FILE + TLS_KEY_FILE, PEM).
 * A reverse proxy (nginx, Caddy) in front with TRUST_PROXY is the usual way; see docs/operations.md.
 */
import fs from 'node:fs';
import type { AppConfig } from '../config.ts';

export function tlsServerOptions(
  config: Pick<AppConfig, 'tls'>,
): { https: { cert: Buffer; key: Buffer } } | Record<string, never> {
  if (!config.tls) return {};
  const read = (name: string, file: string) => {
    try {
      return fs.readFileSync(file);
    } catch (err) {
      throw new Error(`${name} cannot be read (${file}): ${(err as Error).message}`);
    }
  };
  return {
    https: {
      cert: read('TLS_CERT_FILE', config.tls.certFile),
      key: read('TLS_KEY_FILE', config.tls.keyFile),
    },
  };
}

/**
 * Issue #11: `doorstep serve` refuses to start in production without PUBLIC_URL — printed QR
 * codes would point to localhost.
 */
export function assertServable(config: Pick<AppConfig, 'env' | 'publicUrlSet'>): void {
  if (config.env === 'production' && !config.publicUrlSet)
    throw new Error(
      'PUBLIC_URL is required in production: set it to the address residents and stations open (e.g. https://doorstep.example.gov.cn or http://192.168.1.10:3000); printed QR codes and links use it.',
    );
}
