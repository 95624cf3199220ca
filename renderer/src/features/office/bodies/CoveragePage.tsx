/**
 * 覆盖情况: every community with its bodies (a current term in office), its
 * party members and whether it needs (3+) and has a party organisation, and
 * whether it has property management; above, the roll-up's three targets —
 * 业委会/议事会/监事会 formed in at least 80 % of the communities
 * (bodyCoverageMet), a party organisation wherever one is needed
 * (partyOrganisationCoverage), no community without property management.
 */
import { useMemo } from 'react';
import { Alert, Tag } from 'antd';
import { BODY_KINDS } from '../../../../../shared/contract/office';
import { bodyCoverageMet, partyOrganisationCoverage } from '../../../../../shared/domain/committees';
import { rateText } from '../../../../../shared/domain/levels';
import { errorMessage } from '../../../api/errors';
import { useQuery } from '../../../api/queries';
import { DataGrid, type ColumnDef } from '../../../components/DataGrid';
import { PageHeader } from '../../../components/PageHeader';
import { zhCN } from '../../../i18n/zh-CN';
import type { CoverageRow } from './bodiesShared';

const t = zhCN.bodies;

/** The owners' own bodies counted by the 80 % target (the party branch is counted by its own target). */
const OWNER_BODIES = ['业主委员会', '业主议事会', '业主监事会'] as const;
const SHORT: Record<string, string> = { 业主委员会: '业委会', 业主议事会: '议事会', 业主监事会: '监事会', 党支部: '党支部' };

const hasOwnerBody = (r: CoverageRow) => OWNER_BODIES.some((k) => r.bodies[k] === true);

const columns: ColumnDef<CoverageRow>[] = [
  { id: 'name', header: t.colCommunity, size: 180, meta: { grow: true }, cell: ({ row }) => <span className="strong">{row.original.communityName}</span> },
  ...BODY_KINDS.map((kind): ColumnDef<CoverageRow> => ({
    id: kind, header: SHORT[kind] ?? kind, size: 76, meta: { align: 'center' },
    cell: ({ row }) => (row.original.bodies[kind]
      ? <span className="coverage-yes" data-testid={`coverage-${kind}`} data-present="true">{t.present}</span>
      : <span className="coverage-no" data-testid={`coverage-${kind}`} data-present="false">{t.absent}</span>),
  })),
  { id: 'party', header: t.colPartyMembers, size: 86, meta: { align: 'right' }, cell: ({ row }) => <span data-testid="coverage-party-members">{row.original.partyMembers}</span> },
  {
    id: 'needs', header: t.colNeedsParty, size: 96, meta: { align: 'center' },
    cell: ({ row }) => <span data-testid="coverage-needs-party" data-needed={row.original.needsPartyOrganisation ? 'true' : 'false'}>{row.original.needsPartyOrganisation ? t.needed : t.notNeeded}</span>,
  },
  {
    id: 'has', header: t.colHasParty, size: 86, meta: { align: 'center' },
    cell: ({ row }) => {
      const r = row.original;
      if (r.hasPartyOrganisation) return <Tag color="green" className="tight-tag" data-testid="coverage-party-org" data-state="present">{t.partyPresent}</Tag>;
      if (r.needsPartyOrganisation) return <Tag color="red" className="tight-tag" data-testid="coverage-party-org" data-state="missing">{t.partyMissing}</Tag>;
      return <span className="muted" data-testid="coverage-party-org" data-state="not-needed">{t.partyNotNeeded}</span>;
    },
  },
  {
    id: 'property', header: t.colProperty, size: 86, meta: { align: 'center' },
    cell: ({ row }) => (row.original.propertyManagement
      ? <span className="coverage-yes" data-testid="coverage-property" data-present="true">{t.propertyYes}</span>
      : <Tag color="red" className="tight-tag" data-testid="coverage-property" data-present="false">{t.propertyNo}</Tag>),
  },
];

