import { Button, Input, Select } from 'antd';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { addVisitRecord, type NewVisitRecord } from '../../api/home-visits';
import { ErrorAlert } from '../../components/ErrorAlert';
import { createIdempotencyKeeper } from '../../lib/idempotency';
import { useAction } from '../../lib/use-action';

type Values = NewVisitRecord['values'];
const num = (s: string) => (s.trim() === '' ? undefined : Number(s));

/** GS-10 a village doctor's chronic checkup on the phone; the server flags out-of-range values. */
export function CheckupForm({ visitId, onSaved }: { visitId: string; onSaved: () => void }) {
  const { t } = useTranslation();
  const keeper = useMemo(() => createIdempotencyKeeper(), []);
  const [sys, setSys] = useState('');
  const [dia, setDia] = useState('');
  const [glucose, setGlucose] = useState('');
  const [timing, setTiming] = useState<'fasting' | 'post_meal'>('fasting');
  const [advice, setAdvice] = useState('');
  const save = useAction(async () => {
    const values: Values = {
      ...(num(sys) !== undefined ? { systolic: num(sys) } : {}),
      ...(num(dia) !== undefined ? { diastolic: num(dia) } : {}),
      ...(num(glucose) !== undefined ? { glucose: num(glucose), glucoseTiming: timing } : {}),
      ...(advice.trim() ? { medicationAdvice: advice.trim() } : {}),
    };
    const body: NewVisitRecord = { template: 'chronic_checkup', values };
    await addVisitRecord(visitId, body, keeper.keyFor(body));
    keeper.reset();
    onSaved();
  });
  const id = (f: string) => `hv-${f}-${visitId}`;
  return (
    <div className="hv-form" data-testid="hv-checkup">
      <div className="hv-grid">
        <label className="hv-label" htmlFor={id('sys')}>
          {t('homeVisits.systolic')}
          <Input
            id={id('sys')}
            data-testid="hv-systolic"
            inputMode="numeric"
            value={sys}
            onChange={(e) => setSys(e.target.value)}
          />
        </label>
        <label className="hv-label" htmlFor={id('dia')}>
          {t('homeVisits.diastolic')}
          <Input
            id={id('dia')}
            data-testid="hv-diastolic"
            inputMode="numeric"
            value={dia}
            onChange={(e) => setDia(e.target.value)}
          />
        </label>
        <label className="hv-label" htmlFor={id('glu')}>
          {t('homeVisits.glucose')}
          <Input
            id={id('glu')}
            data-testid="hv-glucose"
            inputMode="decimal"
            value={glucose}
            onChange={(e) => setGlucose(e.target.value)}
          />
        </label>
        <label className="hv-label" htmlFor={id('timing')}>
          {t('homeVisits.glucoseTiming')}
          <Select
            id={id('timing')}
            value={timing}
            onChange={setTiming}
            options={(['fasting', 'post_meal'] as const).map((v) => ({
              value: v,
              label: t(`homeVisits.timing.${v}`),
            }))}
          />
        </label>
      </div>
      <label className="hv-label" htmlFor={id('advice')}>
        {t('homeVisits.advice')}
      </label>
      <Input.TextArea
        id={id('advice')}
        data-testid="hv-advice"
        value={advice}
        onChange={(e) => setAdvice(e.target.value)}
      />
      {save.error !== null && <ErrorAlert error={save.error} />}
      <Button
        type="primary"
        size="large"
        loading={save.busy}
        onClick={() => void save.run()}
        data-testid="hv-save-record"
      >
        {t('homeVisits.saveRecord')}
      </Button>
    </div>
  );
}
