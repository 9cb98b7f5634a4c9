import { DownloadOutlined } from '@ant-design/icons';
import { Button, Input, Statistic, Table, Tag } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { trainingFigures, trainingFiguresXlsxUrl } from '../../api/training';
import { ErrorAlert } from '../../components/ErrorAlert';
import { chinaDay } from '../../lib/china-time';
import { useAsync } from '../../lib/use-async';

/** Staff trained, items covered per station, and required items with no holder; Excel. */
export function TrainingFiguresPanel({ townCode }: { townCode?: string | undefined }) {
  const { t, i18n } = useTranslation();
  const today = chinaDay(new Date());
  const [period, setPeriod] = useState({ from: `${today.slice(0, 4)}-01-01`, to: today });
  const [draft, setDraft] = useState(period);
  const query = { ...period, townCode };
  const state = useAsync(
    (signal) => trainingFigures(query, signal),
    `${period.from}|${period.to}|${townCode ?? ''}`,
  );
  const f = state.data;
  const name = (n: { zh: string; en: string }) => (i18n.language === 'en' ? n.en : n.zh);
  return (
    <div>
      <form
        className="tr-row tr-form"
        onSubmit={(e) => {
          e.preventDefault();
          setPeriod(draft);
        }}
      >
        <Input
          type="date"
          aria-label={t('training.figures.from')}
          value={draft.from}
          onChange={(e) => setDraft({ ...draft, from: e.target.value })}
          style={{ width: 170 }}
        />
        <span aria-hidden>–</span>
        <Input
          type="date"
          aria-label={t('training.figures.to')}
          value={draft.to}
          onChange={(e) => setDraft({ ...draft, to: e.target.value })}
          style={{ width: 170 }}
        />
        <Button type="primary" htmlType="submit">
          {t('training.figures.apply')}
        </Button>
        <Button
          icon={<DownloadOutlined aria-hidden />}
          href={trainingFiguresXlsxUrl(query, i18n.language)}
        >
          {t('training.figures.download')}
        </Button>
      </form>
      {state.status === 'error' && <ErrorAlert error={state.error} onRetry={state.reload} />}
      {f && (
        <div data-testid="training-figures">
          <Statistic title={t('training.figures.sessions')} value={f.sessions} />
          <Table
            rowKey="stationId"
            size="small"
            pagination={false}
            scroll={{ x: true }}
            dataSource={f.stations}
            columns={[
              { title: t('training.figures.station'), dataIndex: 'stationName' },
              { title: t('training.figures.staff'), dataIndex: 'staff' },
              { title: t('training.figures.trained'), dataIndex: 'staffTrained' },
              { title: t('training.figures.items'), dataIndex: 'itemsCovered' },
            ]}
          />
          <h2>{t('training.figures.gaps')}</h2>
          {f.gaps.length === 0 && <p>{t('training.figures.noGaps')}</p>}
          <div className="tr-people" data-testid="training-gaps">
            {f.gaps.map((g) => (
              <Tag key={`${g.stationId}:${g.item.code}`} color="red">
                {g.stationName} · {name(g.item.name)}
              </Tag>
            ))}
          </div>
        </div>
      )}
    </div>
  );
}
