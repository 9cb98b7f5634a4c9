import fs from 'node:fs';
import path from 'node:path';
import type { AppConfig } from '../config.ts';
import { newMasterKey, parseMasterKey } from '../modules/residents/pii-crypto.ts';

export interface Warn {
  warn(obj: object, msg: string): void;
}

/**
 * The master key for personal data. Production: only from DOORSTEP_DATA_KEY. Development: a key
 * file under the data folder is created on first start, with a warning.
 */
export function resolveDataKey(config: AppConfig, log: Warn): Buffer {
  if (config.dataKey) return parseMasterKey(config.dataKey);
  if (config.env === 'production') {
    throw new Error('DOORSTEP_DATA_KEY is required in production (32 random bytes, base64)');
  }
  const file = path.join(config.dataDir, 'dev-data-key.txt');
  if (!fs.existsSync(file)) {
    fs.mkdirSync(config.dataDir, { recursive: true });
    fs.writeFileSync(file, `${newMasterKey()}\n`, { mode: 0o600 });
    log.warn(
      { file },
      'DOORSTEP_DATA_KEY not set: created a development key. Never use it in production.',
    );
  } else {
    log.warn({ file }, 'DOORSTEP_DATA_KEY not set: using the development key file.');
  }
  return parseMasterKey(fs.readFileSync(file, 'utf8').trim());
}
