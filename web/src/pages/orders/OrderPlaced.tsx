import { Button, Result } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import type { Need } from '../../api/orders';

/** 点单 done (VS-3): the need's number, and where to follow it or order again. */
export function OrderPlaced({
  need,
  onBehalf,
  onAnother,
}: {
  need: Need;
  onBehalf: boolean;
  onAnother: () => void;
}) {
  const { t } = useTranslation();
  return (
    <div className="page orders-page">
      <Result
        status="success"
        title={t('orders.order.done')}
        subTitle={t('orders.order.doneText', { number: need.needNumber })}
        extra={[
          <Link key="mine" to={onBehalf ? '/vs/board' : '/vs/my-orders'}>
            <Button type="primary" size="large">
              {onBehalf ? t('orders.nav.vsBoard') : t('orders.order.toMyOrders')}
            </Button>
          </Link>,
          <Button key="again" size="large" onClick={onAnother}>
            {t('orders.order.another')}
          </Button>,
        ]}
      />
    </div>
  );
}
