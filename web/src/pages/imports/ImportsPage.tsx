import { CloudUploadOutlined, FileAddOutlined } from '@ant-design/icons';
import { Alert, Button, Card, Checkbox, Progress, Space, Statistic, Table, Tag } from 'antd';
import { useId, useMemo, useRef, useState, type ChangeEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router-dom';
import {
  applyImport,
  applyStaffImport,
  dryRunImport,
  fileAsBase64,
  type ImportApplied,
  type ImportKind,
  type ImportPlan,
  type IssuedPassword,
  type PlannedRow,
} from '../../api/imports';
import { StaffPasswords } from './StaffPasswords';
import { ErrorAlert } from '../../components/ErrorAlert';
import { ImportTemplateCard, useImportKinds } from './ImportTemplateCard';
import { createIdempotencyKeeper } from '../../lib/idempotency';
import { useAction } from '../../lib/use-action';
import './imports.css';

/** A file at most this large (the server's limit). */
const MAX_BYTES = 10 * 1024 * 1024;

type Stage = 'idle' | 'reading' | 'checking' | 'checked' | 'applying' | 'applied';
const STAGE_PERCENT: Record<Stage, number> = {
  idle: 0,
  reading: 15,
  checking: 50,
  checked: 100,
  applying: 75,
  applied: 100,
};

interface Chosen {
  name: string;
  base64: string;
}

const ACTION_COLOR = { create: 'green', change: 'blue', refused: 'red' } as const;

/** Issue #15 point 3: people by Excel — template, dry run by row, all-or-nothing apply. */
export default function ImportsPage() {
  const { t } = useTranslation();
  const inputId = useId();
  const input = useRef<HTMLInputElement>(null);
  const keeper = useMemo(() => createIdempotencyKeeper(), []);
  const kinds = useImportKinds();
  // The setup's steps link here with ?kind= (stations, staff …).
  const [params] = useSearchParams();
  const asked = params.get('kind');
  const [kind, setKind] = useState<ImportKind>(
    kinds.find((k) => k === asked) ?? kinds[0] ?? 'residents',
  );
  const [chosen, setChosen] = useState<Chosen | null>(null);
  const [stage, setStage] = useState<Stage>('idle');
  const [plan, setPlan] = useState<ImportPlan | null>(null);
  const [applied, setApplied] = useState<ImportApplied | null>(null);
  const [readError, setReadError] = useState<string | null>(null);
  const [sendSms, setSendSms] = useState(false);
  const [passwords, setPasswords] = useState<IssuedPassword[]>([]);

  const check = useAction(async (file: Chosen) => {
    setPlan(null);
    setApplied(null);
    setStage('checking');
    try {
      setPlan(await dryRunImport(kind, file.base64));
      setStage('checked');
    } catch (error) {
      setStage('idle');
      throw error;
    }
  });

  const apply = useAction(async (file: Chosen) => {
    setStage('applying');
    try {
      if (kind === 'staff') {
        const body = { kind, file: file.base64, sendSms };
        const done = await applyStaffImport(file.base64, sendSms, keeper.keyFor(body));
        setPasswords(done.passwords);
        setApplied(done);
      } else {
        const body = { kind, file: file.base64 };
        setApplied(await applyImport(kind, file.base64, keeper.keyFor(body)));
      }
      setStage('applied');
    } catch (error) {
      setStage('checked');
      throw error;
    }
  });

  const reset = () => {
    setChosen(null);
    setPlan(null);
    setApplied(null);
    setReadError(null);
    setPasswords([]);
    setStage('idle');
    check.clearError();
    apply.clearError();
    if (input.current) input.current.value = '';
  };

  const onFile = async (event: ChangeEvent<HTMLInputElement>) => {
    const file = event.target.files?.[0];
    setPlan(null);
    setApplied(null);
    setReadError(null);
    check.clearError();
    apply.clearError();
    if (!file) return;
    if (!file.name.toLowerCase().endsWith('.xlsx')) return setReadError(t('imports.wrongType'));
    if (file.size > MAX_BYTES) return setReadError(t('imports.tooBig'));
    setStage('reading');
    const next = { name: file.name, base64: await fileAsBase64(file) };
    setChosen(next);
    // A new file is checked at once: the dry run is the first thing a clerk wants to see.
    void check.run(next);
  };

  const busy = check.busy || apply.busy;
  const clean = plan !== null && plan.counts.refused === 0;
  const work = plan ? plan.counts.create + plan.counts.change : 0;

  const columns = [
    { title: t('imports.col.row'), dataIndex: 'row', key: 'row', width: 70 },
    {
      title: t('imports.col.action'),
      key: 'action',
      width: 90,
      render: (_: unknown, r: PlannedRow) => (
        <Tag color={ACTION_COLOR[r.action]}>{t(`imports.action.${r.action}`)}</Tag>
      ),
    },
    {
      // One column for who and why, so a phone shows the reasons without scrolling sideways.
      title: t('imports.col.whoDetail'),
      key: 'who',
      render: (_: unknown, r: PlannedRow) => (
        <>
          <div className="import-who">{r.who}</div>
          {r.reasons ? (
            <ul className="import-reasons">
              {r.reasons.map((x) => (
                <li key={x.code}>{x.message}</li>
              ))}
            </ul>
          ) : r.changes ? (
            <div>
              {t('imports.changed', {
                fields: r.changes
                  .map((f) =>
                    kind === 'staff' && f !== 'post'
                      ? t(`roles.${f}`, { defaultValue: f })
                      : t(`imports.fields.${f}`, { defaultValue: f }),
                  )
                  .join('、'),
              })}
            </div>
          ) : null}
        </>
      ),
    },
  ];

  return (
    <div className="page imports-page">
      <h1>{t('imports.title')}</h1>
      <p className="page-intro">{t('imports.intro')}</p>
      <ImportTemplateCard
        kind={kind}
        kinds={kinds}
        onKind={(k) => {
          setKind(k);
          reset();
        }}
      />

      <Card title={<h2 className="card-title">{t('imports.step2')}</h2>}>
        <div className="import-buttons">
          <input
            ref={input}
            id={inputId}
            type="file"
            accept=".xlsx,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
            className="import-hidden"
            data-testid="import-file"
            onChange={(e) => void onFile(e)}
            disabled={busy}
          />
          <label htmlFor={inputId} className="import-file-label">
            <FileAddOutlined aria-hidden /> {t('imports.choose')}
          </label>
          {chosen && (
            <Button
              onClick={() => void check.run(chosen)}
              loading={check.busy}
              data-testid="import-recheck"
            >
              {t('imports.recheck')}
            </Button>
          )}
          {(chosen || readError) && (
            <Button onClick={reset} disabled={busy}>
              {t('imports.clear')}
            </Button>
          )}
        </div>
        {chosen && (
          <p className="import-chosen" data-testid="import-chosen">
            {t('imports.chosen', { name: chosen.name })}
          </p>
        )}
        {stage !== 'idle' && (
          <div
            role="status"
            aria-live="polite"
            className="import-progress"
            data-testid="import-progress"
          >
            <Progress
              aria-label={t('imports.progress')}
              percent={STAGE_PERCENT[stage]}
              status={busy || stage === 'reading' ? 'active' : 'normal'}
              showInfo={false}
            />
            <span>{t(`imports.stage.${stage}`)}</span>
          </div>
        )}
        {readError && <Alert type="error" showIcon role="alert" title={readError} />}
        {check.error !== null && <ProblemRows error={check.error} />}
      </Card>

      {plan && (
        <Card
          title={<h2 className="card-title">{t('imports.step3')}</h2>}
          data-testid="import-plan"
        >
          <Space wrap size="large" className="import-counts">
            <Statistic title={t('imports.count.create')} value={plan.counts.create} />
            <Statistic title={t('imports.count.change')} value={plan.counts.change} />
            <Statistic title={t('imports.count.unchanged')} value={plan.counts.unchanged} />
            <Statistic
              title={t('imports.count.refused')}
              value={plan.counts.refused}
              valueStyle={plan.counts.refused > 0 ? { color: '#b42318' } : undefined}
            />
          </Space>
          {plan.counts.refused > 0 && (
            <Alert
              type="warning"
              showIcon
              title={t('imports.refusedHint')}
              data-testid="import-refused-hint"
            />
          )}
          {clean && work === 0 && (
            <Alert
              type="info"
              showIcon
              title={t('imports.nothingToDo')}
              data-testid="import-nothing"
            />
          )}
          {plan.rows.length > 0 && (
            <Table<PlannedRow>
              size="small"
              rowKey="row"
              columns={columns}
              dataSource={plan.rows}
              pagination={{ pageSize: 50, hideOnSinglePage: true }}
              data-testid="import-rows"
              rowClassName={(r) => `import-row-${r.action}`}
            />
          )}
          {!applied && clean && work > 0 && chosen && kind === 'staff' && (
            <Checkbox
              checked={sendSms}
              onChange={(e) => setSendSms(e.target.checked)}
              data-testid="import-send-sms"
              className="import-send-sms"
            >
              {t('imports.sendSms')}
            </Checkbox>
          )}
          {!applied && clean && work > 0 && chosen && (
            <Button
              type="primary"
              icon={<CloudUploadOutlined aria-hidden />}
              loading={apply.busy}
              onClick={() => void apply.run(chosen)}
              data-testid="import-apply"
            >
              {t('imports.apply', { n: work })}
            </Button>
          )}
          {apply.error !== null && <ProblemRows error={apply.error} />}
          {applied && (
            <Alert
              type="success"
              showIcon
              role="status"
              data-testid="import-applied"
              title={t('imports.applied', {
                create: applied.counts.create,
                change: applied.counts.change,
                unchanged: applied.counts.unchanged,
              })}
            />
          )}
        </Card>
      )}
      <StaffPasswords passwords={passwords} />
    </div>
  );
}

/** A refused file: the problem in words, and each header or row problem under it. */
function ProblemRows({ error }: { error: unknown }) {
  const errors =
    error && typeof error === 'object' && 'errors' in error && Array.isArray(error.errors)
      ? (error.errors as { path: string; message: string }[])
      : [];
  return (
    <div data-testid="import-problem">
      <ErrorAlert error={error} />
      {errors.length > 0 && (
        <ul className="import-reasons">
          {errors.map((e) => (
            <li key={`${e.path}:${e.message}`}>
              {e.path}: {e.message}
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
