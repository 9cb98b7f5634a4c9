/**
 * GS-10 the walk-in clerk finds the resident before issuing a B ticket: by ID number (the
 * residents module's exact lookup), by name, or by the last four digits of the phone (the list
 * search). Personal numbers show masked. The chosen resident rides on the ticket, so calling it
 * opens intake for them.
 */
import { Button, Input, List, Space, Tag, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { listResidents, lookupResident } from '../../api/residents';
import type { Resident } from '../../api/types';
import { errorText } from '../../lib/errors';
import { checkIdNumber, normaliseIdInput } from '../../lib/id-number';
import { useAction } from '../../lib/use-action';

export function WalkInResident(props: {
  value: Resident | null;
  onChange: (r: Resident | null) => void;
}) {
  const { t } = useTranslation();
  const [text, setText] = useState('');
  const [found, setFound] = useState<Resident[] | null>(null);
  const search = useAction(async () => {
    const q = text.trim();
    if (!q) return;
    const id = checkIdNumber(normaliseIdInput(q));
    setFound(
      id.ok
        ? [await lookupResident(normaliseIdInput(q))]
        : await listResidents({ q, limit: 8, offset: 0 }),
    );
  });
  if (props.value) {
    return (
      <Space wrap data-testid="walk-in-resident-chosen">
        <Typography.Text>{t('appointments.walkInFor')}</Typography.Text>
        <Tag color="blue">
          {props.value.fullName} · {props.value.idMasked}
        </Tag>
        <Button size="small" onClick={() => props.onChange(null)}>
          {t('appointments.walkInClear')}
        </Button>
      </Space>
    );
  }
  return (
    <div data-testid="walk-in-resident">
      <Space wrap>
        <label htmlFor="walk-in-search">{t('appointments.walkInSearch')}</label>
        <Input.Search
          id="walk-in-search"
          data-testid="walk-in-search"
          style={{ minWidth: 260 }}
          value={text}
          placeholder={t('appointments.walkInSearchHint')}
          enterButton={t('appointments.walkInFind')}
          loading={search.busy}
          onChange={(e) => setText(e.target.value)}
          onSearch={() => void search.run()}
        />
      </Space>
      {search.error !== null && (
        <Typography.Paragraph type="danger">{errorText(t, search.error)}</Typography.Paragraph>
      )}
      {found && (
        <List
          size="small"
          data-testid="walk-in-found"
          locale={{ emptyText: t('appointments.walkInNone') }}
          dataSource={found}
          renderItem={(r) => (
            <List.Item
              actions={[
                <Button
                  key="pick"
                  size="small"
                  data-testid={`walk-in-pick-${r.idMasked}`}
                  onClick={() => {
                    props.onChange(r);
                    setFound(null);
                    setText('');
                  }}
                >
                  {t('appointments.walkInPick')}
                </Button>,
              ]}
            >
              {r.fullName} · {r.idMasked}
              {r.phoneMasked ? ` · ${r.phoneMasked}` : ''} · {r.homeRegionName}
            </List.Item>
          )}
        />
      )}
    </div>
  );
}