// Rounded down like every target's rate (shared/domain/levels.ts): 79.96 % never shows as 80.0 % beside 未达标.
const percentText = (part: number, whole: number) => (whole === 0 ? '—' : `${rateText(part, whole)}%`);

function MetTag({ met, testId }: { met: boolean; testId: string }) {
  return <Tag color={met ? 'green' : 'red'} className="tight-tag" data-testid={testId} data-met={met ? 'true' : 'false'}>{met ? t.met : t.notMet}</Tag>;
}

export function CoveragePage(_props: Record<string, never>) {
  const list = useQuery('coverage.list', {});
  const rows = useMemo(() => list.data ?? [], [list.data]);
  const totals = useMemo(() => {
    const formed = rows.filter(hasOwnerBody).length;
    const party = partyOrganisationCoverage(rows.map((r) => ({ name: r.communityName, fullPartyMembers: r.partyMembers, hasPartyOrganisation: r.hasPartyOrganisation })));
    const unmanaged = rows.filter((r) => !r.propertyManagement).map((r) => r.communityName);
    const perKind = OWNER_BODIES.map((k) => ({ kind: k, n: rows.filter((r) => r.bodies[k] === true).length }));
    return { formed, party, unmanaged, perKind };
  }, [rows]);

  return (
    <div className="page page-scroll bodies-page coverage-page" data-testid="coverage-page" data-ready={list.data ? 'true' : 'false'}>
      <PageHeader title={t.coverageTitle} />
      <p className="bodies-intro">{t.coverageIntro}</p>
      {list.error !== null && <Alert type="error" showIcon title={errorMessage(list.error)} />}
      {list.data && rows.length === 0 && <div className="panel muted">{t.coverageEmpty}</div>}
      {rows.length > 0 && (
        <>
          <div className="coverage-totals" data-testid="coverage-totals">
            <div className="coverage-total" data-testid="coverage-body-share" data-formed={totals.formed} data-total={rows.length}>
              <div className="coverage-total-title"><span>{t.bodyShareTitle}</span><MetTag met={bodyCoverageMet(totals.formed, rows.length)} testId="coverage-body-met" /></div>
              <div className="coverage-total-figure">{t.bodyShare(totals.formed, rows.length, percentText(totals.formed, rows.length))}</div>
              <div className="coverage-kinds">{totals.perKind.map((k) => t.perKind(SHORT[k.kind] ?? k.kind, k.n)).join('，')}</div>
              <div className="coverage-total-help">{t.bodyShareHelp}</div>
            </div>
            <div className="coverage-total" data-testid="coverage-party" data-required={totals.party.required} data-covered={totals.party.covered}>
              <div className="coverage-total-title"><span>{t.partyTitle}</span><MetTag met={totals.party.met} testId="coverage-party-met" /></div>
              <div className="coverage-total-figure">{totals.party.required === 0 ? t.partyNoneRequired : t.partyShare(totals.party.covered, totals.party.required)}</div>
              {totals.party.missing.length > 0 && <div className="coverage-total-list" data-testid="coverage-party-missing">{t.partyMissingList(totals.party.missing.join('、'))}</div>}
              <div className="coverage-total-help">{t.partyHelp}</div>
            </div>
            <div className="coverage-total" data-testid="coverage-unmanaged" data-count={totals.unmanaged.length}>
              <div className="coverage-total-title"><span>{t.unmanagedTitle}</span><MetTag met={totals.unmanaged.length === 0} testId="coverage-unmanaged-met" /></div>
              <div className="coverage-total-figure">{t.unmanaged(totals.unmanaged.length)}</div>
              {totals.unmanaged.length > 0 && <div className="coverage-total-list">{totals.unmanaged.join('、')}</div>}
              <div className="coverage-total-help">{t.unmanagedHelp}</div>
            </div>
          </div>
          <DataGrid
            testId="coverage-grid"
            ariaLabel={t.coverageTitle}
            columns={columns}
            source={{ kind: 'local', rows }}
            getRowId={(r) => r.communityId}
            autoHeightRows={25}
          />
        </>
      )}
    </div>
  );
}
