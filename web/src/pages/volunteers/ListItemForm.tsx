import { Alert, Button, Form, Input, Select, Switch } from 'antd';
import { useRef } from 'react';
import { useTranslation } from 'react-i18next';
import {
  createProject,
  createResource,
  updateProject,
  updateResource,
  type NewProject,
  type NewResource,
  type Project,
  type Resource,
  type ResourceKind,
  type Team,
} from '../../api/volunteers';
import { errorText } from '../../lib/errors';
import { createIdempotencyKeeper } from '../../lib/idempotency';
import { useAction } from '../../lib/use-action';
import { RegionTreeSelect } from './RegionTreeSelect';
import { useCategories } from './use-categories';

const KINDS: readonly ResourceKind[] = ['venue', 'goods', 'skill', 'service', 'other'];

interface Values {
  name: string;
  kind?: ResourceKind;
  description: string;
  categoryCode: string;
  regionCode: string;
  teamId?: string;
  providerName?: string;
  contact?: string;
  schedule?: string;
  onMenu?: boolean;
}

/** Add or change a resource (资源) or a project (项目); a leader picks one of their teams. */
export function ListItemForm({
  list,
  item,
  rootCode,
  teams,
  teamRequired,
  onSaved,
  onCancel,
}: {
  list: 'resources' | 'projects';
  item: Resource | Project | null;
  rootCode: string;
  /** Teams the caller may add for. */
  teams: Team[];
  /** Leaders (not staff) must name one of their teams. */
  teamRequired: boolean;
  onSaved: () => void;
  onCancel: () => void;
}) {
  const { t } = useTranslation();
  const [form] = Form.useForm<Values>();
  const categories = useCategories();
  const keeper = useRef(createIdempotencyKeeper());
  const isResource = list === 'resources';

  const initial: Partial<Values> = item
    ? {
        name: item.name,
        description: item.description,
        categoryCode: item.categoryCode,
        regionCode: item.regionCode,
        ...('kind' in item
          ? {
              kind: item.kind,
              providerName: item.providerName,
              contact: item.contact,
              teamId: item.providerTeamId ?? undefined,
            }
          : { schedule: item.schedule, onMenu: item.onMenu, teamId: item.teamId ?? undefined }),
      }
    : { onMenu: true, kind: 'venue', ...(teams.length === 1 ? { teamId: teams[0]!.id } : {}) };

  const submit = useAction(async (v: Values) => {
    let call: Promise<unknown>;
    if (isResource) {
      const body: NewResource = {
        name: v.name.trim(),
        kind: v.kind ?? 'other',
        description: v.description.trim(),
        categoryCode: v.categoryCode,
        regionCode: v.regionCode,
        providerName: (v.providerName ?? '').trim(),
        contact: (v.contact ?? '').trim(),
        providerTeamId: v.teamId ?? null,
      };
      if (item) {
        call = updateResource(item.id, {
          name: body.name,
          kind: body.kind,
          description: body.description,
          categoryCode: body.categoryCode,
          providerName: body.providerName,
          contact: body.contact ?? '',
        });
      } else call = createResource(body, keeper.current.keyFor(body));
    } else {
      const body: NewProject = {
        name: v.name.trim(),
        description: v.description.trim(),
        categoryCode: v.categoryCode,
        regionCode: v.regionCode,
        teamId: v.teamId ?? null,
        schedule: (v.schedule ?? '').trim(),
        onMenu: v.onMenu ?? true,
      };
      if (item) {
        call = updateProject(item.id, {
          name: body.name,
          description: body.description,
          categoryCode: body.categoryCode,
          schedule: body.schedule ?? '',
          onMenu: body.onMenu ?? true,
        });
      } else call = createProject(body, keeper.current.keyFor(body));
    }
    await call;
    keeper.current.reset();
    onSaved();
  });

  const required = { required: true, whitespace: true, message: t('volunteers.register.required') };
  return (
    <Form<Values>
      form={form}
      layout="vertical"
      onFinish={(v) => void submit.run(v)}
      initialValues={initial}
      requiredMark="optional"
      className="vs-form"
    >
      <Form.Item name="name" label={t('volunteers.field.name')} rules={[required]}>
        <Input maxLength={100} data-testid="vs-item-name" />
      </Form.Item>
      {isResource && (
        <Form.Item name="kind" label={t('volunteers.list.kindLabel')} rules={[{ required: true }]}>
          <Select
            options={KINDS.map((k) => ({ value: k, label: t(`volunteers.list.kind.${k}`) }))}
          />
        </Form.Item>
      )}
      <Form.Item name="description" label={t('volunteers.field.description')} rules={[required]}>
        <Input.TextArea rows={3} maxLength={1000} data-testid="vs-item-description" />
      </Form.Item>
      <Form.Item
        name="categoryCode"
        label={t('volunteers.field.category')}
        rules={[{ required: true, message: t('volunteers.register.required') }]}
      >
        <Select options={categories.options} data-testid="vs-item-category" />
      </Form.Item>
      {item ? (
        <Form.Item label={t('volunteers.field.region')}>
          <Input disabled value={item.regionName} />
        </Form.Item>
      ) : (
        <Form.Item
          name="regionCode"
          label={t('volunteers.field.region')}
          rules={[{ required: true, message: t('volunteers.register.required') }]}
        >
          <RegionTreeSelect rootCode={rootCode} testId="vs-item-region" />
        </Form.Item>
      )}
      <Form.Item
        name="teamId"
        label={isResource ? t('volunteers.list.providerTeam') : t('volunteers.list.team')}
        rules={teamRequired ? [{ required: true, message: t('volunteers.register.required') }] : []}
      >
        <Select
          allowClear={!teamRequired}
          disabled={!!item}
          data-testid="vs-item-team"
          options={teams.map((x) => ({ value: x.id, label: x.name }))}
        />
      </Form.Item>
      {isResource ? (
        <>
          <Form.Item name="providerName" label={t('volunteers.list.provider')} rules={[required]}>
            <Input maxLength={100} data-testid="vs-item-provider" />
          </Form.Item>
          <Form.Item name="contact" label={t('volunteers.list.contact')}>
            <Input maxLength={100} />
          </Form.Item>
        </>
      ) : (
        <>
          <Form.Item name="schedule" label={t('volunteers.list.schedule')}>
            <Input maxLength={100} placeholder={t('volunteers.list.scheduleHint')} />
          </Form.Item>
          <Form.Item
            name="onMenu"
            label={t('volunteers.list.onMenu')}
            valuePropName="checked"
            extra={t('volunteers.list.onMenuHelp')}
          >
            <Switch />
          </Form.Item>
        </>
      )}
      {submit.error !== null && (
        <Alert
          type="error"
          showIcon
          role="alert"
          title={errorText(t, submit.error)}
          className="form-alert"
        />
      )}
      <div className="form-actions">
        <Button onClick={onCancel} disabled={submit.busy}>
          {t('common.cancel')}
        </Button>
        <Button type="primary" htmlType="submit" loading={submit.busy} data-testid="vs-item-save">
          {t('volunteers.action.save')}
        </Button>
      </div>
    </Form>
  );
}
