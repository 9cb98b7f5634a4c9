import { Alert, Table } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { isApiError } from '../../api/client';
import type { CatalogImportResult } from '../../api/catalog-types';
import { errorText } from '../../lib/errors';
import { describeRefusals, type Refusal, type RefusalPlace } from './import-refusals';
import { ReasonText } from './ReasonText';

export type Outcome =
  | { kind: 'done'; result: CatalogImportResult }
  | { kind: 'refused'; error: unknown; sentItems: readonly unknown[] | undefined };

function Done({ result }: { result: CatalogImportResult }) {
  const { t } = useTranslation();
  return (
    <Alert
      role="status"
      type="success"
      showIcon
      data-testid="catalog-import-done"
      title={t('catalog.io.doneTitle')}
      description={
        <div className="import-done">
          <p>{t('catalog.io.doneRead', { n: result.read })}</p>
          <ul className="import-counts">
            <li data-testid="import-created">
              {t('catalog.io.doneCreated', { n: result.created.length })}
            </li>
            <li data-testid="import-versioned">
              {t('catalog.io.doneVersioned', { n: result.versioned.length })}
            </li>
            <li data-testid="import-unchanged">
              {t('catalog.io.doneUnchanged', { n: result.unchanged })}
            </li>
          </ul>
          {result.created.length > 0 && (
            <ul className="code-list">
              {result.created.map((code) => (
                <li key={code}>
                  <Link to={`/catalog/${code}`} className="mono">
                    {code}
                  </Link>
                </li>
              ))}
            </ul>
          )}
          {result.versioned.length > 0 && (
            <ul className="code-list">
              {result.versioned.map((v) => (
                <li key={v.code}>
                  <Link to={`/catalog/${v.code}`}>
                    {t('catalog.io.versionedTo', { code: v.code, version: v.version })}
                  </Link>
                </li>
              ))}
            </ul>
          )}
        </div>
      }
    />
  );
}

function usePlaceText() {
  const { t } = useTranslation();
  return (place: RefusalPlace): string => {
    switch (place.kind) {
      case 'item':
        return place.code
          ? t('catalog.io.placeItemCode', { n: place.n, code: place.code })
          : t('catalog.io.placeItem', { n: place.n });
      case 'row': {
        const sheet =
          place.sheet === 'items'
            ? t('catalog.io.sheetItems')
            : place.sheet === 'materials'
              ? t('catalog.io.sheetMaterials')
              : place.sheet;
        return t('catalog.io.placeRow', { sheet, row: place.row });
      }
      case 'file':
        return t('catalog.io.placeFile');
    }
  };
}

/** Nothing was imported: the whole list of refusals, by row and reason. */
function Refused({
  error,
  sentItems,
}: {
  error: unknown;
  sentItems: readonly unknown[] | undefined;
}) {
  const { t } = useTranslation();
  const placeText = usePlaceText();
  const refusals = isApiError(error) ? describeRefusals(error.errors, sentItems) : [];
  const detail = isApiError(error) ? error.detail : undefined;
  return (
    <div className="import-refused" data-testid="catalog-import-refused">
      <Alert
        role="alert"
        type="error"
        showIcon
        title={t('catalog.io.nothingImported')}
        description={
          <>
            <p>
              {refusals.length > 0
                ? t('catalog.io.refusedHelp', { n: refusals.length })
                : errorText(t, error)}
            </p>
            {detail && <p className="mono">{detail}</p>}
          </>
        }
      />
      {refusals.length > 0 && (
        <Table<Refusal & { id: number }>
          className="refusal-table"
          data-testid="catalog-import-refusals"
          size="small"
          rowKey="id"
          pagination={refusals.length > 50 ? { pageSize: 50 } : false}
          dataSource={refusals.map((r, id) => ({ ...r, id }))}
          tableLayout="fixed"
          scroll={{ x: 640 }}
          columns={[
            {
              title: t('catalog.io.where'),
              key: 'where',
              width: 170,
              render: (_: unknown, r: Refusal) => placeText(r.place),
            },
            {
              title: t('catalog.io.field'),
              dataIndex: 'field',
              width: 190,
              render: (v: string) => <span className="mono field-path">{v || '—'}</span>,
            },
            {
              title: t('catalog.io.reason'),
              dataIndex: 'message',
              render: (v: string) => <ReasonText message={v} />,
            },
          ]}
        />
      )}
    </div>
  );
}

export function ImportOutcome({ outcome }: { outcome: Outcome }) {
  return outcome.kind === 'done' ? (
    <Done result={outcome.result} />
  ) : (
    <Refused error={outcome.error} sentItems={outcome.sentItems} />
  );
}
