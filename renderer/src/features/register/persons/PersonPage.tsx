/**
 * An owner's own page: the only place that shows the full document number and
 * phone. Lists the parts the person holds or held.
 */
import { useState } from 'react';
import { Alert, App as AntApp, Button, Descriptions, Spin, Tag } from 'antd';
import { invoke } from '../../../api/client';
import { errorMessage } from '../../../api/errors';
import { useAsync } from '../../../api/useAsync';
import { DataGrid, type ColumnDef } from '../../../components/DataGrid';
import { GuardedModal } from '../../../components/GuardedModal';
import { PageHeader } from '../../../components/PageHeader';
import { zhCN } from '../../../i18n/zh-CN';
import { navigate } from '../../../router';
import { PersonForm, type PersonDetail } from './PersonForm';
import { HistoryLink } from '../../system/audit/HistoryLink';
import { useCan } from '../../system/auth/permissions';

const t = zhCN.person;

type PersonPart = PersonDetail['parts'][number];

const partColumns: ColumnDef<PersonPart>[] = [
  { id: 'address', header: zhCN.roster.address, size: 200, meta: { grow: true }, cell: ({ row }) => <span className="strong">{row.original.address}</span> },
  { id: 'area', header: zhCN.roster.area, size: 120, meta: { align: 'right' }, cell: ({ row }) => <span className="num">{row.original.area}</span> },
  { id: 'from', header: zhCN.part.from, size: 110, cell: ({ row }) => row.original.startDate ?? zhCN.part.unknownDate },
  { id: 'to', header: zhCN.part.to, size: 110, cell: ({ row }) => row.original.endDate ?? zhCN.part.now },
  {
    id: 'current', header: '', size: 80, meta: { align: 'center' },
    cell: ({ row }) => (row.original.current ? <Tag color="green" className="tight-tag">{t.current}</Tag> : <Tag className="tight-tag">{t.past}</Tag>),
  },
];

export function PersonPage({ communityId, personId }: { communityId: string; personId: string }) {
  const { message } = AntApp.useApp();
  const can = useCan();
  const loaded = useAsync(() => invoke('person.get', { id: personId }), [personId]);
  const [person, setPerson] = useState<PersonDetail | null>(null);
  const [editing, setEditing] = useState(false);
  const [saving, setSaving] = useState(false);
  const current = person ?? loaded.data ?? null;

  if (loaded.error) return <div className="page"><Alert type="error" showIcon title={errorMessage(loaded.error)} /></div>;
  if (!current) return <div className="page"><Spin /></div>;

  return (
    <div className="page person-page" data-testid="person-page">
      <PageHeader
        title={`${t.title}：${current.name}`}
        extra={
          <>
            <Button onClick={() => navigate({ name: 'roster', communityId })}>{zhCN.common.back}</Button>
            <HistoryLink entity="person" id={personId} />
            {can('register.write') && <Button type="primary" onClick={() => setEditing(true)}>{t.edit}</Button>}
          </>
        }
      />
      <Alert type="info" showIcon title={t.privacy} className="person-privacy" />
      <Descriptions
        bordered
        size="small"
        column={2}
        className="person-details"
        items={[
          { key: 'name', label: t.name, children: current.name },
          { key: 'kind', label: t.documentKind, children: current.document ? (t.kinds[current.documentKind] ?? current.documentKind) : t.none },
          { key: 'document', label: t.document, children: <span className="mono" data-testid="person-document">{current.document || t.none}</span> },
          { key: 'phone', label: t.phone, children: <span className="mono" data-testid="person-phone">{current.phone || t.none}</span> },
        ]}
      />
      <div className="section-title"><span>{t.parts}</span></div>
      <DataGrid
        testId="person-parts"
        columns={partColumns}
        source={{ kind: 'local', rows: current.parts }}
        getRowId={(p) => `${p.partId}|${p.startDate ?? ''}`}
        autoHeightRows={12}
      />
      <GuardedModal open={editing} busy={saving} title={t.edit} footer={null} onClose={() => setEditing(false)} width={560} destroyOnHidden>
        {(cancel) => (
          <PersonForm
            communityId={communityId}
            person={current}
            onCancel={cancel}
            onBusy={setSaving}
            onSaved={(p) => {
              setPerson(p);
              setEditing(false);
              message.success(t.saved);
            }}
          />
        )}
      </GuardedModal>
    </div>
  );
}
