import { Alert, Button, Form, Input, Radio, Select } from 'antd';
import { useRef } from 'react';
import { useTranslation } from 'react-i18next';
import {
  createTeam,
  listTeams,
  type NewTeam,
  type Team,
  type TeamKind,
} from '../../api/volunteers';
import { errorText } from '../../lib/errors';
import { createIdempotencyKeeper } from '../../lib/idempotency';
import { useAction } from '../../lib/use-action';
import { useAsync } from '../../lib/use-async';
import { RegionTreeSelect } from './RegionTreeSelect';
import { useCategories } from './use-categories';

const PARENT_KIND: Record<TeamKind, TeamKind | null> = {
  corps: null,
  team: 'corps',
  subteam: 'team',
};
const COLOURS = [
  ['#f5222d', '0'],
  ['#fa8c16', '1'],
  ['#fadb14', '2'],
  ['#52c41a', '3'],
  ['#13c2c2', '4'],
  ['#1677ff', '5'],
  ['#722ed1', '6'],
] as const;

interface Values extends Omit<NewTeam, 'parentId'> {
  parentId?: string;
}

/**
 * Centre staff create a corps, a team (under a corps, or on its own) or a sub-team; the parent
 * picker asks the server for the teams of the parent's kind in the staff's region.
 */
export function TeamForm({
  rootCode,
  onSaved,
  onCancel,
}: {
  rootCode: string;
  onSaved: (team: Team) => void;
  onCancel: () => void;
}) {
  const { t } = useTranslation();
  const [form] = Form.useForm<Values>();
  const categories = useCategories();
  const keeper = useRef(createIdempotencyKeeper());
  const kind = Form.useWatch('kind', form) ?? 'team';
  const parentKind = PARENT_KIND[kind];
  const parents = useAsync(
    (signal) =>
      parentKind
        ? listTeams({ kind: parentKind, regionCode: rootCode }, signal)
        : Promise.resolve([]),
    `${parentKind ?? ''}|${rootCode}`,
  );

  const submit = useAction(async (v: Values) => {
    const body: NewTeam = {
      ...v,
      parentId: v.parentId ?? null,
      categoryCode: v.categoryCode ?? null,
      colour: v.colour ?? null,
    };
    const team = await createTeam(body, keeper.current.keyFor(body));
    keeper.current.reset();
    onSaved(team);
  });

  return (
    <Form<Values>
      form={form}
      layout="vertical"
      onFinish={(v) => void submit.run(v)}
      initialValues={{ kind: 'team', description: '' }}
      requiredMark="optional"
      className="vs-form"
    >
      <Form.Item name="kind" label={t('volunteers.teams.kindLabel')} rules={[{ required: true }]}>
        <Radio.Group
          optionType="button"
          options={(['corps', 'team', 'subteam'] as const).map((k) => ({
            value: k,
            label: t(`volunteers.teams.kind.${k}`),
          }))}
        />
      </Form.Item>
      {parentKind && (
        <Form.Item
          name="parentId"
          label={t('volunteers.teams.parent')}
          rules={
            kind === 'subteam'
              ? [{ required: true, message: t('volunteers.register.required') }]
              : []
          }
        >
          <Select
            allowClear
            data-testid="vs-team-parent"
            loading={parents.status === 'loading'}
            options={(parents.data ?? [])
              .filter((x) => x.kind === parentKind)
              .map((x) => ({ value: x.id, label: `${x.name}（${x.regionName}）` }))}
          />
        </Form.Item>
      )}
      <Form.Item
        name="name"
        label={t('volunteers.teams.name')}
        rules={[{ required: true, whitespace: true, message: t('volunteers.register.required') }]}
      >
        <Input maxLength={100} data-testid="vs-team-name" />
      </Form.Item>
      <Form.Item
        name="regionCode"
        label={t('volunteers.field.region')}
        rules={[{ required: true, message: t('volunteers.register.required') }]}
      >
        <RegionTreeSelect rootCode={rootCode} testId="vs-team-region" />
      </Form.Item>
      <Form.Item name="categoryCode" label={t('volunteers.field.category')}>
        <Select allowClear options={categories.options} data-testid="vs-team-category" />
      </Form.Item>
      <Form.Item name="colour" label={t('volunteers.teams.colour')}>
        <Select
          allowClear
          options={COLOURS.map(([c, i]) => ({
            value: c,
            label: (
              <span>
                <span className="vs-colour-dot" style={{ background: c }} aria-hidden />{' '}
                {t(`volunteers.rainbow.${i}`)}
              </span>
            ),
          }))}
        />
      </Form.Item>
      <Form.Item
        name="organisationName"
        label={t('volunteers.teams.organisation')}
        extra={t('volunteers.teams.organisationHelp')}
        rules={[{ required: true, whitespace: true, message: t('volunteers.register.required') }]}
      >
        <Input maxLength={100} />
      </Form.Item>
      <Form.Item
        name="personInCharge"
        label={t('volunteers.teams.personInCharge')}
        rules={[{ required: true, whitespace: true, message: t('volunteers.register.required') }]}
      >
        <Input maxLength={50} />
      </Form.Item>
      <Form.Item
        name="contactPhone"
        label={t('volunteers.teams.contact')}
        rules={[
          {
            required: true,
            pattern: /^(1\d{10}|0\d{2,3}-?\d{7,8})$/,
            message: t('volunteers.register.phoneInvalid'),
          },
        ]}
      >
        <Input inputMode="tel" />
      </Form.Item>
      <Form.Item name="description" label={t('volunteers.field.description')}>
        <Input.TextArea rows={3} maxLength={1000} />
      </Form.Item>
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
        <Button type="primary" htmlType="submit" loading={submit.busy} data-testid="vs-team-save">
          {t('volunteers.action.save')}
        </Button>
      </div>
    </Form>
  );
}
