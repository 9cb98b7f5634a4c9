import { DeleteOutlined } from '@ant-design/icons';
import { Button, Empty, Popconfirm, Tag } from 'antd';
import { useTranslation } from 'react-i18next';
import { removeOverride, type CalendarOverride } from '../../api/calendar';
import { ErrorAlert } from '../../components/ErrorAlert';
import { useKeyedAction } from '../../lib/use-action';
import { formatIsoDate } from './date-format';

/** The year's overrides, each with its reason; admins may remove one. */
export function OverrideList({
  year,
  overrides,
  canEdit,
  onRemoved,
}: {
  year: number;
  overrides: readonly CalendarOverride[];
  canEdit: boolean;
  onRemoved: (date: string) => void;
}) {
  const { t, i18n } = useTranslation();
  const removing = useKeyedAction(async (date: string) => {
    await removeOverride(date);
    onRemoved(date);
  });
  const { error } = removing;
  const remove = (date: string) => void removing.run(date, date);

  if (overrides.length === 0)
    return (
      <Empty
        image={Empty.PRESENTED_IMAGE_SIMPLE}
        description={t('catalog.calendar.overridesEmpty', { year })}
      />
    );
  return (
    <>
      {error !== null && <ErrorAlert error={error} />}
      <ul className="override-list" data-testid="override-list">
        {overrides.map((o) => {
          const date = formatIsoDate(o.date, i18n.language, 'longWithWeekday');
          return (
            <li key={o.date} className="override-row" data-testid={`override-row-${o.date}`}>
              <div className="override-main">
                <span className="override-date">{date}</span>
                <Tag color={o.kind === 'holiday' ? 'red' : 'blue'}>
                  {o.kind === 'holiday'
                    ? t('catalog.calendar.kindHoliday')
                    : t('catalog.calendar.kindWorkday')}
                </Tag>
              </div>
              <div className="override-note">{o.note}</div>
              <div className="override-meta muted">
                {t('catalog.calendar.overrideUpdated', {
                  time: new Date(o.updatedAt).toLocaleString(i18n.language),
                })}
              </div>
              {canEdit && (
                <Popconfirm
                  title={t('catalog.calendar.removeConfirm', { date })}
                  okText={t('catalog.calendar.removeYes')}
                  cancelText={t('catalog.calendar.removeNo')}
                  okButtonProps={{ danger: true }}
                  onConfirm={() => remove(o.date)}
                >
                  <Button
                    danger
                    icon={<DeleteOutlined aria-hidden />}
                    loading={removing.isBusy(o.date)}
                    className="override-remove"
                    data-testid={`override-remove-${o.date}`}
                  >
                    {t('catalog.calendar.removeOverride')}
                  </Button>
                </Popconfirm>
              )}
            </li>
          );
        })}
      </ul>
    </>
  );
}
