import { FilePdfOutlined } from '@ant-design/icons';
import { App, Button, Descriptions, Input, Modal, Table, Tag } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import {
  certificatePdfUrl,
  issueCertificate,
  pageCertificateCandidates,
  pageCertificates,
  previewCertificate,
  revokeCertificate,
  type Candidate,
  type CertificateSnapshot,
  type CertificateSummary,
} from '../../api/records';
import { CursorPager } from '../../components/CursorPager';
import { ErrorAlert } from '../../components/ErrorAlert';
import { ExportButton } from '../../components/ExportButton';
import { PageHeading } from '../../components/PageHeading';
import { errorText } from '../../lib/errors';
import { useAction } from '../../lib/use-action';
import { useAsync } from '../../lib/use-async';
import { useCursorPages } from '../../lib/use-cursor-pages';
import { useIsWide } from '../../lib/use-media-query';
import { EntryDialog } from './EntryDialog';
import { randomUuid } from '../../lib/idempotency';
import { hoursText } from './records-format';
import './records.css';

function Preview({ s }: { s: CertificateSnapshot }) {
  const { t } = useTranslation();
  const f = (k: string) => t(`records.cert.fields.${k}` as 'records.cert.fields.name');
  return (
    <>
      <Descriptions
        column={1}
        size="small"
        bordered
        items={[
          { key: 'name', label: f('name'), children: s.volunteer.name },
          { key: 'id', label: f('idMasked'), children: s.volunteer.idMasked },
          { key: 'no', label: f('volunteerNumber'), children: s.volunteer.volunteerNumber },
          {
            key: 'h',
            label: f('totalHours'),
            children: t('records.hoursValue', { hours: hoursText(s.totalHours) }),
          },
          {
            key: 'p',
            label: f('period'),
            children: s.period ? `${s.period.from} – ${s.period.to}` : '—',
          },
          { key: 'o', label: f('organisation'), children: s.issuer.organisation },
          { key: 'pic', label: f('personInCharge'), children: s.issuer.personInCharge },
          { key: 'hd', label: f('handler'), children: s.issuer.handler },
          { key: 'tel', label: f('contactPhone'), children: s.issuer.contactPhone },
        ]}
      />
      <h3 style={{ margin: '14px 0 8px' }}>{f('services')}</h3>
      <Table
        size="small"
        rowKey={(r) => `${r.date}-${r.content}-${r.place}`}
        pagination={false}
        dataSource={s.services}
        columns={[
          { title: f('date'), dataIndex: 'date', width: 110 },
          { title: f('content'), dataIndex: 'content' },
          { title: f('place'), dataIndex: 'place' },
          {
            title: f('hours'),
            dataIndex: 'hours',
            width: 90,
            render: (h: number) => hoursText(h),
          },
        ]}
      />
    </>
  );
}

const CANDIDATE_PAGE = 20;

/**
 * One search's candidates, a page at a time by cursor (issue #16 p5) with the total; the search
 * is the server's, so it finds a volunteer on any page. Keyed by the search by the page.
 */
