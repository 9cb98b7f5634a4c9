import { FileAddOutlined, UploadOutlined } from '@ant-design/icons';
import { Alert, Button, Card } from 'antd';
import { useId, useRef, useState, type ChangeEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { importCatalogJson, importCatalogXlsx } from '../../api/catalog';
import type { CatalogImportResult } from '../../api/catalog-types';
import { useAction } from '../../lib/use-action';
import { itemsOfJsonFile } from './import-refusals';
import { ImportOutcome, type Outcome } from './ImportOutcome';

const MAX_BYTES = 5 * 1024 * 1024;

type Chosen =
  | { format: 'xlsx'; name: string; size: number; bytes: ArrayBuffer }
  | { format: 'json'; name: string; size: number; items: unknown[] };

function sizeText(bytes: number): string {
  return bytes < 1024 * 1024
    ? `${Math.max(1, Math.round(bytes / 1024))} KB`
    : `${(bytes / 1024 / 1024).toFixed(1)} MB`;
}

/** Upload .xlsx (sent as the raw file) or .json (sent as its items); all or nothing. */
export function ImportCard({ town }: { town?: string | undefined }) {
  const { t } = useTranslation();
  const inputId = useId();
  const input = useRef<HTMLInputElement>(null);
  const [chosen, setChosen] = useState<Chosen | null>(null);
  const [readError, setReadError] = useState<string | null>(null);
  const [outcome, setOutcome] = useState<Outcome | null>(null);

  const reset = () => {
    setChosen(null);
    setReadError(null);
    setOutcome(null);
    if (input.current) input.current.value = '';
  };

  const onFile = async (event: ChangeEvent<HTMLInputElement>) => {
    const file = event.target.files?.[0];
    setOutcome(null);
    setReadError(null);
    setChosen(null);
    if (!file) return;
    const name = file.name.toLowerCase();
    if (file.size > MAX_BYTES) return setReadError(t('catalog.io.tooBig'));
    if (name.endsWith('.xlsx')) {
      setChosen({
        format: 'xlsx',
        name: file.name,
        size: file.size,
        bytes: await file.arrayBuffer(),
      });
      return;
    }
    if (!name.endsWith('.json')) return setReadError(t('catalog.io.wrongType'));
    let parsed: unknown;
    try {
      parsed = JSON.parse(await file.text());
    } catch (error) {
      const reason = error instanceof Error ? error.message : String(error);
      return setReadError(t('catalog.io.badJson', { reason }));
    }
    const items = itemsOfJsonFile(parsed);
    if (!items) return setReadError(t('catalog.io.noItems'));
    setChosen({ format: 'json', name: file.name, size: file.size, items });
  };

  // A refusal is an outcome shown in full (the rows and why), not an error line.
  const importing = useAction(async (file: Chosen) => {
    setOutcome(null);
    const request: Promise<CatalogImportResult> =
      file.format === 'xlsx'
        ? importCatalogXlsx(file.bytes, town)
        : importCatalogJson(file.items, town);
    await request.then(
      (result) => setOutcome({ kind: 'done', result }),
      (error: unknown) =>
        setOutcome({
          kind: 'refused',
          error,
          sentItems: file.format === 'json' ? file.items : undefined,
        }),
    );
  });
  const busy = importing.busy;
  const startImport = () => {
    if (chosen) void importing.run(chosen);
  };

  return (
    <Card className="io-card" title={<h2 className="card-title">{t('catalog.io.importTitle')}</h2>}>
      <p className="io-help">{t('catalog.io.importHelp')}</p>
      <div className="io-buttons">
        <input
          ref={input}
          id={inputId}
          type="file"
          accept=".xlsx,.json,application/json,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
          className="visually-hidden file-input"
          data-testid="catalog-import-file"
          onChange={(e) => void onFile(e)}
        />
        <label htmlFor={inputId} className="file-label">
          <FileAddOutlined aria-hidden /> {t('catalog.io.chooseFile')}
        </label>
        {chosen && (
          <Button
            type="primary"
            icon={<UploadOutlined aria-hidden />}
            loading={busy}
            onClick={startImport}
            data-testid="catalog-import-start"
          >
            {t('catalog.io.startImport')}
          </Button>
        )}
        {(chosen || outcome || readError) && (
          <Button onClick={reset} disabled={busy}>
            {t('catalog.io.clear')}
          </Button>
        )}
      </div>
      {chosen && (
        <p className="io-chosen" data-testid="catalog-import-chosen">
          {t('catalog.io.chosen', { name: chosen.name, size: sizeText(chosen.size) })}
          {chosen.format === 'json' &&
            ` · ${t('catalog.io.chosenItems', { n: chosen.items.length })}`}
        </p>
      )}
      {readError && <Alert type="error" showIcon role="alert" title={readError} />}
      {outcome && <ImportOutcome outcome={outcome} />}
    </Card>
  );
}
