import {
  Alert,
  App,
  Button,
  DatePicker,
  Form,
  Input,
  Segmented,
  TimePicker,
  Typography,
} from 'antd';
import type { Dayjs } from 'dayjs';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import {
  getMenu,
  submitNeed,
  submitNeedOnBehalf,
  type Channel,
  type MenuCategory,
  type MenuProject,
  type Need,
} from '../../api/orders';
import { ErrorAlert } from '../../components/ErrorAlert';
import { PageSpinner } from '../../components/FullPageSpinner';
import { PageHeading } from '../../components/PageHeading';
import { errorText } from '../../lib/errors';
import { useAction } from '../../lib/use-action';
import { useAsync } from '../../lib/use-async';
import { beforeChinaToday, chinaInstant } from '../../lib/china-picker';
import { regionOfPrefix, widestGrant } from '../../lib/capabilities';
import { useMe } from '../../session/session-context';
import { HomeVillagePicker } from '../residents/HomeVillagePicker';
import { ResidentLookup, type LookupResult } from '../residents/ResidentLookup';
import { OrderPlaced } from './OrderPlaced';
import { orderCapabilitiesOf } from '../../lib/page-capabilities';
import './orders.css';

interface FormValues {
  description: string;
  place: string;
  day?: Dayjs;
  from?: Dayjs;
  to?: Dayjs;
  contactName: string;
  contactPhone?: string;
  regionCode?: string;
}

