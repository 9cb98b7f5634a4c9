import { DownloadOutlined } from '@ant-design/icons';
import { Breadcrumb, Button, Input } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { programFigures, programFiguresXlsxUrl } from '../../api/program-figures';
import { ErrorAlert } from '../../components/ErrorAlert';
import { PageSpinner } from '../../components/FullPageSpinner';
import { PageHeading } from '../../components/PageHeading';
import { useAsync } from '../../lib/use-async';
import { ProgramFiguresBody } from './ProgramFiguresBody';
import '../records/records.css';

/**
 * CP-5 program figures: KPI cards, a bar chart per child region, how offers ended, the same numbers
 * in tables (regions below, programs) and the Excel export. Click a child region to go down; the
 * breadcrumb goes back up.
 */
export default function ProgramFiguresPage() {
  const { t, i18n } = useTranslation();
  const [path, setPath] = useState<{ code: string; name: string }[]>([]);
  const [from, setFrom] = useState('');
  const [to, setTo] = useState('');
  const [applied, setApplied] = useState<{ from?: string; to?: string }>({});
  const region = path.length ? path[path.length - 1]!.code : undefined;
  const query = { regionCode: region, ...applied };
  const state = useAsync(
    (signal) => programFigures(query, signal),
    `${region ?? ''}|${applied.from ?? ''}|${applied.to ?? ''}`,
  );
  const f = state.data;
  const goTo = (idx: number) => setPath((p) => p.slice(0, idx));

  return (
    <div className="page fig-page">
      <PageHeading
        title={t('programsFigures.title')}
        subtitle={
          f
            ? t('programsFigures.subtitle', {
                region: f.region.name,
                from: f.period.from,
                to: f.period.to,
              })
            : undefined
        }
      />
      <form
        className="fig-filters"
        onSubmit={(e) => {
          e.preventDefault();
          setApplied({ from: from || undefined, to: to || undefined });
        }}
      >
        <label>
          <div className="rec-small">{t('programsFigures.period')}</div>
          <Input
            type="date"
            size="large"
            value={from || f?.period.from || ''}
            onChange={(e) => setFrom(e.target.value)}
            aria-label={`${t('programsFigures.period')} 1`}
            style={{ width: 170 }}
          />
        </label>
        <span aria-hidden>–</span>
        <Input
          type="date"
          size="large"
          value={to || f?.period.to || ''}
          onChange={(e) => setTo(e.target.value)}
          aria-label={`${t('programsFigures.period')} 2`}
          style={{ width: 170 }}
        />
        <Button type="primary" size="large" htmlType="submit">
          {t('programsFigures.apply')}
        </Button>
        <Button
          size="large"
          icon={<DownloadOutlined aria-hidden />}
          href={programFiguresXlsxUrl(
            { regionCode: f?.region.code ?? region, from: f?.period.from, to: f?.period.to },
            i18n.language,
          )}
          data-testid="cp-figures-xlsx"
        >
          {t('programsFigures.download')}
        </Button>
      </form>
      {f && (
        <Breadcrumb
          className="fig-breadcrumb"
          items={[
            ...(path.length
              ? [
                  {
                    title: (
                      <a onClick={() => goTo(0)} href="#top">
                        {t('programsFigures.region')}
                      </a>
                    ),
                  },
                ]
              : []),
            ...path.slice(0, -1).map((p, i) => ({
              title: (
                <a onClick={() => goTo(i + 1)} href="#top">
                  {p.name}
                </a>
              ),
            })),
            { title: f.region.name },
          ]}
        />
      )}
      {state.status === 'error' && <ErrorAlert error={state.error} onRetry={state.reload} />}
      {!f && state.status === 'loading' && <PageSpinner />}
      {f && (
        <ProgramFiguresBody
          f={f}
          onChild={(c) => {
            if (c.code !== f.region.code) setPath((p) => [...p, c]);
          }}
        />
      )}
    </div>
  );
}
