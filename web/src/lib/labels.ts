import type { Grant } from '../api/types';

/** The server's role label in the UI language. */
export function roleLabel(grant: Pick<Grant, 'roleLabel'>, language: string): string {
  return language === 'en' ? grant.roleLabel.en : grant.roleLabel.zh;
}
