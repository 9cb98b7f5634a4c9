/**
 * Password rules: 12–200 characters and not a common or breached password. zxcvbn-ts with
 * its common-password list (passwords-common, ~30k from breaches) and keyboard/sequence/date
 * patterns scores each password; below 3 ("safely unguessable: moderate protection from an
 * offline attack") is refused. The account's own names count as known words.
 */
import type { ZxcvbnFactory } from '@zxcvbn-ts/core';

export const PASSWORD_MIN_LENGTH = 12;
export const PASSWORD_MAX_LENGTH = 200;
export const PASSWORD_MIN_SCORE = 3;

let factory: Promise<ZxcvbnFactory> | null = null;

/**
 * Loaded at the first password set, not at boot: the dictionaries weigh ~20 MB of a town
 * server's memory, and passwords are set rarely (issue #10 point 17).
 */
function estimator(): Promise<ZxcvbnFactory> {
  factory ??= Promise.all([import('@zxcvbn-ts/core'), import('@zxcvbn-ts/language-common')]).then(
    ([core, common]) =>
      new core.ZxcvbnFactory({
        dictionary: { ...common.dictionary },
        graphs: common.adjacencyGraphs,
      }),
  );
  return factory;
}

export type PasswordVerdict = 'ok' | 'too_short' | 'too_long' | 'too_common';

export async function judgePassword(
  password: string,
  userInputs: string[] = [],
): Promise<PasswordVerdict> {
  if (password.length < PASSWORD_MIN_LENGTH) return 'too_short';
  if (password.length > PASSWORD_MAX_LENGTH) return 'too_long';
  const inputs = userInputs.filter((s) => s.length > 0);
  return (await estimator()).check(password, inputs).score >= PASSWORD_MIN_SCORE
    ? 'ok'
    : 'too_common';
}
