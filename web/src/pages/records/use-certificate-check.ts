import { useCallback, useEffect, useState } from 'react';
import { verifyCertificate, type VerifyView } from '../../api/records';
import { useKeyedAction } from '../../lib/use-action';

interface Outcome {
  number: string;
  found: VerifyView | null;
  error: unknown;
}

/**
 * 证明核验 (VS-8) for both verify pages (the staff shell's and the light entry's): checks the
 * number in the address as soon as it changes, and again on demand. Each number is its own
 * action (useKeyedAction), and only the answer for the number in the address is shown, so a slow
 * answer for a number typed before never stands under another one.
 */
export function useCertificateCheck(numberInAddress: string) {
  const [outcome, setOutcome] = useState<Outcome | null>(null);
  const verify = useKeyedAction(async (number: string) => {
    try {
      setOutcome({ number, found: await verifyCertificate(number), error: null });
    } catch (error) {
      setOutcome({ number, found: null, error });
    }
  });
  const { run } = verify;
  const check = useCallback((number: string) => void run(number, number), [run]);
  useEffect(() => {
    if (numberInAddress) check(numberInAddress);
  }, [numberInAddress, check]);
  const shown = outcome?.number === numberInAddress ? outcome : null;
  return {
    found: shown?.found ?? null,
    error: shown?.error ?? null,
    busy: verify.isBusy(numberInAddress),
    check,
  };
}
