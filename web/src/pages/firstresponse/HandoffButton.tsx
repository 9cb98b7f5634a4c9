import { SendOutlined } from '@ant-design/icons';
import { Button } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { MatterType } from '../../api/first-response';
import { HandoffDialog } from './HandoffDialog';

/** A "hand off" button and its dialog for a case or an inquiry. */
export function HandoffButton({
  entityType,
  entityId,
  onDone,
}: {
  entityType: MatterType;
  entityId: string;
  onDone?: () => void;
}) {
  const { t } = useTranslation();
  const [open, setOpen] = useState(false);
  return (
    <>
      <Button
        icon={<SendOutlined aria-hidden />}
        onClick={() => setOpen(true)}
        data-testid="handoff-button"
      >
        {t('firstresponse.handoff.button')}
      </Button>
      <HandoffDialog
        open={open}
        onClose={() => setOpen(false)}
        send={{ matter: () => Promise.resolve({ entityType, entityId }) }}
        {...(onDone ? { onDone } : {})}
      />
    </>
  );
}
