/**
 * Idempotency keys for creating POSTs: one fresh key per submission, reused when the same
 * body is sent again (a retry after a network error), replaced when the body changes (the
 * server refuses a reused key with a different body).
 */

/** A random v4 UUID; also in plain-http deployments, where crypto.randomUUID is absent. */
export function randomUuid(): string {
  if (typeof crypto.randomUUID === 'function') return crypto.randomUUID();
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  bytes[6] = ((bytes[6] ?? 0) & 0x0f) | 0x40;
  bytes[8] = ((bytes[8] ?? 0) & 0x3f) | 0x80;
  const hex = Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

export interface IdempotencyKeeper {
  /** The key to send with this body. */
  keyFor(body: unknown): string;
  /** Forget the key once the submission is settled (success or a final refusal). */
  reset(): void;
}

export function createIdempotencyKeeper(newKey: () => string = randomUuid): IdempotencyKeeper {
  let last: { body: string; key: string } | null = null;
  return {
    keyFor(body) {
      const json = JSON.stringify(body);
      if (last?.body !== json) last = { body: json, key: newKey() };
      return last.key;
    },
    reset() {
      last = null;
    },
  };
}
