/**
 * 一小区一档 (issue 18): one community's records for an inspection, section by section, as the print view and the
 * xlsx show them. Built once in main (main/services/register/dossier.ts) from the features' own services, so
 * every figure is the one their screens show. Only what an inspector may read: members' names and roles, never
 * ID numbers or phones; a vote's figures, never its ballots or voters; an issue without its reporter. The
 * schemas list their fields exactly, so anything else a service returns is dropped at the contract.
 */
import { z } from 'zod';
import { decimal2, id } from './fields';

const countArea = z.object({ count: z.number().int(), area: decimal2 });

export const dossierBody = z.object({
  kind: z.string(), electedOn: z.string(), termYears: z.number().int(), termEnd: z.string(), current: z.boolean(),
  members: z.array(z.object({ name: z.string(), role: z.string() })),
});

export const dossierMeeting = z.object({
  date: z.string(), kind: z.string(), title: z.string(), held: z.boolean(),
  /** Attendees listed, and those recorded present (null until the meeting's results are recorded). */
  listed: z.number().int(), present: z.number().int().nullable(),
  /** An owners' assembly voting in writing: its ballots returned of the voting subjects (its attendance); null for other meetings. */
  ballots: z.object({ returned: z.number().int(), subjects: z.number().int() }).nullable(),
  /** The newest approved minutes' text and version; null when the meeting has no final minutes. */
  minutes: z.object({ version: z.number().int(), text: z.string() }).nullable(),
});

export const dossierMatter = z.object({
  title: z.string(), category: z.string(), raisedOn: z.string(), done: z.boolean(),
  steps: z.array(z.object({
    name: z.string(), state: z.enum(['done', 'skipped', 'waiting']), date: z.string().nullable(),
    /** What the step recorded as its evidence, in words: the meeting, the vote, the posting period, the filing, the document. */
    evidence: z.string(),
  })),
  /** The matter's attached files, by name. */
  attachments: z.array(z.string()),
});

export const dossierVote = z.object({
  title: z.string(), opens: z.string(), closes: z.string(), closed: z.boolean(),
  returned: z.number().int(), valid: z.number().int(),
  items: z.array(z.object({
    title: z.string(), categoryName: z.string(), scopeLabel: z.string(),
    electorate: countArea, participants: countArea, yes: countArea, no: countArea, abstain: countArea,
    passed: z.boolean(),
  })),
});

export const dossierFund = z.object({
  /** fund.balance's figures: the fund account, the sum of the households' sub-ledgers, those below the top-up line, the bank. */
  fund: decimal2, households: decimal2, belowTopUp: z.number().int(), bank: decimal2,
  /** How many households (parts) keep a sub-ledger. */
  householdCount: z.number().int(),
  /** Repair projects: how many, what was paid, what was charged to the owners. */
  repairs: z.object({ projects: z.number().int(), paid: decimal2, charged: decimal2 }),
  /** Common revenue since the books began, to the day the dossier was made. */
  revenue: z.object({ income: decimal2, cost: decimal2, net: z.string(), transferred: decimal2 }),
});

export const dossierContract = z.object({
  /** `state`: the contract's state in the words its page shows, with its dates. */
  companyName: z.string(), kind: z.string(), startDate: z.string(), endDate: z.string(), state: z.string(),
  nonRenewalNoticeBy: z.string(), renewalPreparationFrom: z.string().nullable(),
  evaluations: z.array(z.object({ quarter: z.string(), score: z.string(), band: z.string().nullable() })),
});

export const dossierIssue = z.object({
  number: z.number().int(), reportedAt: z.string(), category: z.string(), title: z.string(), status: z.string(), level: z.string(),
  resolutionDue: z.string().nullable(), closedAt: z.string().nullable(),
});

export const dossier = z.object({
  community: z.object({ id, name: z.string(), address: z.string(), streetOffice: z.string(), communityOffice: z.string() }),
  /** The day it was made, in the office's time zone. */
  madeOn: z.string(),
  bodies: z.array(dossierBody),
  meetings: z.array(dossierMeeting),
  matters: z.array(dossierMatter),
  votes: z.array(dossierVote),
  fund: dossierFund,
  contracts: z.array(dossierContract),
  issues: z.array(dossierIssue),
  /**
   * Made at the street (or district) from what the 社区 office sent (main/services/levels/dossier-copy.ts): from
   * which office, as of which package, and, per section, what the copy does not hold. null: the 社区's own.
   */
  copy: z.object({ office: z.string(), receivedAt: z.string().nullable(), notHeld: z.record(z.string(), z.string()) }).nullable(),
});
export type Dossier = z.output<typeof dossier>;

/** The sections in order, by the names the printed contents and the workbook's sheets both use. */
export const DOSSIER_SECTIONS = ['组织', '会议与纪要', '议事事项', '表决结果', '维修资金', '物业服务合同', '问题台账'] as const;
export type DossierSection = (typeof DOSSIER_SECTIONS)[number];
/** What a section with no records says, in print and in its sheet. */
export const DOSSIER_NONE = '暂无记录';
