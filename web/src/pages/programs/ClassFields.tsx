import { DeleteOutlined } from '@ant-design/icons';
import { Button, Card, DatePicker, Form, Input, InputNumber, Radio, Select, Space } from 'antd';
import type { Dayjs } from 'dayjs';
import { useTranslation } from 'react-i18next';

export interface ClassValues {
  name: string;
  capacity: number;
  hardMax: number;
  minAge?: number | null;
  maxAge?: number | null;
  minGrade?: number | null;
  maxGrade?: number | null;
  catchmentCodes?: string[];
  catchmentNeighbourhoods?: string[];
  outsideCatchment?: 'refuse' | 'rank_after';
  mode: 'first_come' | 'lottery';
  opensAt: Dayjs;
  closesAt?: Dayjs | null;
  offerHours: number;
}

/** School grades as the server counts them: 0 学前, 1–6 小学, 7–9 初中, 10–12 高中. */
const GRADES = [0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12] as const;

/** One class of a new program: places, ages and grades, catchment (regions, 小区), mode. */
export function ClassFields({
  index,
  name,
  catchment,
  neighbourhoods,
  onRemove,
}: {
  index: number;
  name: number;
  catchment: { value: string; label: string }[];
  /** The 小区 the venue's community lists. */
  neighbourhoods: string[];
  onRemove: (() => void) | undefined;
}) {
  const { t } = useTranslation();
  const mode = Form.useWatch(['classes', name, 'mode']) as ClassValues['mode'] | undefined;
  const picked = Form.useWatch(['classes', name, 'catchmentNeighbourhoods']) as
    string[] | undefined;
  const grades = GRADES.map((g) => ({ value: g, label: t(`programs.grade.g${g}`) }));
  return (
    <Card
      className="class-form-card"
      size="small"
      title={t('programs.create.classN', { n: index + 1 })}
      extra={
        onRemove && (
          <Button type="text" danger icon={<DeleteOutlined aria-hidden />} onClick={onRemove}>
            {t('programs.create.removeClass')}
          </Button>
        )
      }
    >
      <Form.Item
        name={[name, 'name']}
        label={t('programs.fields.className')}
        rules={[{ required: true, whitespace: true, max: 60 }]}
      >
        <Input data-testid={`class-name-${index}`} />
      </Form.Item>
      <Form.Item
        name={[name, 'capacity']}
        label={t('programs.fields.capacity')}
        rules={[{ required: true }]}
      >
        <InputNumber min={1} max={2000} precision={0} data-testid={`class-capacity-${index}`} />
      </Form.Item>
      <Form.Item
        name={[name, 'hardMax']}
        label={t('programs.fields.hardMax')}
        extra={t('programs.fields.hardMaxHint')}
        dependencies={[['classes', name, 'capacity']]}
        rules={[
          { required: true },
          ({ getFieldValue }) => ({
            validator: (_, v: number | undefined) =>
              v === undefined || v >= (getFieldValue(['classes', name, 'capacity']) as number)
                ? Promise.resolve()
                : Promise.reject(new Error(t('programs.fields.hardMaxRule'))),
          }),
        ]}
      >
        <InputNumber min={1} max={2000} precision={0} />
      </Form.Item>
      <Form.Item label={t('programs.fields.ages')}>
        <Form.Item name={[name, 'minAge']} noStyle>
          <InputNumber
            min={0}
            max={18}
            precision={0}
            aria-label={t('programs.fields.minAge')}
            placeholder={t('programs.fields.minAge')}
          />
        </Form.Item>{' '}
        –{' '}
        <Form.Item name={[name, 'maxAge']} noStyle>
          <InputNumber
            min={0}
            max={18}
            precision={0}
            aria-label={t('programs.fields.maxAge')}
            placeholder={t('programs.fields.maxAge')}
          />
        </Form.Item>
      </Form.Item>
      <Form.Item label={t('programs.fields.grades')} extra={t('programs.fields.gradesHint')}>
        <Space wrap>
          <Form.Item name={[name, 'minGrade']} noStyle>
            <Select
              allowClear
              options={grades}
              className="grade-select"
              aria-label={t('programs.fields.minGrade')}
              placeholder={t('programs.fields.minGrade')}
              data-testid={`class-min-grade-${index}`}
            />
          </Form.Item>
          –
          <Form.Item
            name={[name, 'maxGrade']}
            noStyle
            dependencies={[['classes', name, 'minGrade']]}
          >
            <Select
              allowClear
              options={grades}
              className="grade-select"
              aria-label={t('programs.fields.maxGrade')}
              placeholder={t('programs.fields.maxGrade')}
              data-testid={`class-max-grade-${index}`}
            />
          </Form.Item>
        </Space>
      </Form.Item>
      <Form.Item
        name={[name, 'catchmentNeighbourhoods']}
        label={t('programs.fields.catchmentNeighbourhoods')}
        extra={
          neighbourhoods.length > 0
            ? t('programs.fields.catchmentNeighbourhoodsHint')
            : t('programs.fields.catchmentNeighbourhoodsNone')
        }
      >
        <Select
          mode="multiple"
          allowClear
          disabled={neighbourhoods.length === 0}
          options={neighbourhoods.map((n) => ({ value: n, label: n }))}
          data-testid={`class-neighbourhoods-${index}`}
        />
      </Form.Item>
      {(picked?.length ?? 0) > 0 && (
        <Form.Item
          name={[name, 'outsideCatchment']}
          label={t('programs.fields.outsideCatchment')}
          initialValue="refuse"
        >
          <Radio.Group>
            <Radio value="refuse">{t('programs.fields.outsideCatchmentRefuse')}</Radio>
            <Radio value="rank_after">{t('programs.fields.outsideCatchmentRankAfter')}</Radio>
          </Radio.Group>
        </Form.Item>
      )}
      <Form.Item
        name={[name, 'catchmentCodes']}
        label={t('programs.fields.catchment')}
        extra={t('programs.fields.catchmentHint')}
      >
        <Select mode="multiple" options={catchment} optionFilterProp="label" allowClear />
      </Form.Item>
      <Form.Item name={[name, 'mode']} label={t('programs.fields.mode')}>
        <Radio.Group>
          <Radio.Button value="first_come">{t('programs.mode.first_come')}</Radio.Button>
          <Radio.Button value="lottery">{t('programs.mode.lottery')}</Radio.Button>
        </Radio.Group>
      </Form.Item>
      <Form.Item
        name={[name, 'opensAt']}
        label={t('programs.fields.opensAt')}
        rules={[{ required: true }]}
      >
        <DatePicker
          showTime={{ format: 'HH:mm' }}
          format="YYYY-MM-DD HH:mm"
          data-testid={`class-opens-${index}`}
        />
      </Form.Item>
      {mode === 'lottery' && (
        <Form.Item
          name={[name, 'closesAt']}
          label={t('programs.fields.closesAt')}
          rules={[{ required: true }]}
        >
          <DatePicker showTime={{ format: 'HH:mm' }} format="YYYY-MM-DD HH:mm" />
        </Form.Item>
      )}
      <Form.Item
        name={[name, 'offerHours']}
        label={t('programs.fields.offerHours')}
        rules={[{ required: true }]}
      >
        <InputNumber min={1} max={336} precision={0} />
      </Form.Item>
    </Card>
  );
}
