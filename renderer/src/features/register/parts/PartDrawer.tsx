/**
 * A part in a drawer beside the roster: its fields, its owners, its ownership
 * history. Typed into the part's fields and not saved, the drawer's ×, Esc or a
 * click beside it ask first, as a dialog's do (useDialogGuard); the drawer stays
 * open after a save, so the save tells the guard.
 */
import { useEffect, useState } from 'react';
import { Alert, App as AntApp, Drawer, Spin } from 'antd';
import { errorMessage } from '../../../api/errors';
import { useQuery } from '../../../api/queries';
import { useDialogGuard } from '../../../components/useDialogGuard';
import { zhCN } from '../../../i18n/zh-CN';
import type { Buildings } from '../roster/RosterToolbar';
import { PartForm, type PartDetail } from './PartForm';
import { PartOwners } from './PartOwners';
import { OwnershipHistory } from './OwnershipHistory';
import { SetOwnersModal } from './SetOwnersModal';

const t = zhCN.part;

export type PartDrawerTarget = { mode: 'create' } | { mode: 'edit'; partId: string };

interface Props {
  communityId: string;
  target: PartDrawerTarget | null;
  buildings: Buildings;
  onClose: () => void;
  /** Something was saved: the roster reloads. */
  onChanged: () => void;
  onCreated: (partId: string) => void;
}

export function PartDrawer({ communityId, target, buildings, onClose, onChanged, onCreated }: Props) {
  const partId = target?.mode === 'edit' ? target.partId : null;
  const [address, setAddress] = useState<string | null>(null);
  const open = target !== null;
  // Not busy: a save here never closes the drawer nor leaves the page by itself.
  const guard = useDialogGuard(open, false);
  return (
    <Drawer
      open={open}
      onClose={() => guard.close(onClose)}
      size={640}
      title={<span data-testid="part-title">{target?.mode === 'create' ? t.createTitle : t.editTitle(address ?? '')}</span>}
      destroyOnHidden
      data-testid="part-drawer"
    >
      <div onInput={guard.onTyped}>
        {target?.mode === 'create' && (
          <PartForm
            communityId={communityId}
            part={null}
            buildings={buildings}
            onSaved={(p) => {
              guard.saved();
              onChanged();
              onCreated(p.partId);
            }}
          />
        )}
        {partId !== null && (
          <PartDetailView
            key={partId}
            communityId={communityId}
            partId={partId}
            buildings={buildings}
            onChanged={onChanged}
            onFormSaved={guard.saved}
            onAddress={setAddress}
          />
        )}
      </div>
    </Drawer>
  );
}

interface DetailProps {
  communityId: string;
  partId: string;
  buildings: Buildings;
  onChanged: () => void;
  /** The part's own fields were saved (not its owners: their dialog has its own guard). */
  onFormSaved: () => void;
  onAddress: (address: string | null) => void;
}

function PartDetailView({ communityId, partId, buildings, onChanged, onFormSaved, onAddress }: DetailProps) {
  const { message } = AntApp.useApp();
  const loaded = useQuery('part.get', { id: partId });
  const [part, setPart] = useState<PartDetail | null>(null);
  const [settingOwners, setSettingOwners] = useState(false);
  const current = part ?? loaded.data ?? null;
  const address = current?.address ?? null;
  useEffect(() => onAddress(address), [address, onAddress]);

  if (loaded.error) return <Alert type="error" showIcon title={errorMessage(loaded.error)} />;
  if (!current) return <Spin />;

  const saved = (p: PartDetail, text: string) => {
    setPart(p);
    message.success(text);
    onChanged();
  };

  return (
    <div className="part-detail">
      <PartForm
        communityId={communityId}
        part={current}
        buildings={buildings}
        onSaved={(p) => {
          onFormSaved();
          saved(p, t.saved);
        }}
      />
      <PartOwners part={current} onSetOwners={() => setSettingOwners(true)} />
      <OwnershipHistory part={current} />
      <SetOwnersModal
        open={settingOwners}
        part={current}
        onClose={() => setSettingOwners(false)}
        onSaved={(p) => {
          setSettingOwners(false);
          saved(p, zhCN.owners.saved);
        }}
      />
    </div>
  );
}
