import {
  ArrowDownOutlined,
  ArrowUpOutlined,
  DeleteOutlined,
  EditOutlined,
  PlusOutlined,
} from '@ant-design/icons';
import { App, Button, Empty, Form, Input, Popconfirm } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import {
  listNeighbourhoods,
  saveNeighbourhoods,
  type NeighbourhoodsBody,
} from '../../api/programs';
import { ErrorAlert } from '../../components/ErrorAlert';
import { PageSpinner } from '../../components/FullPageSpinner';
import { PageHeading } from '../../components/PageHeading';
import { widestRegionOf } from '../../lib/capabilities';
import { useAction } from '../../lib/use-action';
import { useAsync } from '../../lib/use-async';
import { useMe } from '../../session/session-context';
import { RegionTreeSelect } from '../volunteers/RegionTreeSelect';
import {
  addName,
  MAX_NAME,
  moveName,
  removeName,
  renameName,
  type Edit,
} from './neighbourhood-edits';
import './programs.css';

/** A region code below the village level's zeros: a community (村/社区) keeps a 小区 list. */
const isCommunity = (code: string) => /^\d{9}(?!000)\d{3}$/.test(code);

/**
 * CP-1 小区名单: the organiser keeps the named neighbourhoods of their community — guardians pick
 * their family's from it, a class may take only some of them. Each change is saved at once (the
 * server replaces the list, audited); a rename carries the children and class catchments with it.
 */
export default function NeighbourhoodsPage() {
  const { t } = useTranslation();
  const me = useMe();
  const { message } = App.useApp();
  const root = widestRegionOf(me, 'programs.organise') ?? me.grants[0]?.regionCode ?? '';
  const [regionCode, setRegionCode] = useState<string | undefined>(
    isCommunity(root) ? root : undefined,
  );
  const list = useAsync(
    (signal) =>
      regionCode
        ? listNeighbourhoods(regionCode, signal)
        : Promise.resolve({ regionCode: '', names: [] }),
    regionCode ?? '',
  );
  const names = list.data && list.data.regionCode === regionCode ? list.data.names : [];
  const [adding, setAdding] = useState('');
  const [refusal, setRefusal] = useState<string | null>(null);
  const saving = useAction(async (body: NeighbourhoodsBody, done: string) => {
    await saveNeighbourhoods(regionCode!, body);
    list.reload();
    void message.success(done);
    return true;
  });
  /** Saves an edit, or says why it cannot be made; true when saved. */
  const apply = async (edit: Edit, done: string): Promise<boolean> => {
    if ('refusal' in edit) {
      setRefusal(t(`programs.neighbourhoods.refusal.${edit.refusal}`, { max: MAX_NAME }));
      return false;
    }
    setRefusal(null);
    return (await saving.run(edit.body, done)) === true;
  };

  return (
    <div className="page neighbourhoods-page">
      <PageHeading
        title={t('programs.neighbourhoods.title')}
        subtitle={t('programs.neighbourhoods.subtitle')}
        extra={<Link to="/programs">{t('programs.neighbourhoods.back')}</Link>}
      />
      {!isCommunity(root) && (
        <Form layout="vertical" size="large">
          <Form.Item
            label={t('programs.neighbourhoods.community')}
            extra={t('programs.neighbourhoods.communityHint')}
          >
            <RegionTreeSelect
              rootCode={root}
              value={regionCode}
              onChange={setRegionCode}
              testId="neighbourhoods-region"
            />
          </Form.Item>
        </Form>
      )}
      {list.status === 'error' && <ErrorAlert error={list.error} onRetry={list.reload} />}
      {saving.error !== null && <ErrorAlert error={saving.error} />}
      {refusal && (
        <p className="field-refusal" role="alert" data-testid="neighbourhood-refusal">
          {refusal}
        </p>
      )}
      {regionCode && list.status === 'loading' && !list.data && <PageSpinner />}
      {regionCode && list.data && (
        <>
          {names.length === 0 && <Empty description={t('programs.neighbourhoods.empty')} />}
          <ol className="neighbourhood-list" data-testid="neighbourhood-list">
            {names.map((name, i) => (
              <NeighbourhoodRow
                key={name}
                name={name}
                first={i === 0}
                last={i === names.length - 1}
                busy={saving.busy}
                onRename={(to) =>
                  apply(
                    renameName(names, name, to),
                    t('programs.neighbourhoods.renamed', { from: name, to: to.trim() }),
                  )
                }
                onMove={(by) =>
                  void apply(moveName(names, name, by), t('programs.neighbourhoods.moved'))
                }
                onRemove={() =>
                  void apply(
                    removeName(names, name),
                    t('programs.neighbourhoods.removed', { name }),
                  )
                }
              />
            ))}
          </ol>
          <form
            className="neighbourhood-add"
            onSubmit={(e) => {
              e.preventDefault();
              void apply(
                addName(names, adding),
                t('programs.neighbourhoods.added', { name: adding.trim() }),
              ).then((saved) => saved && setAdding(''));
            }}
          >
            <Input
              size="large"
              value={adding}
              maxLength={MAX_NAME + 10}
              aria-label={t('programs.neighbourhoods.newName')}
              placeholder={t('programs.neighbourhoods.newName')}
              data-testid="neighbourhood-new"
              onChange={(e) => setAdding(e.target.value)}
            />
            <Button
              size="large"
              type="primary"
              htmlType="submit"
              icon={<PlusOutlined aria-hidden />}
              loading={saving.busy}
              data-testid="neighbourhood-add"
            >
              {t('programs.neighbourhoods.add')}
            </Button>
          </form>
        </>
      )}
    </div>
  );
}

