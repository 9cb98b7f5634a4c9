/**
 * Issue #15 point 4: search pickers for linking an account and a record — an account by name,
 * username or full mobile (inside the linker's scope), a resident by name, a volunteer by name or
 * number. What is already linked shows but cannot be chosen (the server would refuse it).
 */
import { Select } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { findLinkCandidates, type LinkKind } from '../../api/account-links';
import { listResidents } from '../../api/residents';
import { listVolunteers } from '../../api/volunteers';
import { useAsync } from '../../lib/use-async';

interface Option {
  value: string;
  label: string;
  disabled?: boolean;
}

interface PickerProps {
  value?: string | undefined;
  onChange?: (id: string | undefined) => void;
  testId: string;
  label: string;
}

function SearchPicker({
  value,
  onChange,
  testId,
  label,
  search,
}: PickerProps & { search: (q: string, signal: AbortSignal) => Promise<Option[]> }) {
  const { t } = useTranslation();
  const [q, setQ] = useState('');
  const found = useAsync(
    (signal) => (q.trim() ? search(q.trim(), signal) : Promise.resolve([])),
    q.trim(),
  );
  return (
    <Select
      showSearch={{ filterOption: false, onSearch: setQ }}
      allowClear
      value={value}
      onChange={(v?: string) => onChange?.(v ?? undefined)}
      options={found.data ?? []}
      loading={found.status === 'loading' && q.trim() !== ''}
      placeholder={t('accounts.links.searchPlaceholder')}
      notFoundContent={q.trim() ? t('accounts.links.none') : t('accounts.links.typeToSearch')}
      aria-label={label}
      data-testid={testId}
      className="link-picker"
    />
  );
}

/** An account to link to a record of this kind. */
export function AccountPicker(props: PickerProps & { kind: LinkKind }) {
  const { t } = useTranslation();
  const { kind, ...rest } = props;
  return (
    <SearchPicker
      {...rest}
      search={async (q, signal) =>
        (await findLinkCandidates(kind, q, signal)).map((a) => ({
          value: a.id,
          label: [
            a.displayName,
            a.username,
            a.phoneMasked,
            a.linked ? t('accounts.links.alreadyLinked') : null,
          ]
            .filter(Boolean)
            .join(' · '),
          disabled: a.linked || a.status !== 'active',
        }))
      }
    />
  );
}

export function ResidentPicker(props: PickerProps) {
  return (
    <SearchPicker
      {...props}
      search={async (q, signal) =>
        (await listResidents({ q, limit: 20, offset: 0 }, signal)).map((r) => ({
          value: r.id,
          label: `${r.fullName} · ${r.idMasked} · ${r.homeRegionName}`,
        }))
      }
    />
  );
}

export function VolunteerPicker(props: PickerProps) {
  const { t } = useTranslation();
  return (
    <SearchPicker
      {...props}
      search={async (q, signal) =>
        (await listVolunteers({ q, limit: 20, offset: 0 }, signal)).map((v) => ({
          value: v.id,
          label: [
            v.fullName,
            v.volunteerNumber,
            v.homeRegionName,
            v.accountId ? t('accounts.links.alreadyLinked') : null,
          ]
            .filter(Boolean)
            .join(' · '),
          disabled: v.accountId !== null,
        }))
      }
    />
  );
}
