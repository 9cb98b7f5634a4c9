import { Form, Skeleton } from 'antd';
import { useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useLocation, useNavigate, useParams, useSearchParams } from 'react-router-dom';
import { createCatalogItem, fetchCatalogItem, updateCatalogItem } from '../../api/catalog';
import { useMe } from '../../session/session-context';
import { homeTownOf, TownSelect } from './TownSelect';
import { isApiError } from '../../api/client';
import { ErrorAlert } from '../../components/ErrorAlert';
import { PageHeading } from '../../components/PageHeading';
import { errorText } from '../../lib/errors';
import { createIdempotencyKeeper } from '../../lib/idempotency';
import { useAction } from '../../lib/use-action';
import { useAsync } from '../../lib/use-async';
import {
  blankFormValues,
  formFieldOfServerPath,
  fromFormValues,
  toFormValues,
  type ItemFormValues,
} from './item-form-values';
import { localName } from './catalog-format';
import { ItemForm } from './ItemForm';
import { readNavState, type CatalogNavState } from './nav-state';
import { useReasonText } from './ReasonText';
import './catalog.css';

interface Loaded {
  values: ItemFormValues;
  /** The version being edited; null for a new item. */
  version: number | null;
}

/** Edit an item (PUT: a new version) at /catalog/:code/edit, or add one at /catalog/new. */
export default function CatalogEditPage() {
  const { t, i18n } = useTranslation();
  const { code } = useParams<{ code: string }>();
  const [params] = useSearchParams();
  const template = params.get('from');
  const location = useLocation();
  const navigate = useNavigate();
  const nav = readNavState(location.state);
  const reasonText = useReasonText();
  const isNew = code === undefined;
  const [form] = Form.useForm<ItemFormValues>();
  const keeper = useRef(createIdempotencyKeeper());
  const me = useMe();
  // Issue #15 point 9: a new item is shared, or the chosen town's own (by default the town an
  // editor's grant lies in: a town officer's; a district administrator starts with a shared one).
  const [town, setTown] = useState<string | undefined>(() => homeTownOf(me));
  const [problems, setProblems] = useState<{ title: string; unplaced: string[] } | null>(null);

  const loaded = useAsync(
    async (signal): Promise<Loaded> => {
      if (!isNew) {
        const item = await fetchCatalogItem(code, signal);
        return { values: toFormValues(item), version: item.version };
      }
      if (!template) return { values: blankFormValues(), version: null };
      const values = toFormValues(await fetchCatalogItem(template, signal));
      return {
        values: {
          ...values,
          code: '',
          isDemo: false,
          materials: values.materials.map((m) => ({ ...m, isNew: true })),
        },
        version: null,
      };
    },
    `${code ?? ''}:${template ?? ''}`,
  );

  const goToItem = (itemCode: string, saved: NonNullable<CatalogNavState['saved']>) => {
    const state: CatalogNavState = {
      saved,
      ...(nav.listSearch === undefined ? {} : { listSearch: nav.listSearch }),
    };
    void navigate(`/catalog/${itemCode}`, { state });
  };

  const showRefusal = (error: unknown) => {
    if (!isApiError(error)) {
      setProblems({ title: errorText(t, error), unplaced: [] });
      return;
    }
    const unplaced: string[] = [];
    const fields = error.errors.flatMap((problem) => {
      const name = formFieldOfServerPath(problem.path);
      if (!name) {
        unplaced.push(`${problem.path}: ${reasonText(problem.message)}`);
        return [];
      }
      return [{ name, errors: [reasonText(problem.message)] }];
    });
    if (error.code === 'CATALOG_ITEM_EXISTS')
      fields.push({ name: ['code'], errors: [error.title] });
    // Paths come from the server: typed as plain (string | number)[] rather than the form's names.
    form.setFields(fields as Parameters<typeof form.setFields>[0]);
    setProblems({
      title: fields.length > 0 ? t('catalog.edit.refused') : errorText(t, error),
      unplaced,
    });
    const first = fields[0];
    if (first) form.scrollToField(first.name, { block: 'center' });
  };

  const save = useAction(async (values: ItemFormValues) => {
    const item = fromFormValues(values);
    setProblems(null);
    try {
      const saved = isNew
        ? await createCatalogItem(item, keeper.current.keyFor({ item, town }), town)
        : await updateCatalogItem(item);
      keeper.current.reset();
      const outcome = isNew
        ? 'created'
        : saved.version > (loaded.data?.version ?? 0)
          ? 'versioned'
          : 'unchanged';
      goToItem(saved.code, { version: saved.version, outcome });
    } catch (error) {
      showRefusal(error);
    }
  });
  const submit = (values: ItemFormValues) => void save.run(values);

  const cancel = () =>
    void navigate(isNew ? `/catalog${nav.listSearch ?? ''}` : `/catalog/${code}`, {
      state: nav.listSearch === undefined ? {} : { listSearch: nav.listSearch },
    });

  const values = loaded.data?.values;
  return (
    <div className="page catalog-edit-page">
      <PageHeading
        title={
          isNew
            ? t('catalog.edit.titleNew')
            : values
              ? t('catalog.edit.titleEditNamed', { name: localName(values.name, i18n.language) })
              : t('catalog.edit.titleEdit')
        }
        subtitle={isNew ? t('catalog.edit.subtitleNew') : t('catalog.edit.subtitleEdit')}
      />
      {loaded.status === 'error' && <ErrorAlert error={loaded.error} onRetry={loaded.reload} />}
      {loaded.status === 'loading' && <Skeleton active paragraph={{ rows: 10 }} />}
      {isNew && (
        <div className="catalog-filters">
          <TownSelect
            me={me}
            value={town}
            onChange={setTown}
            testId="catalog-edit-town"
            placeholder={t('catalog.town.sharedItem')}
          />
        </div>
      )}
      {loaded.status === 'success' && values && (
        <ItemForm
          form={form}
          initialValues={values}
          isNew={isNew}
          busy={save.busy}
          problems={problems}
          onSubmit={submit}
          onCancel={cancel}
        />
      )}
    </div>
  );
}