function NeighbourhoodRow(props: {
  name: string;
  first: boolean;
  last: boolean;
  busy: boolean;
  onRename: (to: string) => Promise<boolean>;
  onMove: (by: -1 | 1) => void;
  onRemove: () => void;
}) {
  const { t } = useTranslation();
  const [draft, setDraft] = useState<string | null>(null);
  const { name } = props;
  if (draft !== null)
    return (
      <li className="neighbourhood-row" data-testid="neighbourhood">
        <form
          className="neighbourhood-add"
          onSubmit={(e) => {
            e.preventDefault();
            void props.onRename(draft).then((saved) => saved && setDraft(null));
          }}
        >
          <Input
            size="large"
            autoFocus
            value={draft}
            maxLength={MAX_NAME + 10}
            aria-label={t('programs.neighbourhoods.renameTo', { name })}
            data-testid="neighbourhood-rename-input"
            onChange={(e) => setDraft(e.target.value)}
          />
          <Button
            size="large"
            type="primary"
            htmlType="submit"
            loading={props.busy}
            data-testid="neighbourhood-rename-save"
          >
            {t('programs.neighbourhoods.save')}
          </Button>
          <Button size="large" onClick={() => setDraft(null)}>
            {t('programs.neighbourhoods.cancel')}
          </Button>
        </form>
      </li>
    );
  return (
    <li className="neighbourhood-row" data-testid="neighbourhood" data-name={name}>
      <span className="neighbourhood-name">{name}</span>
      <span className="neighbourhood-actions">
        <Button
          icon={<ArrowUpOutlined aria-hidden />}
          aria-label={t('programs.neighbourhoods.up', { name })}
          disabled={props.first || props.busy}
          onClick={() => props.onMove(-1)}
        />
        <Button
          icon={<ArrowDownOutlined aria-hidden />}
          aria-label={t('programs.neighbourhoods.down', { name })}
          disabled={props.last || props.busy}
          onClick={() => props.onMove(1)}
        />
        <Button
          icon={<EditOutlined aria-hidden />}
          data-testid="neighbourhood-rename"
          disabled={props.busy}
          onClick={() => setDraft(name)}
        >
          {t('programs.neighbourhoods.rename')}
        </Button>
        <Popconfirm
          title={t('programs.neighbourhoods.removeConfirm', { name })}
          okText={t('programs.neighbourhoods.removeOk')}
          cancelText={t('programs.neighbourhoods.cancel')}
          onConfirm={props.onRemove}
        >
          <Button
            danger
            icon={<DeleteOutlined aria-hidden />}
            data-testid="neighbourhood-remove"
            disabled={props.busy}
          >
            {t('programs.neighbourhoods.remove')}
          </Button>
        </Popconfirm>
      </span>
    </li>
  );
}
