import { useMemo, useState } from 'react';
import { createIdempotencyKeeper } from '../lib/idempotency';
import { useAction } from '../lib/use-action';
import { useLocale } from './i18n';
import { problemText } from './problem-text';
import { LEVELS, REASONS, type RatingBody } from './rating-api';

type Level = (typeof LEVELS)[number];

/**
 * GS-13: the five big buttons (elderly friendly), reason chips for the bottom two levels, an
 * optional comment, one submit. Used by the signed-link page and the window device.
 */
export function RatingForm({
  followUp,
  onRate,
}: {
  followUp: boolean;
  onRate: (body: RatingBody, key: string) => Promise<unknown>;
}) {
  const { t } = useLocale();
  const [level, setLevel] = useState<Level | null>(null);
  const [reasons, setReasons] = useState<string[]>([]);
  const [comment, setComment] = useState('');
  const keeper = useMemo(() => createIdempotencyKeeper(), []);
  const bad = level !== null && level <= 2;
  const send = useAction(async () => {
    if (level === null) return;
    const body: RatingBody = {
      level,
      reasons: bad ? (reasons as RatingBody['reasons']) : [],
      followUp,
      ...(comment.trim() ? { comment: comment.trim() } : {}),
    };
    await onRate(body, keeper.keyFor(body));
    keeper.reset();
  });
  const missingReason = bad && reasons.length === 0;

  return (
    <form
      className="r-card r-form r-rate"
      data-testid="rating-form"
      onSubmit={(e) => {
        e.preventDefault();
        if (level !== null && !missingReason) void send.run();
      }}
    >
      <fieldset className="r-levels">
        <legend>{t('rate.question')}</legend>
        {LEVELS.map((l) => (
          <button
            key={l}
            type="button"
            className={`r-level r-level-${l}`}
            data-testid={`level-${l}`}
            aria-pressed={level === l}
            onClick={() => setLevel(l)}
          >
            <span className="r-level-face" aria-hidden="true">
              {['', '😣', '😟', '😐', '😊', '😄'][l]}
            </span>
            {t(`rate.levels.l${l}`)}
          </button>
        ))}
      </fieldset>
      {bad && (
        <fieldset className="r-reasons" data-testid="reasons">
          <legend>{t('rate.reasonsAsk')}</legend>
          {REASONS.map((r) => (
            <label key={r} className="r-reason">
              <input
                type="checkbox"
                data-testid={`reason-${r}`}
                checked={reasons.includes(r)}
                onChange={(e) => {
                  const on = e.currentTarget.checked;
                  setReasons((xs) => (on ? [...xs, r] : xs.filter((x) => x !== r)));
                }}
              />
              {t(`rate.reasons.${r}`)}
            </label>
          ))}
        </fieldset>
      )}
      {level !== null && (
        <label className="r-comment">
          {t('rate.comment')}
          <textarea
            data-testid="rating-comment"
            maxLength={500}
            value={comment}
            onChange={(e) => setComment(e.currentTarget.value)}
          />
        </label>
      )}
      {missingReason && <p className="r-help">{t('rate.reasonRequired')}</p>}
      {send.error !== null && (
        <p className="r-alert r-alert-error" role="alert">
          {problemText(t, send.error)}
        </p>
      )}
      <button
        type="submit"
        className="r-submit"
        data-testid="rating-submit"
        disabled={level === null || missingReason || send.busy}
        aria-busy={send.busy}
      >
        {t(followUp ? 'rate.submitFollowUp' : 'rate.submit')}
      </button>
    </form>
  );
}
