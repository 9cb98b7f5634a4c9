import { Tag, Tooltip } from 'antd';
import { useTranslation } from 'react-i18next';
import type { CaseResult, CaseState } from '../../api/case-types';

const STATE_COLOUR: Record<CaseState, string> = {
  awaiting_supplement: 'orange',
  accepted: 'blue',
  in_progress: 'geekblue',
  suspended: 'default',
  decided: 'green',
  delivered: 'green',
  closed: 'default',
  refused: 'red',
  withdrawn: 'default',
};

export function CaseStateTag({ state }: { state: CaseState }) {
  const { t } = useTranslation();
  return (
    <Tag
      color={STATE_COLOUR[state]}
      className="case-state-tag"
      data-testid="case-state"
      data-state={state}
    >
      {t(`cases.state.${state}`)}
    </Tag>
  );
}

/** 通办: accepted away from the applicant's home village (GS-3). */
export function TongbanTag({ testId = 'case-tongban' }: { testId?: string }) {
  const { t } = useTranslation();
  return (
    <Tooltip title={t('cases.common.tongbanHelp')}>
      <Tag color="purple" className="tongban-tag" data-testid={testId}>
        {t('cases.common.tongban')}
      </Tag>
    </Tooltip>
  );
}

/** GS-10 不打烊: filed by the resident online; the station checks the photos of the materials. */
export function OnlineTag() {
  const { t } = useTranslation();
  return (
    <Tooltip title={t('cases.common.onlineHelp')}>
      <Tag color="cyan" className="online-tag" data-testid="case-online">
        {t('cases.channel.online')}
      </Tag>
    </Tooltip>
  );
}

/** 即办件: done on the spot (promised limit 0 working days). */
export function InstantTag() {
  const { t } = useTranslation();
  return (
    <Tag color="green" className="instant-tag">
      {t('cases.common.instant')}
    </Tag>
  );
}

export function ResultTag({ result }: { result: CaseResult }) {
  const { t } = useTranslation();
  return (
    <Tag color={result === 'approved' ? 'green' : 'red'} data-testid="case-result">
      {t(`cases.result.${result}`)}
    </Tag>
  );
}
