import {
  Alert,
  Button,
  Card,
  Descriptions,
  Form,
  Input,
  Result,
  Space,
  Tag,
  Typography,
} from 'antd';
import { useEffect, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router-dom';
import {
  createFirstAdmin,
  getSetup,
  importSetupRegions,
  previewSetupRegions,
  type FirstAdmin,
  type RegionImport,
  type RegionPreview,
  type SetupStatus,
  type SetupStepKey,
} from '../../api/setup';
import { errorText } from '../../lib/errors';
import { createIdempotencyKeeper } from '../../lib/idempotency';
import { useAction } from '../../lib/use-action';
import './setup.css';

/** Where each step is done after the token-guarded part (an administrator's own pages). */
const STEP_LINKS: Partial<Record<SetupStepKey, string>> = {
  catalog: '/catalog/import-export',
  stations: '/imports?kind=stations',
  staff: '/accounts',
  residents: '/imports',
};

const LEVELS = ['province', 'city', 'district', 'town', 'village', 'grid'] as const;
const isLevel = (l: string): l is (typeof LEVELS)[number] =>
  (LEVELS as readonly string[]).includes(l);

/** The district code the regions were loaded for, as a 12-digit scope for the administrator. */
const fullCode = (scope: string) => scope.padEnd(12, '0');

/**
 * 首次设置 (issue #15 point 1): on an empty deployment, whoever holds the setup link printed in
 * the server's log loads the regions of the deployment from the NBS data (a preview first, then
 * the import) and creates the first administrator; afterwards the administrator sees what is left
 * (catalog, stations, staff, residents) with links to the pages that do it. Every step says what it
 * will do before it does it; a step done is never done twice (the server re-checks).
 */
export default function SetupPage() {
  const { t } = useTranslation();
  const [params] = useSearchParams();
  const token = params.get('token');
  const [status, setStatus] = useState<SetupStatus | null>(null);
  const [reload, setReload] = useState(0);
  const [loadError, setLoadError] = useState<unknown>(null);
  const [scope, setScope] = useState('');
  const [preview, setPreview] = useState<RegionPreview | null>(null);
  const [imported, setImported] = useState<RegionImport | null>(null);
  const [adminMade, setAdminMade] = useState<string | null>(null);
  const keeper = useMemo(() => createIdempotencyKeeper(), []);

  useEffect(() => {
    const ctrl = new AbortController();
    getSetup(ctrl.signal)
      .then((s) => {
        setStatus(s);
        setLoadError(null);
      })
      .catch((e: unknown) => {
        if (!ctrl.signal.aborted) setLoadError(e);
      });
    return () => ctrl.abort();
  }, [reload]);

  const previewAction = useAction(async (value: string) => {
    setImported(null);
    setPreview(await previewSetupRegions(value, token));
  });
  const importAction = useAction(async () => {
    if (!preview) return;
    setImported(await importSetupRegions(preview.scope, token));
    setReload((n) => n + 1);
  });
  const adminAction = useAction(async (values: FirstAdmin) => {
    const created = await createFirstAdmin(values, token, keeper.keyFor(values));
    keeper.reset();
    setAdminMade(created.username);
    setReload((n) => n + 1);
  });

  if (loadError) return <Alert type="error" showIcon message={errorText(t, loadError)} />;
  if (!status) return <Typography.Paragraph>{t('setup.loading')}</Typography.Paragraph>;

  const next = status.next;
  const regionsOpen = status.steps.length > 0 && (status.open ? !!token : true);
  const done = (key: SetupStepKey) => status.steps.find((s) => s.key === key)?.done ?? false;

  return (
    <div className="setup-page" data-testid="setup-page">
      <Typography.Title level={1}>{t('setup.title')}</Typography.Title>
      {adminMade && (
        <Alert
          type="success"
          showIcon
          data-testid="setup-admin-made"
          message={t('setup.adminMade', { username: adminMade })}
          description={<Link to="/login">{t('setup.signIn')}</Link>}
        />
      )}
      {status.steps.length === 0 ? (
        <Result
          status="success"
          title={t('setup.closedTitle')}
          subTitle={t('setup.closedText')}
          data-testid="setup-closed"
        />
      ) : (
        <>
          <Typography.Paragraph>
            {status.open ? t('setup.openIntro') : t('setup.adminIntro')}
          </Typography.Paragraph>
          {status.open && !token && (
            <Alert type="warning" showIcon message={t('setup.needToken')} />
          )}
          <ol className="setup-steps" data-testid="setup-steps">
            {status.steps.map((s) => (
              <li key={s.key} data-testid={`setup-step-${s.key}`} data-done={s.done ? 'yes' : 'no'}>
                <span className="setup-step-name">{t(`setup.step.${s.key}`)}</span>{' '}
                {s.done ? (
                  <Tag color="success">{t('setup.done', { count: s.count })}</Tag>
                ) : (
                  <Tag>{s.optional ? t('setup.optional') : t('setup.todo')}</Tag>
                )}{' '}
                {s.key === next && <Tag color="processing">{t('setup.next')}</Tag>}{' '}
                {!status.open && !s.done && STEP_LINKS[s.key] && (
                  <Link to={STEP_LINKS[s.key]!}>{t('setup.goTo')}</Link>
                )}
              </li>
            ))}
          </ol>
        </>
      )}

      {regionsOpen && (status.open || !done('regions')) && (
        <Card title={t('setup.regions.title')} className="setup-card">
          {!status.regionSource ? (
            <Alert type="warning" showIcon message={t('setup.regions.noSource')} />
          ) : (
            <Form
              layout="vertical"
              onFinish={({ scope: value }: { scope: string }) => void previewAction.run(value)}
            >
              <Form.Item
                name="scope"
                label={t('setup.regions.scope')}
                extra={t('setup.regions.scopeHelp')}
                rules={[
                  {
                    required: true,
                    pattern: /^\d{2,12}$/,
                    message: t('setup.regions.scopeInvalid'),
                  },
                ]}
              >
                <Input
                  inputMode="numeric"
                  data-testid="setup-scope"
                  value={scope}
                  onChange={(e) => setScope(e.target.value)}
                />
              </Form.Item>
              <Button htmlType="submit" loading={previewAction.busy} data-testid="setup-preview">
                {t('setup.regions.preview')}
              </Button>
            </Form>
          )}
          {previewAction.error !== null && (
            <Alert type="error" showIcon message={errorText(t, previewAction.error)} />
          )}
          {preview && (
            <div data-testid="setup-preview-result" className="setup-preview">
              <Descriptions column={1} size="small" bordered>
                <Descriptions.Item label={t('setup.regions.where')}>
                  {preview.path.join(' › ')}
                </Descriptions.Item>
                <Descriptions.Item label={t('setup.regions.total')}>
                  {preview.total}
                </Descriptions.Item>
                <Descriptions.Item label={t('setup.regions.levels')}>
                  {Object.entries(preview.byLevel)
                    .map(
                      ([level, n]) => `${isLevel(level) ? t(`setup.level.${level}`) : level} ${n}`,
                    )
                    .join('，')}
                </Descriptions.Item>
                <Descriptions.Item label={t('setup.regions.willAdd')}>
                  <span data-testid="setup-will-add">{preview.added}</span>
                  {preview.present > 0 &&
                    ` ${t('setup.regions.present', { count: preview.present })}`}
                </Descriptions.Item>
              </Descriptions>
              <Space style={{ marginTop: 12 }}>
                <Button
                  type="primary"
                  onClick={() => void importAction.run()}
                  loading={importAction.busy}
                  data-testid="setup-import"
                >
                  {t('setup.regions.import')}
                </Button>
              </Space>
            </div>
          )}
          {importAction.error !== null && (
            <Alert type="error" showIcon message={errorText(t, importAction.error)} />
          )}
          {imported && (
            <Alert
              type={imported.refused.length > 0 ? 'warning' : 'success'}
              showIcon
              data-testid="setup-imported"
              message={t('setup.regions.imported', {
                imported: imported.imported,
                unchanged: imported.unchanged,
                refused: imported.refused.length,
              })}
            />
          )}
        </Card>
      )}

      {status.open && token && done('regions') && !adminMade && (
        <Card title={t('setup.admin.title')} className="setup-card">
          <Form<FirstAdmin>
            layout="vertical"
            initialValues={{ regionCode: imported ? fullCode(imported.scope) : '' }}
            onFinish={(values) => void adminAction.run(values)}
          >
            <Form.Item
              name="username"
              label={t('setup.admin.username')}
              rules={[
                {
                  required: true,
                  pattern: /^[a-zA-Z0-9_.-]{3,50}$/,
                  message: t('setup.admin.usernameRule'),
                },
              ]}
            >
              <Input autoComplete="username" data-testid="setup-admin-username" />
            </Form.Item>
            <Form.Item
              name="displayName"
              label={t('setup.admin.displayName')}
              rules={[{ required: true, message: t('setup.admin.required') }]}
            >
              <Input data-testid="setup-admin-name" />
            </Form.Item>
            <Form.Item
              name="password"
              label={t('setup.admin.password')}
              extra={t('setup.admin.passwordHelp')}
              rules={[{ required: true, message: t('setup.admin.required') }]}
            >
              <Input.Password autoComplete="new-password" data-testid="setup-admin-password" />
            </Form.Item>
            <Form.Item
              name="regionCode"
              label={t('setup.admin.region')}
              extra={t('setup.admin.regionHelp')}
              rules={[
                { required: true, pattern: /^\d{12}$/, message: t('setup.admin.regionRule') },
              ]}
            >
              <Input inputMode="numeric" data-testid="setup-admin-region" />
            </Form.Item>
            <Button
              type="primary"
              htmlType="submit"
              loading={adminAction.busy}
              data-testid="setup-admin-submit"
            >
              {t('setup.admin.submit')}
            </Button>
          </Form>
          {adminAction.error !== null && (
            <Alert type="error" showIcon message={errorText(t, adminAction.error)} />
          )}
        </Card>
      )}
    </div>
  );
}
