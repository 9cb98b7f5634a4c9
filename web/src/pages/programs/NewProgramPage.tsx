import { PlusOutlined } from '@ant-design/icons';
import { Button, DatePicker, Form, Input, InputNumber, Radio } from 'antd';
import type { Dayjs } from 'dayjs';
import { useEffect, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router-dom';
import {
  createProgram,
  listNeighbourhoods,
  PROGRAM_KINDS,
  type NewProgram,
  type ProgramKind,
} from '../../api/programs';
import { fetchRegion, fetchRegionChildren } from '../../api/regions';
import { ErrorAlert } from '../../components/ErrorAlert';
import { PageHeading } from '../../components/PageHeading';
import { widestRegionOf } from '../../lib/capabilities';
import { chinaInstantOf, pickedDay } from '../../lib/china-picker';
import { createIdempotencyKeeper } from '../../lib/idempotency';
import { useAction } from '../../lib/use-action';
import { useAsync } from '../../lib/use-async';
import { useMe } from '../../session/session-context';
import { RegionTreeSelect } from '../volunteers/RegionTreeSelect';
import { ClassFields, type ClassValues } from './ClassFields';
import './programs.css';

interface Values {
  title: string;
  kind: ProgramKind;
  organiserName: string;
  venueName: string;
  regionCode: string;
  seasonStart: Dayjs;
  seasonEnd: Dayjs;
  feeYuan: number;
  waiverNote?: string;
  classes: ClassValues[];
}

const NEW_CLASS: Partial<ClassValues> = {
  capacity: 40,
  hardMax: 45,
  mode: 'first_come',
  offerHours: 24,
};

/** CP-1: a program with its classes, in my region (venue, season, places, eligibility, mode). */
export default function NewProgramPage() {
  const { t } = useTranslation();
  const me = useMe();
  const navigate = useNavigate();
  const [form] = Form.useForm<Values>();
  const keeper = useMemo(() => createIdempotencyKeeper(), []);
  const root = widestRegionOf(me, 'programs.organise') ?? me.grants[0]?.regionCode ?? '';
  const catchment = useCatchmentOptions(root);
  // The 小区 of the venue's community: a class may take only some of them (CP-1).
  const venueRegion = Form.useWatch('regionCode', form) as string | undefined;
  const listed = useAsync(
    (signal) => (venueRegion ? listNeighbourhoods(venueRegion, signal) : Promise.resolve(null)),
    venueRegion ?? '',
  );
  const neighbourhoods =
    listed.data && listed.data.regionCode === venueRegion ? listed.data.names : [];

  const create = useAction(async (body: NewProgram) => {
    const p = await createProgram(body, keeper.keyFor(body));
    keeper.reset();
    void navigate(`/programs/${p.id}`);
  });

  const submit = (v: Values) => {
    const body: NewProgram = {
      title: v.title.trim(),
      kind: v.kind,
      organiserName: v.organiserName.trim(),
      venueName: v.venueName.trim(),
      regionCode: v.regionCode,
      seasonStartsOn: pickedDay(v.seasonStart),
      seasonEndsOn: pickedDay(v.seasonEnd),
      feeFen: Math.round((v.feeYuan ?? 0) * 100),
      waiverNote: v.waiverNote?.trim() ? v.waiverNote.trim() : null,
      classes: v.classes.map((c) => ({
        name: c.name.trim(),
        capacity: c.capacity,
        hardMax: c.hardMax,
        minAge: c.minAge ?? null,
        maxAge: c.maxAge ?? null,
        minGrade: c.minGrade ?? null,
        maxGrade: c.maxGrade ?? null,
        catchmentCodes: c.catchmentCodes ?? [],
        // Only names the venue's community lists now (the venue may have changed since).
        catchmentNeighbourhoods: (c.catchmentNeighbourhoods ?? []).filter((n) =>
          neighbourhoods.includes(n),
        ),
        outsideCatchment: c.outsideCatchment ?? 'refuse',
        mode: c.mode,
        // Picked clocks are China time, whatever the phone's zone (issue #11).
        opensAt: chinaInstantOf(c.opensAt),
        closesAt: c.mode === 'lottery' && c.closesAt ? chinaInstantOf(c.closesAt) : null,
        offerHours: c.offerHours,
      })),
    };
    void create.run(body);
  };

  return (
    <div className="page">
      <PageHeading title={t('programs.create.title')} subtitle={t('programs.create.subtitle')} />
      {create.error !== null && <ErrorAlert error={create.error} />}
      <Form
        form={form}
        className="program-form"
        layout="vertical"
        size="large"
        onFinish={submit}
        initialValues={{
          kind: 'summer_care',
          regionCode: root,
          feeYuan: 0,
          classes: [NEW_CLASS],
        }}
      >
        <Form.Item
          name="title"
          label={t('programs.fields.title')}
          rules={[{ required: true, whitespace: true, max: 100 }]}
        >
          <Input data-testid="program-title" />
        </Form.Item>
        <Form.Item name="kind" label={t('programs.fields.kind')}>
          <Radio.Group>
            {PROGRAM_KINDS.map((k) => (
              <Radio.Button key={k} value={k}>
                {t(`programs.kind.${k}`)}
              </Radio.Button>
            ))}
          </Radio.Group>
        </Form.Item>
        <Form.Item
          name="organiserName"
          label={t('programs.fields.organiser')}
          rules={[{ required: true, whitespace: true, max: 100 }]}
        >
          <Input data-testid="program-organiser" />
        </Form.Item>
        <Form.Item
          name="venueName"
          label={t('programs.fields.venue')}
          extra={t('programs.fields.venueHint')}
          rules={[{ required: true, whitespace: true, max: 100 }]}
        >
          <Input data-testid="program-venue" />
        </Form.Item>
        <Form.Item
          name="regionCode"
          label={t('programs.fields.region')}
          rules={[{ required: true }]}
        >
          <RegionTreeSelect rootCode={root} testId="program-region" />
        </Form.Item>
        <Form.Item
          name="seasonStart"
          label={t('programs.fields.seasonStart')}
          rules={[{ required: true }]}
        >
          <DatePicker format="YYYY-MM-DD" data-testid="program-season-start" />
        </Form.Item>
        <Form.Item
          name="seasonEnd"
          label={t('programs.fields.seasonEnd')}
          dependencies={['seasonStart']}
          rules={[
            { required: true },
            ({ getFieldValue }) => ({
              validator: (_, v: Dayjs | undefined) => {
                const start = getFieldValue('seasonStart') as Dayjs | undefined;
                return !v || !start || pickedDay(v) >= pickedDay(start)
                  ? Promise.resolve()
                  : Promise.reject(new Error(t('programs.fields.seasonRule')));
              },
            }),
          ]}
        >
          <DatePicker format="YYYY-MM-DD" data-testid="program-season-end" />
        </Form.Item>
        <Form.Item name="feeYuan" label={t('programs.fields.feeYuan')}>
          <InputNumber min={0} max={100000} precision={2} />
        </Form.Item>
        <Form.Item name="waiverNote" label={t('programs.fields.waiver')}>
          <Input.TextArea rows={2} maxLength={500} />
        </Form.Item>
        <h2 className="section-title">{t('programs.classes')}</h2>
        <Form.List name="classes">
          {(fields, { add, remove }) => (
            <>
              {fields.map((field, i) => (
                <ClassFields
                  key={field.key}
                  index={i}
                  name={field.name}
                  catchment={catchment}
                  neighbourhoods={neighbourhoods}
                  onRemove={fields.length > 1 ? () => remove(field.name) : undefined}
                />
              ))}
              <Button
                icon={<PlusOutlined aria-hidden />}
                onClick={() => add(NEW_CLASS)}
                data-testid="program-add-class"
              >
                {t('programs.create.addClass')}
              </Button>
            </>
          )}
        </Form.List>
        <div className="program-actions" style={{ marginTop: 16 }}>
          <Button
            type="primary"
            htmlType="submit"
            loading={create.busy}
            data-testid="program-submit"
          >
            {t('programs.create.submit')}
          </Button>
        </div>
      </Form>
    </div>
  );
}

/** The neighbourhoods a class may serve: the communities under my region, or my region itself. */
function useCatchmentOptions(root: string) {
  const [options, setOptions] = useState<{ value: string; label: string }[]>([]);
  useEffect(() => {
    let alive = true;
    if (!root) return;
    void Promise.all([fetchRegion(root), fetchRegionChildren(root)]).then(([detail, children]) => {
      if (!alive) return;
      const self = detail.path[detail.path.length - 1];
      const leaves = children.filter((r) => r.level === 'village' || r.level === 'grid');
      const list = leaves.length > 0 ? leaves : self ? [self] : [];
      setOptions(list.map((r) => ({ value: r.code, label: r.name })));
    });
    return () => {
      alive = false;
    };
  }, [root]);
  return options;
}
