/**
 * 组织建设: the community's 业主委员会, 业主议事会, 业主监事会 and 党支部 — the
 * current term of each as a card (members, deadlines, term state, warnings),
 * the earlier terms below, the forms to record a new term (换届) or change
 * one; and, on the second tab, the candidates and their vetting.
 */
import { useMemo, useState } from 'react';
import { Alert, Button, Tabs } from 'antd';
import { BODY_KINDS } from '../../../../../shared/contract/office';
import { errorMessage } from '../../../api/errors';
import { useQuery } from '../../../api/queries';
import { DataGrid, type ColumnDef } from '../../../components/DataGrid';
import { PageHeader } from '../../../components/PageHeader';
import { formatCount } from '../../../format';
import { zhCN } from '../../../i18n/zh-CN';
import { BodyCard } from './BodyCard';
import { BodyForm, type BodyFormMode } from './BodyForm';
import { CandidatesSection } from './Candidates';
import { partyCount, type Body, type BodyKind } from './bodiesShared';
import { useCan } from '../../system/auth/permissions';

const t = zhCN.bodies;

const historyColumns: ColumnDef<Body>[] = [
  { id: 'kind', header: t.colKind, size: 110, cell: ({ row }) => <span className="strong">{row.original.kind}</span> },
  { id: 'elected', header: t.colElected, size: 110, cell: ({ row }) => row.original.electedOn },
  { id: 'term', header: t.termYears, size: 70, cell: ({ row }) => t.years(row.original.termYears) },
  { id: 'end', header: t.colTermEnd, size: 110, cell: ({ row }) => row.original.termEnd },
  {
    id: 'members', header: t.colMembers, size: 220, meta: { grow: true },
    cell: ({ row }) => {
      const b = row.original;
      return <span title={b.members.map((m) => `${m.name}（${m.role}）`).join('、')}>{t.historyMembers(b.members.length, partyCount(b.members), b.members.map((m) => m.name).join('、'))}</span>;
    },
  },
];

export function BodiesPage({ communityId }: { communityId: string }) {
  const can = useCan();
  const [tab, setTab] = useState<'bodies' | 'candidates'>('bodies');
  const [form, setForm] = useState<BodyFormMode | null>(null);
  const list = useQuery('body.list', { communityId });
  const community = useQuery('community.get', { id: communityId });
  const rules = community.data?.settings.officeRules ?? null;
  const bodies = useMemo(() => list.data ?? [], [list.data]);
  const current = (kind: BodyKind) => bodies.find((b) => b.kind === kind && b.current) ?? null;
  const earlier = useMemo(() => bodies.filter((b) => !b.current), [bodies]);
  const firstMissing = BODY_KINDS.find((k) => !bodies.some((b) => b.kind === k)) ?? BODY_KINDS[0];

  return (
    <div className="page page-scroll bodies-page" data-testid="bodies-page" data-ready={list.data ? 'true' : 'false'}>
      <PageHeader
        title={t.title}
        sub={list.data && <span data-testid="bodies-count">{t.count(formatCount(bodies.filter((b) => b.current).length))}</span>}
        extra={can('bodies.write') && <Button type="primary" onClick={() => setForm({ mode: 'create', kind: firstMissing, renew: false })} data-testid="body-create">{t.create}</Button>}
      />
      <p className="bodies-intro">{t.intro}</p>
      {list.error !== null && <Alert type="error" showIcon title={errorMessage(list.error)} />}
      <Tabs
        activeKey={tab}
        onChange={(key) => setTab(key as 'bodies' | 'candidates')}
        items={[
          {
            key: 'bodies',
            label: <span data-testid="bodies-tab-bodies">{t.tabBodies}</span>,
            children: list.data && (
              <div className="bodies-cards">
                {BODY_KINDS.map((kind) => {
                  const body = current(kind);
                  if (!body) {
                    return (
                      <section key={kind} className="panel body-empty-card" data-testid="body-empty" data-kind={kind}>
                        <span><span className="strong">{t.notFormed(kind)}</span>　<span className="muted">{t.notFormedHelp}</span></span>
                        {can('bodies.write') && <Button size="small" onClick={() => setForm({ mode: 'create', kind, renew: false })} data-testid="body-register">{t.register}</Button>}
                      </section>
                    );
                  }
                  return (
                    <BodyCard
                      key={kind}
                      body={body}
                      rules={rules}
                      onEdit={() => setForm({ mode: 'edit', body })}
                      onRenew={() => setForm({ mode: 'create', kind, renew: true })}
                    />
                  );
                })}
                <section className="panel body-history" data-testid="body-history">
                  <h3 className="section-heading">{t.history}</h3>
                  <p className="body-help">{t.historyHelp}</p>
                  {earlier.length === 0
                    ? <div className="muted" data-testid="body-history-empty">{t.historyEmpty}</div>
                    : (
                      <DataGrid
                        testId="body-history-grid"
                        ariaLabel={t.history}
                        columns={historyColumns}
                        source={{ kind: 'local', rows: earlier }}
                        getRowId={(b) => b.id}
                        onRowClick={(b) => setForm({ mode: 'edit', body: b })}
                        autoHeightRows={12}
                      />
                    )}
                </section>
              </div>
            ),
          },
          {
            key: 'candidates',
            label: <span data-testid="bodies-tab-candidates">{t.tabCandidates}</span>,
            children: <CandidatesSection communityId={communityId} />,
          },
        ]}
      />
      <BodyForm
        communityId={communityId}
        mode={form}
        rules={rules}
        onClose={() => setForm(null)}
        onSaved={() => {
          setForm(null);
          list.reload();
        }}
      />
    </div>
  );
}
