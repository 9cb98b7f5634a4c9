import { Alert, App, Button, Empty, Form, Input, Select, Table, Tag } from 'antd';
import { useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import {
  grantCompetence,
  pageCompetences,
  renewCompetence,
  revokeCompetence,
  type Competence,
  type NewCompetence,
} from '../../api/training';
import { CursorPager } from '../../components/CursorPager';
import { ErrorAlert } from '../../components/ErrorAlert';
import { ExportButton } from '../../components/ExportButton';
import { chinaDay } from '../../lib/china-time';
import { errorText } from '../../lib/errors';
import { createIdempotencyKeeper, randomUuid } from '../../lib/idempotency';
import { useAction, useKeyedAction } from '../../lib/use-action';
import { useAsync } from '../../lib/use-async';
import { useCursorPages } from '../../lib/use-cursor-pages';
import { useTownPeople } from './use-town-people';

const STATUS_COLOUR = { valid: 'green', not_yet_valid: 'blue', expired: 'orange', revoked: 'red' };

const yearsFrom = (day: string, n: number) => `${Number(day.slice(0, 4)) + n}${day.slice(4)}`;

const PAGE_SIZE = 50;

/** Competence by person and item, paged by cursor (#16 p5); certify, and the actions the server offers per row. */
export function CompetencesPanel({ manage }: { manage: boolean }) {
  const { t, i18n } = useTranslation();
  const { message } = App.useApp();
  const [form] = Form.useForm<NewCompetence>();
  const keeper = useRef(createIdempotencyKeeper());
  const [reason, setReason] = useState('');
  const pages = useCursorPages();
  const list = useAsync(
    (signal) => pageCompetences({ limit: PAGE_SIZE, after: pages.after }, signal),
    pages.after ?? '',
  );
  const { people, items } = useTownPeople();
  const today = chinaDay(new Date());
  const grant = useAction(async (body: NewCompetence) => {
    await grantCompetence(body, keeper.current.keyFor(body));
    keeper.current.reset();
    form.resetFields(['accountId', 'itemCode']);
    void message.success(t('training.competence.granted'));
    list.reload();
  });
  const act = useKeyedAction(async (c: Competence, action: 'renew' | 'revoke') => {
    if (action === 'renew')
      await renewCompetence(c.id, yearsFrom(today, 2), c.version, randomUuid());
    else await revokeCompetence(c.id, reason || '—', c.version, randomUuid());
    void message.success(
      t(action === 'renew' ? 'training.competence.renewed' : 'training.competence.revoked'),
    );
    list.reload();
  });
  const name = (n: { zh: string; en: string }) => (i18n.language === 'en' ? n.en : n.zh);
  const uniquePeople = people.filter((p, i) => people.findIndex((q) => q.id === p.id) === i);

  return (
    <div>
      <div className="tr-export">
        <ExportButton listPath="/training/competences" testId="export-competences" />
      </div>
      {manage && (
        <Form
          form={form}
          layout="vertical"
          className="tr-form"
          data-testid="competence-form"
          initialValues={{ certifiedOn: today, expiresOn: yearsFrom(today, 2) }}
          onFinish={(v) => void grant.run(v)}
        >
          <h2>{t('training.competence.grant')}</h2>
          <Form.Item
            name="accountId"
            label={t('training.competence.holder')}
            rules={[{ required: true }]}
          >
            <Select
              showSearch
              data-testid="competence-holder"
              optionFilterProp="label"
              options={uniquePeople.map((p) => ({
                value: p.id,
                label: p.stationName ? `${p.displayName}（${p.stationName}）` : p.displayName,
              }))}
            />
          </Form.Item>
          <Form.Item
            name="itemCode"
            label={t('training.competence.item')}
            rules={[{ required: true }]}
          >
            <Select
              showSearch
              data-testid="competence-item"
              optionFilterProp="label"
              options={items.map((i) => ({ value: i.code, label: `${name(i.name)} ${i.code}` }))}
            />
          </Form.Item>
          <div className="tr-row">
            <Form.Item
              name="certifiedOn"
              label={t('training.competence.certifiedOn')}
              rules={[{ required: true }]}
            >
              <Input type="date" />
            </Form.Item>
            <Form.Item
              name="expiresOn"
              label={t('training.competence.expiresOn')}
              rules={[{ required: true }]}
            >
              <Input type="date" data-testid="competence-expires" />
            </Form.Item>
          </div>
          {grant.error !== null && (
            <Alert type="error" showIcon role="alert" title={errorText(t, grant.error)} />
          )}
          <Button
            type="primary"
            htmlType="submit"
            loading={grant.busy}
            data-testid="competence-save"
          >
            {t('training.competence.save')}
          </Button>
        </Form>
      )}
      {manage && (
        <Input
          className="tr-form"
          aria-label={t('training.competence.reason')}
          placeholder={t('training.competence.reason')}
          value={reason}
          maxLength={500}
          onChange={(e) => setReason(e.target.value)}
        />
      )}
      {list.status === 'error' && <ErrorAlert error={list.error} onRetry={list.reload} />}
      {act.error !== null && (
        <Alert type="error" showIcon role="alert" title={errorText(t, act.error)} />
      )}
      {list.data?.items.length === 0 && <Empty description={t('training.competence.empty')} />}
      {list.data && list.data.items.length > 0 && (
        <Table
          rowKey="id"
          size="small"
          scroll={{ x: true }}
          pagination={false}
          loading={list.status === 'loading'}
          dataSource={list.data.items}
          onRow={(c) => ({ 'data-testid': 'competence-row', 'data-status': c.status }) as never}
          columns={[
            {
              title: t('training.competence.holder'),
              render: (_: unknown, c: Competence) =>
                c.holder.stationName
                  ? `${c.holder.displayName}（${c.holder.stationName}）`
                  : c.holder.displayName,
            },
            {
              title: t('training.competence.item'),
              render: (_: unknown, c: Competence) => name(c.item.name),
            },
            {
              title: t('training.competence.expiresOn'),
              render: (_: unknown, c: Competence) => (
                <span className="tr-row">
                  <Tag color={STATUS_COLOUR[c.status]}>
                    {t(`training.competence.status.${c.status}`)}
                  </Tag>
                  {c.expiresOn}
                  {c.expiringSoon && (
                    <Tag color="gold">{t('training.competence.expiringSoon')}</Tag>
                  )}
                </span>
              ),
            },
            {
              title: t('training.competence.certifiedBy'),
              render: (_: unknown, c: Competence) =>
                `${c.certifiedBy.displayName} ${c.certifiedOn}`,
            },
            ...(manage
              ? [
                  {
                    title: '',
                    render: (_: unknown, c: Competence) => (
                      <span className="tr-row">
                        {c.availableActions.map((a) => (
                          <Button
                            key={a}
                            size="small"
                            danger={a === 'revoke'}
                            loading={act.isBusy(`${c.id}:${a}`)}
                            onClick={() => void act.run(`${c.id}:${a}`, c, a)}
                          >
                            {t(`training.competence.${a}`)}
                          </Button>
                        ))}
                      </span>
                    ),
                  },
                ]
              : []),
          ]}
        />
      )}
      {list.data && list.data.total > 0 && (
        <CursorPager
          page={pages.page}
          nextCursor={list.data.nextCursor}
          total={list.data.total}
          totalExact={list.data.totalExact}
          onNext={pages.next}
          onPrevious={pages.previous}
          testId="competence-pager"
        />
      )}
    </div>
  );
}
