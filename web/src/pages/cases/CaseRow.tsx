import { RightOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import type { CaseView } from '../../api/case-types';
import { formatShortDay, localName } from './case-format';
import { CaseStateTag, OnlineTag, TongbanTag } from './CaseTags';
import { DeadlineLightBadge } from './DeadlineLightBadge';
import { ProvisionalDueTag } from './ProvisionalDue';

/** One case in a list: light, number, item, applicant (name and masked ID only), due date. */
export function CaseRow({ view }: { view: CaseView }) {
  const { t, i18n } = useTranslation();
  return (
    <li>
      <Link to={`/cases/${view.id}`} className="case-row" data-testid={`case-row-${view.number}`}>
        <span className="case-row-light">
          <DeadlineLightBadge light={view.light} />
        </span>
        <span className="case-row-main">
          <span className="case-row-item">{localName(view.item.name, i18n.language)}</span>
          <span className="case-row-number mono">{view.number}</span>
        </span>
        <span className="case-row-applicant">
          <span>{view.applicant.fullName}</span>
          <span className="masked muted">{view.applicant.idMasked}</span>
        </span>
        <span className="case-row-station">
          <span>{view.acceptingStation.name}</span>
          {view.isTongban && <TongbanTag />}
          {view.channel === 'online' && <OnlineTag />}
        </span>
        <span className="case-row-state">
          <CaseStateTag state={view.state} />
          <span className="case-row-due">
            {view.dueDate
              ? t('cases.list.dueOn', { date: formatShortDay(view.dueDate, i18n.language) })
              : t('cases.list.noDue')}
          </span>
          <ProvisionalDueTag years={view.provisionalYears} />
        </span>
        <RightOutlined className="case-row-arrow" aria-hidden />
      </Link>
    </li>
  );
}