function CandidateRows({
  q,
  onPreview,
  onEntry,
}: {
  q: string;
  onPreview: (c: Candidate) => void;
  onEntry: (c: Candidate) => void;
}) {
  const { t } = useTranslation();
  const wide = useIsWide();
  const pages = useCursorPages();
  const candidates = useAsync(
    (s) =>
      pageCertificateCandidates(
        { q: q || undefined, limit: CANDIDATE_PAGE, after: pages.after },
        s,
      ),
    `${q}|${pages.after ?? ''}`,
  );
  return (
    <>
      {candidates.status === 'error' && (
        <ErrorAlert error={candidates.error} onRetry={candidates.reload} />
      )}
      <Table<Candidate>
        rowKey={(r) => `${r.volunteerId}:${r.teamId}`}
        loading={candidates.status === 'loading'}
        dataSource={candidates.data?.items ?? []}
        pagination={false}
        locale={{ emptyText: t('records.cert.candidatesEmpty') }}
        scroll={{ x: true }}
        data-testid="cert-candidates"
        columns={[
          {
            title: t('records.cert.volunteer'),
            render: (_v, r) => (
              <>
                <strong>{r.name}</strong>
                <div className="rec-muted rec-small">{r.volunteerNumber}</div>
              </>
            ),
          },
          ...(wide
            ? [
                {
                  title: t('records.cert.team'),
                  render: (_v: unknown, r: Candidate) => (
                    <>
                      {r.teamName}
                      <div className="rec-muted rec-small">{r.organisation}</div>
                    </>
                  ),
                },
                { title: t('records.cert.servicesCount'), dataIndex: 'services' },
              ]
            : []),
          {
            title: t('records.cert.hours'),
            dataIndex: 'hours',
            render: (h: number) => t('records.hoursValue', { hours: hoursText(h) }),
          },
          {
            title: '',
            render: (_v, r) => (
              <div className="rec-actions">
                <Button
                  type="primary"
                  size="large"
                  onClick={() => onPreview(r)}
                  data-testid="cert-preview"
                >
                  {t('records.cert.preview')}
                </Button>
                <Button size="large" onClick={() => onEntry(r)}>
                  {t('records.entry.button')}
                </Button>
              </div>
            ),
          },
        ]}
      />
      {candidates.data && (
        <CursorPager
          page={pages.page}
          nextCursor={candidates.data.nextCursor}
          total={candidates.data.total}
          totalExact={candidates.data.totalExact}
          onNext={pages.next}
          onPrevious={pages.previous}
          testId="cert-candidates-pager"
        />
      )}
    </>
  );
}

/**
 * 出具证明 (VS-8) for team leaders and staff: the volunteers whose confirmed hours their teams
 * hold, a preview of every printed field, issue; the issued list with PDF and revocation.
 */
