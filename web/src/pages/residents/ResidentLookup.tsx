import { SearchOutlined } from '@ant-design/icons';
import { Button, Form, Input, type InputRef } from 'antd';
import { useRef, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { isApiError } from '../../api/client';
import { lookupResident } from '../../api/residents';
import type { Resident } from '../../api/types';
import { errorText } from '../../lib/errors';
import { checkIdNumber, normaliseIdInput } from '../../lib/id-number';
import { useAction } from '../../lib/use-action';

export type LookupResult =
  { kind: 'found'; resident: Resident } | { kind: 'notFound'; idNumber: string };

/**
 * Exact lookup by ID number. Works with an ID-card reader that "types" the number and presses
 * Enter: the box has focus from the start, keeps only digits and X, and selects its text after
 * each lookup so the next card simply replaces it.
 */
export function ResidentLookup({
  onResult,
  lookup = lookupResident,
}: {
  onResult: (result: LookupResult) => void;
  /** The lookup itself; the workbench's also finds residents it looked up before a network cut. */
  lookup?: (idNumber: string) => Promise<Resident>;
}) {
  const { t } = useTranslation();
  const inputRef = useRef<InputRef>(null);
  const [value, setValue] = useState('');
  const [problem, setProblem] = useState<string | null>(null);

  const readyForNext = () => {
    setTimeout(() => inputRef.current?.select(), 0);
  };
  // "Not found" is an answer (register them), not an error line.
  const find = useAction(async (idNumber: string) => {
    try {
      onResult({ kind: 'found', resident: await lookup(idNumber) });
    } catch (error) {
      if (isApiError(error) && error.code === 'RESIDENT_NOT_FOUND') {
        onResult({ kind: 'notFound', idNumber });
      } else {
        setProblem(errorText(t, error));
      }
    } finally {
      readyForNext();
    }
  });
  const busy = find.busy;

  const submit = (event?: FormEvent) => {
    event?.preventDefault();
    if (busy) return;
    // Read the box itself: a card reader types fast and presses Enter at once.
    const check = checkIdNumber(normaliseIdInput(inputRef.current?.input?.value ?? value));
    if (!check.ok) {
      setProblem(t(`idNumber.${check.problem}`));
      readyForNext();
      return;
    }
    setProblem(null);
    void find.run(check.value);
  };

  return (
    <form className="resident-lookup" onSubmit={submit} role="search" noValidate>
      <Form.Item
        label={t('lookup.label')}
        htmlFor="resident-lookup-input"
        validateStatus={problem ? 'error' : undefined}
        help={problem ?? t('lookup.help')}
        layout="vertical"
      >
        <div className="resident-lookup-row">
          <Input
            id="resident-lookup-input"
            ref={inputRef}
            data-testid="resident-lookup-input"
            size="large"
            value={value}
            onChange={(e) => {
              setValue(normaliseIdInput(e.target.value));
              setProblem(null);
            }}
            placeholder={t('lookup.placeholder')}
            autoComplete="off"
            spellCheck={false}
            autoFocus
            className="id-input"
            aria-describedby="resident-lookup-help"
          />
          <Button
            data-testid="resident-lookup-submit"
            type="primary"
            size="large"
            htmlType="submit"
            icon={<SearchOutlined aria-hidden />}
            loading={busy}
          >
            {t('lookup.submit')}
          </Button>
        </div>
      </Form.Item>
    </form>
  );
}