/** 点单 (VS-3): a phone page — pick from the menu or describe a need; staff record on behalf. */
export default function OrderServicePage() {
  const { t, i18n } = useTranslation();
  const { message } = App.useApp();
  const me = useMe();
  const caps = orderCapabilitiesOf(me);
  const ownRegion =
    me.grants.find((g) => g.role === 'resident')?.regionCode ?? me.grants[0]?.regionCode ?? '';
  const [onBehalf, setOnBehalf] = useState<boolean>(caps.onBehalf && !caps.residentNav);
  const [channel, setChannel] = useState<Exclude<Channel, 'self'>>('phone');
  const [project, setProject] = useState<MenuProject | null>(null);
  const [category, setCategory] = useState<MenuCategory | null>(null);
  const [done, setDone] = useState<Need | null>(null);
  /** On behalf: the resident looked up in the registry (issue #11), and what the lookup said. */
  const [lookup, setLookup] = useState<LookupResult | null>(null);
  const [regionFromRegistry, setRegionFromRegistry] = useState(false);
  const [form] = Form.useForm<FormValues>();
  const recorderGrant = widestGrant(me, 'orders.record');
  const scopeRoot = recorderGrant ? regionOfPrefix(recorderGrant.reachPrefix) : ownRegion;
  const picked = lookup?.kind === 'found' ? lookup.resident : null;
  const menu = useAsync((signal) => getMenu(ownRegion, signal), ownRegion);
  const catName = (c: MenuCategory | undefined) =>
    c ? (i18n.language === 'en' ? c.nameEn : c.nameZh) : '';
  const categories = useMemo(
    () => new Map((menu.data?.categories ?? []).map((c) => [c.code, c])),
    [menu.data],
  );

  const reset = () => {
    setProject(null);
    setCategory(null);
    setDone(null);
    setLookup(null);
    setRegionFromRegistry(false);
    form.resetFields();
  };

  /** A resident found by ID number fills in the name, address and village (when in scope). */
  const onLookup = (result: LookupResult) => {
    setLookup(result);
    if (result.kind !== 'found') {
      setRegionFromRegistry(false);
      return;
    }
    const r = result.resident;
    const inScope = recorderGrant ? r.homeRegionCode.startsWith(recorderGrant.reachPrefix) : false;
    setRegionFromRegistry(inScope);
    form.setFieldsValue({
      contactName: r.fullName,
      place: (form.getFieldValue('place') as string | undefined) || r.address,
      contactPhone: '',
      regionCode: inScope ? r.homeRegionCode : undefined,
    });
  };

  const clearResident = () => {
    setLookup(null);
    setRegionFromRegistry(false);
    form.setFieldsValue({ contactName: '', contactPhone: '', regionCode: undefined });
  };

  const submit = useAction(async (v: FormValues) => {
    // The picked day and times are a clock in China, whatever the device's zone (issue #11).
    const at = (time?: Dayjs) => (v.day && time ? chinaInstant(v.day, time) : undefined);
    const phone = v.contactPhone?.replace(/\s+/g, '') ?? '';
    const body = {
      regionCode: onBehalf ? (v.regionCode ?? ownRegion).trim() : ownRegion,
      ...(project ? { projectId: project.id } : { categoryCode: category!.code }),
      description: v.description,
      place: v.place,
      ...(at(v.from) ? { wantedFrom: at(v.from) } : {}),
      ...(at(v.to) ? { wantedTo: at(v.to) } : {}),
      contactName: v.contactName,
    };
    try {
      setDone(
        await (onBehalf
          ? submitNeedOnBehalf({
              ...body,
              channel,
              ...(picked ? { residentId: picked.id } : {}),
              // Left empty for a registered resident: the server uses the phone on record.
              ...(phone || !picked?.phoneMasked ? { contactPhone: phone } : {}),
            })
          : submitNeed({ ...body, contactPhone: phone })),
      );
    } catch (e) {
      void message.error(errorText(t, e));
    }
  });

  if (done) return <OrderPlaced need={done} onBehalf={onBehalf} onAnother={reset} />;

  const chosen = project ?? category;
  return (
    <div className="page orders-page">
      <PageHeading title={t('orders.order.title')} subtitle={t('orders.order.subtitle')} />
      {caps.onBehalf && (
        <Segmented
          size="large"
          block
          value={onBehalf ? 'behalf' : 'self'}
          onChange={(v) => setOnBehalf(v === 'behalf')}
          options={[
            { value: 'self', label: t('orders.order.forMyself') },
            { value: 'behalf', label: t('orders.order.onBehalf') },
          ]}
        />
      )}
      {menu.status === 'error' && <ErrorAlert error={menu.error} onRetry={menu.reload} />}
      {menu.status === 'loading' && !menu.data && <PageSpinner />}
      {menu.data && !chosen && (
        <>
          <h2>{t('orders.order.menu')}</h2>
          {menu.data.projects.length === 0 && (
            <Alert type="info" message={t('orders.order.emptyMenu')} />
          )}
          <div className="orders-big-grid">
            {menu.data.projects.map((p) => (
              <Button
                key={p.id}
                className="orders-big-button"
                size="large"
                data-testid="menu-project"
                onClick={() => setProject(p)}
              >
                <span>{p.name}</span>
                <span className="orders-hint">
                  {catName(categories.get(p.categoryCode))}
                  {p.schedule ? ` · ${p.schedule}` : ''}
                </span>
              </Button>
            ))}
          </div>
          <h2>{t('orders.order.custom')}</h2>
          <p className="page-subtitle">{t('orders.order.pickCategory')}</p>
          <div className="orders-big-grid">
            {menu.data.categories.map((c) => (
              <Button
                key={c.code}
                className="orders-big-button"
                size="large"
                data-testid="menu-category"
                style={c.colour ? { borderLeft: `6px solid ${c.colour}` } : undefined}
                onClick={() => setCategory(c)}
              >
                {catName(c)}
              </Button>
            ))}
          </div>
        </>
      )}
      {chosen && onBehalf && (
        <section className="orders-behalf-resident" aria-label={t('orders.order.residentTitle')}>
          <h3>{t('orders.order.residentTitle')}</h3>
          <p className="page-subtitle">{t('orders.order.residentHelp')}</p>
          <ResidentLookup onResult={onLookup} />
          {picked && (
            <Alert
              type={regionFromRegistry ? 'success' : 'warning'}
              showIcon
              data-testid="order-resident-found"
              title={
                regionFromRegistry
                  ? t('orders.order.residentFound', {
                      name: picked.fullName,
                      village: picked.homeRegionName,
                    })
                  : t('orders.order.residentOutOfScope', {
                      name: picked.fullName,
                      village: picked.homeRegionName,
                    })
              }
              description={
                <Button size="small" onClick={clearResident} data-testid="order-resident-clear">
                  {t('orders.order.clearResident')}
                </Button>
              }
            />
          )}
          {lookup?.kind === 'notFound' && (
            <Alert
              type="info"
              showIcon
              data-testid="order-resident-not-found"
              title={t('orders.order.residentNotFound')}
            />
          )}
        </section>
      )}
      {chosen && (
        <Form
          form={form}
          layout="vertical"
          size="large"
          className="orders-form"
          onFinish={(v) => void submit.run(v)}
          initialValues={{
            description: project?.description ?? '',
            contactName: onBehalf ? '' : me.displayName.replace(/（.*）$/, ''),
            regionCode: onBehalf ? undefined : ownRegion,
          }}
        >
          <Alert
            type="info"
            showIcon
            message={project ? project.name : catName(category ?? undefined)}
            description={t('orders.order.contactPrivacy')}
            action={
              <Button onClick={() => (setProject(null), setCategory(null))}>
                {t('orders.order.back')}
              </Button>
            }
            style={{ margin: '12px 0' }}
          />
          {onBehalf && (
            <>
              <Form.Item label={t('orders.order.channel')}>
                <Segmented
                  block
                  value={channel}
                  onChange={(v) => setChannel(v)}
                  options={(['phone', 'wechat', 'walk_in'] as const).map((c) => ({
                    value: c,
                    label: t(`orders.channel.${c}`),
                  }))}
                />
              </Form.Item>
              {regionFromRegistry && picked ? (
                <Form.Item label={t('orders.order.regionCode')}>
                  <div className="orders-region-line">
                    <Typography.Text strong data-testid="order-region-from-registry">
                      {t('orders.order.fromRegistry', { village: picked.homeRegionName })}
                    </Typography.Text>
                    <Button
                      onClick={() => {
                        setRegionFromRegistry(false);
                        form.setFieldsValue({ regionCode: undefined });
                      }}
                    >
                      {t('orders.order.changeRegion')}
                    </Button>
                  </div>
                  <Form.Item name="regionCode" hidden noStyle>
                    <Input />
                  </Form.Item>
                </Form.Item>
              ) : (
                <Form.Item
                  name="regionCode"
                  label={t('orders.order.regionCode')}
                  rules={[{ required: true, message: t('orders.order.regionHint') }]}
                >
                  <HomeVillagePicker rootCode={scopeRoot} />
                </Form.Item>
              )}
            </>
          )}
          <Form.Item
            name="description"
            label={t('orders.order.description')}
            rules={[{ required: true, whitespace: true, message: t('orders.required') }]}
          >
            <Input.TextArea rows={3} maxLength={2000} data-testid="order-description" />
          </Form.Item>
          <Form.Item
            name="place"
            label={t('orders.order.place')}
            rules={[{ required: true, whitespace: true, message: t('orders.required') }]}
          >
            <Input maxLength={200} data-testid="order-place" />
          </Form.Item>
          <Form.Item label={t('orders.order.wanted')}>
            <div style={{ display: 'flex', gap: 8, flexWrap: 'wrap' }}>
              <Form.Item name="day" noStyle>
                <DatePicker
                  inputReadOnly
                  placeholder={t('orders.order.day')}
                  data-testid="order-day"
                  // Days before today in China are refused by the server too (VS_WANTED_IN_PAST).
                  disabledDate={(d) => beforeChinaToday(d)}
                />
              </Form.Item>
              <Form.Item name="from" noStyle>
                <TimePicker
                  inputReadOnly
                  format="HH:mm"
                  minuteStep={15}
                  placeholder={t('orders.order.from')}
                />
              </Form.Item>
              <Form.Item name="to" noStyle>
                <TimePicker
                  inputReadOnly
                  format="HH:mm"
                  minuteStep={15}
                  placeholder={t('orders.order.to')}
                />
              </Form.Item>
            </div>
          </Form.Item>
          <Form.Item
            name="contactName"
            label={t('orders.order.contactName')}
            rules={[{ required: true, whitespace: true, message: t('orders.required') }]}
          >
            <Input maxLength={50} autoComplete="name" />
          </Form.Item>
          <Form.Item
            name="contactPhone"
            label={t('orders.order.contactPhone')}
            extra={
              onBehalf && picked?.phoneMasked
                ? t('orders.order.phoneOnRecord', { phone: picked.phoneMasked })
                : undefined
            }
            rules={[
              {
                required: !(onBehalf && picked?.phoneMasked),
                pattern: /^\s*(1\d{10}|0\d{2,3}-?\d{7,8})\s*$/,
                message: t('orders.order.phoneHint'),
              },
            ]}
          >
            <Input inputMode="tel" autoComplete="tel" data-testid="order-phone" />
          </Form.Item>
          <Button
            type="primary"
            htmlType="submit"
            block
            loading={submit.busy}
            data-testid="order-submit"
          >
            {t('orders.order.submit')}
          </Button>
        </Form>
      )}
    </div>
  );
}