export default function CertificatesPage() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const wide = useIsWide();
  const [gen, setGen] = useState(0);
  const issuedPages = useCursorPages();
  const issued = useAsync(
    (s) => pageCertificates(issuedPages.after, s),
    `l${gen}:${issuedPages.after ?? ''}`,
  );
  const [query, setQuery] = useState('');
  const [chosen, setChosen] = useState<Candidate | null>(null);
  const [preview, setPreview] = useState<CertificateSnapshot | null>(null);
  const [previewError, setPreviewError] = useState<unknown>(null);
  const [issueKey, setIssueKey] = useState('');
  const [revoking, setRevoking] = useState<CertificateSummary | null>(null);
  const [reason, setReason] = useState('');
  const [entryFor, setEntryFor] = useState<Candidate | null>(null);

  const open = (c: Candidate) => {
    setChosen(c);
    setPreview(null);
    setPreviewError(null);
    setIssueKey(randomUuid());
    previewCertificate(c.volunteerId, c.teamId).then(setPreview, setPreviewError);
  };

  const issue = useAction(async () => {
    if (!chosen) return;
    try {
      const cert = await issueCertificate(chosen.volunteerId, chosen.teamId, issueKey);
      void message.success(t('records.cert.issued', { number: cert.certificateNumber }));
      setChosen(null);
      setGen((g) => g + 1);
      window.open(certificatePdfUrl(cert.id), '_blank');
    } catch (e) {
      void message.error(errorText(t, e));
    }
  });

  const revoke = useAction(async () => {
    if (!revoking || !reason.trim()) return;
    try {
      await revokeCertificate(revoking.id, reason.trim());
      void message.success(t('records.cert.revokedDone'));
      setRevoking(null);
      setReason('');
      setGen((g) => g + 1);
    } catch (e) {
      void message.error(errorText(t, e));
    }
  });

  return (
    <div className="page">
      <PageHeading title={t('records.cert.title')} subtitle={t('records.cert.subtitle')} />
      <section className="rec-card">
        <h2 className="rec-card-title">{t('records.cert.candidates')}</h2>
        <Input.Search
          size="large"
          allowClear
          placeholder={t('records.cert.search')}
          onSearch={(v) => setQuery(v.trim())}
          data-testid="cert-search"
          style={{ maxWidth: 360, marginBottom: 12 }}
          aria-label={t('records.cert.search')}
        />
        <CandidateRows key={query} q={query} onPreview={open} onEntry={setEntryFor} />
      </section>

      <section className="rec-card">
        <div className="rec-card-head">
          <h2 className="rec-card-title">{t('records.cert.issuedList')}</h2>
          <ExportButton listPath="/vs/certificates" />
        </div>
        {issued.status === 'error' && <ErrorAlert error={issued.error} onRetry={issued.reload} />}
        <Table<CertificateSummary>
          rowKey="id"
          loading={issued.status === 'loading'}
          dataSource={issued.data?.items ?? []}
          pagination={false}
          locale={{ emptyText: t('records.cert.issuedEmpty') }}
          scroll={{ x: true }}
          columns={[
            {
              title: t('records.cert.number'),
              render: (_v, r) => (
                <>
                  <span className="rec-number">{r.certificateNumber}</span>
                  <div className="rec-muted rec-small">
                    {r.volunteerName} · {t('records.hoursValue', { hours: hoursText(r.hours) })}
                  </div>
                </>
              ),
            },
            ...(wide
              ? [
                  { title: t('records.cert.team'), dataIndex: 'organisation' },
                  {
                    title: t('records.cert.issuedAt'),
                    render: (_v: unknown, r: CertificateSummary) => (
                      <>
                        {r.issuedAt.slice(0, 10)}
                        <div className="rec-muted rec-small">{r.issuedBy}</div>
                      </>
                    ),
                  },
                ]
              : []),
            {
              title: t('records.cert.state'),
              render: (_v, r) =>
                r.revokedAt ? (
                  <Tag color="error">{t('records.cert.revoked')}</Tag>
                ) : (
                  <Tag color="success">{t('records.cert.valid')}</Tag>
                ),
            },
            {
              title: '',
              render: (_v, r) => (
                <div className="rec-actions">
                  <Button icon={<FilePdfOutlined />} href={certificatePdfUrl(r.id)} target="_blank">
                    PDF
                  </Button>
                  {!r.revokedAt && (
                    <Button danger onClick={() => setRevoking(r)} data-testid="cert-revoke">
                      {t('records.cert.revoke')}
                    </Button>
                  )}
                </div>
              ),
            },
          ]}
        />
        {issued.data && (
          <CursorPager
            page={issuedPages.page}
            nextCursor={issued.data.nextCursor}
            total={issued.data.total}
            totalExact={issued.data.totalExact}
            onNext={issuedPages.next}
            onPrevious={issuedPages.previous}
            testId="certificates-pager"
          />
        )}
      </section>

      <Modal
        open={chosen !== null}
        title={t('records.cert.previewTitle')}
        onCancel={() => setChosen(null)}
        width={720}
        okText={t('records.cert.issue')}
        okButtonProps={{ size: 'large', disabled: !preview, loading: issue.busy, id: 'cert-issue' }}
        cancelButtonProps={{ size: 'large' }}
        onOk={() => void issue.run()}
        destroyOnHidden
      >
        {previewError !== null && <ErrorAlert error={previewError} />}
        {preview && <Preview s={preview} />}
      </Modal>

      <EntryDialog candidate={entryFor} onClose={() => setEntryFor(null)} />

      <Modal
        open={revoking !== null}
        title={t('records.cert.revokeTitle', { number: revoking?.certificateNumber ?? '' })}
        onCancel={() => setRevoking(null)}
        okText={t('records.cert.revokeConfirm')}
        okButtonProps={{
          danger: true,
          size: 'large',
          disabled: !reason.trim(),
          loading: revoke.busy,
        }}
        cancelButtonProps={{ size: 'large' }}
        onOk={() => void revoke.run()}
        destroyOnHidden
      >
        <label htmlFor="revoke-reason">{t('records.cert.revokeReason')}</label>
        <Input.TextArea
          id="revoke-reason"
          rows={3}
          maxLength={500}
          value={reason}
          onChange={(e) => setReason(e.target.value)}
          data-testid="cert-revoke-reason"
        />
        <div className="rec-muted rec-small">{t('records.cert.revokeReasonHelp')}</div>
      </Modal>
    </div>
  );
}
