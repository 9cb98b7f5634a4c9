/**
 * GS-10 which station's day /appointments shows: staff with a region grant (a town officer, the
 * town's central phone team) pick one of the stations in their scope from a labelled select;
 * a station-bound clerk sees their own station, fixed.
 */
import { Select, Space, Tag, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import type { StaffedStation } from '../../api/appointments';

export function StationPicker(props: {
  stations: readonly StaffedStation[];
  value: string | null;
  fixed: boolean;
  onChange: (id: string) => void;
}) {
  const { t } = useTranslation();
  const { stations, value } = props;
  if (stations.length === 0) return null;
  if (props.fixed) {
    const own = stations.find((s) => s.id === value) ?? stations[0]!;
    return (
      <Typography.Paragraph data-testid="appt-station-fixed">
        {t('appointments.station')}: <strong>{own.name}</strong>
      </Typography.Paragraph>
    );
  }
  return (
    <Space style={{ marginBottom: 16 }} wrap>
      <label htmlFor="appt-station">{t('appointments.station')}</label>
      <Select
        id="appt-station"
        data-testid="appt-station"
        showSearch
        optionFilterProp="label"
        style={{ minWidth: 280 }}
        value={value ?? undefined}
        onChange={props.onChange}
        options={stations.map((s) => ({
          value: s.id,
          label: s.hasTemplate ? s.name : `${s.name}（${t('appointments.noTemplate')}）`,
        }))}
      />
      {value && !stations.find((s) => s.id === value)?.hasTemplate && (
        <Tag>{t('appointments.noTemplate')}</Tag>
      )}
    </Space>
  );
}
