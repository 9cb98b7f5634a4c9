/**
 * Password rules: 12–200 characters and not a common or breached password. zxcvbn-ts with
 * its common-password list (passwords-common, ~30k from breaches) and keyboard/sequence/date
 * patterns scores each password; below 3 ("safely unguessable: moderate protection from an
 * offline attack") is refused. The account's own names count as known words.
 */
import { ZxcvbnFactory } from '@zxcvbn-ts/core';
import * as common from '@zxcvbn-ts/language-common';

export const PASSWORD_MIN_LENGTH = 12;
export const PASSWORD_MAX_LENGTH = 200;
export const PASSWORD_MIN_SCORE = 3;

let factory: ZxcvbnFactory | null = null;

function estimator(): ZxcvbnFactory {
  factory ??= new ZxcvbnFactory({
    dictionary: { ...common.dictionary },
    graphs: common.adjacencyGraphs,
  });
  return factory;
}

export type PasswordVerdict = 'ok' | 'too_short' | 'too_long' | 'too_common';

export function judgePassword(password: string, userInputs: string[] = []): PasswordVerdict {
  if (password.length < PASSWORD_MIN_LENGTH) return 'too_short';
  if (password.length > PASSWORD_MAX_LENGTH) return 'too_long';
  const inputs = userInputs.filter((s) => s.length > 0);
  return estimator().check(password, inputs).score >= PASSWORD_MIN_SCORE ? 'ok' : 'too_common';
}
