/** Types, the roles of each body and small pieces shared by the bodies screens. */
import { useMemo, useState } from 'react';
import { Select } from 'antd';
import type { MethodOutput } from '../../../../../shared/contract/methods';
import { MEMBER_ROLES, type BODY_KINDS } from '../../../../../shared/contract/office';
import { useQuery } from '../../../api/queries';
import { zhCN } from '../../../i18n/zh-CN';
import './bodies.css';

const t = zhCN.bodies;

export type Body = MethodOutput<'body.list'>[number];
export type Candidate = MethodOutput<'candidate.list'>[number];
export type CoverageRow = MethodOutput<'coverage.list'>[number];
export type BodyKind = (typeof BODY_KINDS)[number];
export type MemberRole = (typeof MEMBER_ROLES)[number];
export type Person = MethodOutput<'person.search'>[number];

export const OWNERS_COMMITTEE: BodyKind = '业主委员会';

/** The roles each body uses, its usual ones first (any role stays selectable). */
export const ROLES_BY_KIND: Record<BodyKind, MemberRole[]> = {
  业主委员会: ['主任', '副主任', '委员'],
  业主议事会: ['主任', '副主任', '委员'],
  业主监事会: ['监事长', '监事'],
  党支部: ['书记', '副书记', '委员'],
};

export function roleOptions(kind: BodyKind) {
  const usual = ROLES_BY_KIND[kind];
  return [...usual, ...MEMBER_ROLES.filter((r) => !usual.includes(r))].map((r) => ({ value: r, label: r }));
}

/** The default role of a new member of this body. */
export const defaultRole = (kind: BodyKind): MemberRole => (kind === '业主监事会' ? '监事' : '委员');

export const partyCount = (members: readonly { partyMember: boolean }[]) => members.filter((m) => m.partyMember).length;
export const crossCount = (members: readonly { onPartyBranch: boolean; onResidentsCommittee: boolean }[]) =>
  members.filter((m) => m.onPartyBranch || m.onResidentsCommittee).length;

/**
 * A person of the register, found by name, masked ID or phone (person.search):
 * the select shows what main returns, masked.
 */
export function PersonSelect({ communityId, value, onPick, testId, placeholder }: {
  communityId: string;
  value: string | null;
  onPick: (person: Person | null) => void;
  testId?: string;
  placeholder?: string;
}) {
  const [search, setSearch] = useState('');
  const found = useQuery('person.search', { communityId, search, limit: 20 });
  const options = useMemo(() => (found.data ?? []).map((p) => ({ value: p.personId, label: t.personOption(p.name, p.document, p.phone), person: p })), [found.data]);
  return (
    <Select
      showSearch={{ filterOption: false, onSearch: setSearch }}
      allowClear
      value={value}
      placeholder={placeholder ?? t.personPlaceholder}
      loading={found.loading}
      options={options}
      onChange={(v: string | undefined, option) => onPick(v ? ((option as { person: Person }).person) : null)}
      data-testid={testId}
    />
  );
}
