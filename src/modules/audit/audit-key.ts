import crypto from 'node:crypto';

/**
 * The keys of the audit chain (X-4, issue #10 point 16). They are never stored in the database:
 * someone who can write the database but does not hold the key cannot re-chain edited events.
 * One 32-byte root — `DOORSTEP_AUDIT_KEY` when set, otherwise derived from `DOORSTEP_DATA_KEY` with
 * its own HKDF label — gives one key for the event MACs and one for the checkpoint signatures.
 */
export interface AuditKeys {
  chain: Buffer;
  checkpoint: Buffer;
}

function hkdf(root: Buffer, info: string): Buffer {
  return Buffer.from(crypto.hkdfSync('sha256', root, Buffer.alloc(0), info, 32));
}

/** The root: `auditKey` (base64, 32 bytes) wins over the one derived from the data key. */
export function auditRootKey(input: { dataKey: Buffer; auditKey?: string | undefined }): Buffer {
  if (!input.auditKey) return hkdf(input.dataKey, 'doorstep/audit-root/v1');
  const root = Buffer.from(input.auditKey, 'base64');
  if (root.length !== 32) throw new Error('DOORSTEP_AUDIT_KEY must be 32 bytes, base64-encoded');
  return root;
}

/** `auditKey` (base64, 32 bytes) wins over the data key when both are given. */
export function deriveAuditKeys(input: {
  dataKey: Buffer;
  auditKey?: string | undefined;
}): AuditKeys {
  const root = auditRootKey(input);
  return {
    chain: hkdf(root, 'doorstep/audit-chain/v1'),
    checkpoint: hkdf(root, 'doorstep/audit-checkpoint/v1'),
  };
}

let installed: AuditKeys | null = null;

/**
 * Every audited write in this process chains with these keys. Installed once at start (serve, CLI,
 * test helpers, benches) — like the data key, it is configuration, not shared state.
 */
export function installAuditKeys(keys: AuditKeys): void {
  installed = keys;
}

export function currentAuditKeys(): AuditKeys {
  if (!installed)
    throw new Error('the audit key is not installed: call installAuditKeys() at start-up');
  return installed;
}
