import { SearchOutlined } from '@ant-design/icons';
import { Alert, Button, Form, Input } from 'antd';
import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router-dom';
import type { TrackView } from '../../api/case-types';
import { trackCase } from '../../api/cases';
import { isApiError } from '../../api/client';
import { errorText } from '../../lib/errors';
import { useAction } from '../../lib/use-action';
import { useSession } from '../../session/session-context';
import {
  isCaseNumber,
  isTrackingCode,
  normaliseCaseNumber,
  normaliseTrackingCode,
} from '../cases/case-format';
import { TrackResult } from './TrackResult';
import './track.css';

interface TrackValues {
  number: string;
  code: string;
}

/** What to say when the lookup fails: too many tries gets its own words with the wait. */
function useTrackError() {
  const { t } = useTranslation();
  return (error: unknown) => {
    if (isApiError(error) && error.status === 429) {
      const minutes = Math.max(1, Math.ceil((error.retryAfterSeconds ?? 600) / 60));
      return t('cases.track.rateLimited', { minutes });
    }
    return errorText(t, error);
  };
}

/**
 * 办件查询 (GS-9): no login, phone first, big type. The receipt's QR code opens
 * /track?number=…&code=…, which fills in both and looks the case up at once; by hand, the number
 * and the 8-digit 查询码 printed on the receipt (X-2: case numbers run in sequence, the code not).
 */
export default function TrackPage() {
  const { t } = useTranslation();
  const { status } = useSession();
  const [params] = useSearchParams();
  const initialNumber = normaliseCaseNumber(params.get('number') ?? '');
  const initialCode = normaliseTrackingCode(params.get('code') ?? '');
  const [form] = Form.useForm<TrackValues>();
  const [found, setFound] = useState<TrackView | null>(null);
  const describe = useTrackError();
  const resultRef = useRef<HTMLDivElement>(null);

  const lookup = useAction(async (values: TrackValues) => {
    try {
      setFound(await trackCase(values.number, values.code));
      setTimeout(() => resultRef.current?.scrollIntoView({ block: 'start' }), 0);
    } catch (e) {
      setFound(null);
      throw e;
    }
  });
  const submit = (values: TrackValues) => void lookup.run(values);
  const busy = lookup.busy;
  const error = lookup.error === null ? null : describe(lookup.error);

  // Scanned from the receipt: both are in the link, so look it up straight away (`run` is
  // stable, so this runs once per link the page is opened with).
  const run = lookup.run;
  useEffect(() => {
    if (isCaseNumber(initialNumber) && isTrackingCode(initialCode))
      void run({ number: initialNumber, code: initialCode });
  }, [initialNumber, initialCode, run]);

  return (
    <div className="track-page">
      <h1 className="track-title">{t('cases.track.title')}</h1>
      <p className="track-subtitle">{t('cases.track.subtitle')}</p>
      <Form<TrackValues>
        form={form}
        layout="vertical"
        size="large"
        requiredMark={false}
        initialValues={{ number: initialNumber, code: initialCode }}
        onFinish={submit}
        className="track-form"
      >
        <Form.Item
          name="number"
          label={t('cases.track.number')}
          extra={t('cases.track.numberHelp')}
          normalize={(v: string) => normaliseCaseNumber(v ?? '')}
          rules={[
            {
              validator: async (_rule, v: string | undefined) => {
                if (!isCaseNumber(v ?? '')) throw new Error(t('cases.track.numberInvalid'));
              },
            },
          ]}
        >
          <Input
            data-testid="track-number"
            inputMode="numeric"
            autoComplete="off"
            className="track-input mono"
            autoFocus={initialNumber === ''}
          />
        </Form.Item>
        <Form.Item
          name="code"
          label={t('cases.track.code')}
          extra={t('cases.track.codeHelp')}
          normalize={(v: string) => normaliseTrackingCode(v ?? '')}
          rules={[
            {
              validator: async (_rule, v: string | undefined) => {
                if (!isTrackingCode(v ?? '')) throw new Error(t('cases.track.codeInvalid'));
              },
            },
          ]}
        >
          <Input
            data-testid="track-code"
            inputMode="numeric"
            autoComplete="off"
            // 8 digits, typed as printed on the receipt (“6131 5155”): room for the space.
            maxLength={9}
            className="track-input track-input-short mono"
            autoFocus={initialNumber !== ''}
          />
        </Form.Item>
        {error && (
          <Alert
            type="error"
            showIcon
            role="alert"
            className="track-error"
            data-testid="track-error"
            title={error}
          />
        )}
        <Button
          data-testid="track-submit"
          type="primary"
          htmlType="submit"
          size="large"
          block
          loading={busy}
          icon={<SearchOutlined aria-hidden />}
          className="track-submit"
        >
          {t('cases.track.submit')}
        </Button>
      </Form>
      <div ref={resultRef} className="track-result-anchor">
        {found && <TrackResult view={found} />}
      </div>
      {status === 'anonymous' && (
        <p className="track-staff">
          <Link to="/">{t('cases.track.staffLogin')}</Link>
        </p>
      )}
    </div>
  );
}
