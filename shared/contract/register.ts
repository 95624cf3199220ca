/**
 * The register's schemas: communities and their settings, buildings and
 * parts, owners, the roster's pages, import and export, the electorate.
 */
import { z } from 'zod';
import { DEFAULT_AREA_BOUNDS, type AreaBound } from '../domain/area';
import { COMMUNITY_TYPES } from '../domain/levels';
import { DEFAULT_MEETING_RULES } from '../domain/meetings';
import { extraItem, voteSettings } from './votes';
import { fundRules } from './treasury/fund';
import { officeRules } from './office';
import {
  areaSource, areaText, decimal2, deliveryStatus, documentText, expectedRevision, filePayload, id, optionalText, partType,
  phoneText, requiredText, revision, rowError,
} from './fields';
import { electorateBreakdown } from './electorate';

// ── communities ───────────────────────────────────────────────────────
/** The idle lock's minutes: office PCs are shared and left on, so 10 unless the community says otherwise. */
export const DEFAULT_LOCK_MINUTES = 10;
export const LOCK_MINUTES_MIN = 1;
export const LOCK_MINUTES_MAX = 120;
const days = (label: string, max: number) =>
  z.number({ error: `${label}应为天数` }).int({ error: `${label}应为整数` }).min(1, { error: `${label}至少为1` }).max(max, { error: `${label}不能超过${max}` });

/** Meeting rules (shared/domain/meetings.ts); each default is docs/domain.md §4's (procedure) and §6's. */
export const meetingRules = z.object({
  assemblyNoticeDays: days('业主大会通知提前天数', 90).default(DEFAULT_MEETING_RULES.assemblyNoticeDays),
  extraordinaryNoticeDays: days('临时业主大会通知提前天数', 90).default(DEFAULT_MEETING_RULES.extraordinaryNoticeDays),
  committeeDecisionRule: z.enum(['more-than-half', 'half-or-more']).default(DEFAULT_MEETING_RULES.committeeDecisionRule),
  postingDays: days('决定公告期限', 30).default(DEFAULT_MEETING_RULES.postingDays),
  committeeMeetingMonths: days('业委会会议间隔月数', 12).default(DEFAULT_MEETING_RULES.committeeMeetingMonths),
});

/** Vote rules (docs/domain.md §4): how blanks and invalid ballots count, stated on every result notice; the voting window (Hangzhou: 5–60 days). */
export const voteRules = voteSettings.extend({
  /** Items local rules add to Art. 278's nine (Hangzhou: two majority items); numbered 10 and up. */
  extraItems: z.array(extraItem).max(10).default([]),
  minWindowDays: z.number().int().min(1).max(365).nullable().default(null),
  maxWindowDays: z.number().int().min(1).max(365).nullable().default(null),
});

/** A bound of plausible areas in 0.01 m² (shared/domain/area.ts); null: no bound on that side. */
const areaLimit = (label: string) => z.number({ error: `${label}应为面积` }).int().min(1, { error: `${label}应大于0` }).max(100_000_000).nullable();
const areaBound = (type: string, defaults: AreaBound) => z.object({ min: areaLimit(`${type}面积下限`), max: areaLimit(`${type}面积上限`) })
  .refine((b) => b.min === null || b.max === null || b.min < b.max, { error: `${type}面积的下限应小于上限` })
  .default(defaults);

/** Per part type, the areas recorded without a confirmation (DEFAULT_AREA_BOUNDS says why these). */
export const areaBounds = z.object({
  住宅: areaBound('住宅', DEFAULT_AREA_BOUNDS.住宅),
  商铺: areaBound('商铺', DEFAULT_AREA_BOUNDS.商铺),
  车位: areaBound('车位', DEFAULT_AREA_BOUNDS.车位),
  其他: areaBound('其他', DEFAULT_AREA_BOUNDS.其他),
});

export const communitySettings = z.object({
  /** Whether parking spaces (车位) count in votes — differs by place; default not counted. */
  countParkingInVotes: z.boolean().default(false),
  areaBounds: areaBounds.prefault({}),
  meetingRules: meetingRules.prefault({}),
  voteRules: voteRules.prefault({}),
  fundRules: fundRules.prefault({}),
  officeRules: officeRules.prefault({}),
  /**
   * 复核 (two-person control, issue 16): closing a vote, closing a month, a reversal and a repair's charge wait
   * until a second person with the same permission confirms (shared/contract/reviews.ts). Off by default: a small
   * office with one treasurer could otherwise never close its books.
   */
  twoPersonControl: z.boolean().default(false),
  /** 锁屏分钟数 (issue 16): after this many idle minutes the screen locks and asks the password again. */
  lockMinutes: z.number({ error: '锁屏分钟数应为分钟数' }).int({ error: '锁屏分钟数应为整数' })
    .min(LOCK_MINUTES_MIN, { error: `锁屏分钟数至少为${LOCK_MINUTES_MIN}` }).max(LOCK_MINUTES_MAX, { error: `锁屏分钟数不能超过${LOCK_MINUTES_MAX}` })
    .default(DEFAULT_LOCK_MINUTES),
});
export type CommunitySettings = z.infer<typeof communitySettings>;

export const communityFields = z.object({
  name: requiredText('小区名称', 60),
  address: optionalText('地址'),
  streetOffice: optionalText('所属街道', 60),
  communityOffice: optionalText('所属社区', 60),
  developer: optionalText('建设单位', 100),
  /** 小区类型: the street's and the district's targets are read per type (docs/domain.md §10). */
  type: z.enum(COMMUNITY_TYPES, { error: `小区类型应为${COMMUNITY_TYPES.join('、')}之一` }).default('其他'),
  settings: communitySettings.prefault({}),
});
export const communityUpdate = communityFields.extend({ id, ...expectedRevision });

export const community = z.object({
  id, name: z.string(), address: z.string(), streetOffice: z.string(), communityOffice: z.string(),
  developer: z.string(), type: z.enum(COMMUNITY_TYPES), settings: communitySettings, revision,
});
export const communityListItem = community.extend({ parts: z.number().int(), totalArea: decimal2 });

export const entrance = z.object({ id, name: z.string() });
export const building = z.object({ id, name: z.string(), entrances: z.array(entrance), parts: z.number().int() });

// ── the roster ────────────────────────────────────────────────────────
export const scope = z.object({
  communityId: id,
  buildingId: id.optional(),
  entranceId: id.optional(),
});

export const maskedOwner = z.object({ personId: id, name: z.string(), document: z.string(), phone: z.string() });

export const rosterRow = z.object({
  partId: id, address: z.string(), building: z.string(), entrance: z.string().nullable(), room: z.string(),
  type: partType, area: decimal2, areaSource, deliveryStatus, owners: z.array(maskedOwner),
});

export const ROSTER_SORT_FIELDS = ['address', 'area', 'type', 'deliveryStatus', 'owner'] as const;
export const rosterQuery = scope.extend({
  search: z.string().trim().max(100).default(''),
  type: partType.optional(),
  deliveryStatus: deliveryStatus.optional(),
  sort: z.enum(ROSTER_SORT_FIELDS).default('address'),
  desc: z.boolean().default(false),
  offset: z.number().int().min(0).default(0),
  limit: z.number().int().min(1).max(1000).default(200),
});
export const rosterPage = z.object({ total: z.number().int(), rows: z.array(rosterRow) });

/** An area outside the community's bounds (areaBounds) is saved only with this set: someone confirmed it. */
const acceptUnusual = z.boolean().default(false);

export const partFields = z.object({
  communityId: id,
  building: requiredText('楼栋', 40),
  entrance: z.string().trim().max(40).default(''),
  room: requiredText('房号', 40),
  type: partType.default('住宅'),
  area: areaText,
  areaSource: areaSource.default('登记'),
  deliveryStatus: deliveryStatus.default('已交付'),
  acceptUnusual,
});
export const partUpdate = partFields.omit({ communityId: true }).extend({ id, ...expectedRevision });

export const ownershipRow = z.object({
  personId: id, name: z.string(), document: z.string(), phone: z.string(),
  startDate: z.string().nullable(), endDate: z.string().nullable(),
});
export const partDetail = rosterRow.extend({
  communityId: id,
  revision,
  /** Current and past owners, newest first; masked like every list. */
  history: z.array(ownershipRow),
});

export const setOwnersInput = z.object({
  partId: id,
  personIds: z.array(id).max(20),
  /** When the new owners' holding starts (and the old ones' ends). */
  date: z.string().regex(/^\d{4}-\d{2}-\d{2}$/, { error: '日期应为 YYYY-MM-DD' }),
});

export const personFields = z.object({
  communityId: id,
  name: requiredText('姓名', 60),
  document: documentText,
  phone: phoneText,
});
export const personUpdate = personFields.omit({ communityId: true }).extend({ id, ...expectedRevision });
export const personSearch = z.object({ communityId: id, search: z.string().trim().max(60).default(''), limit: z.number().int().min(1).max(100).default(20) });

/** A person's own page: the only place the full document and phone are shown. */
export const personDetail = z.object({
  id, communityId: id, name: z.string(), document: z.string(), documentKind: z.string(), phone: z.string(), revision,
  parts: z.array(z.object({ partId: id, address: z.string(), area: decimal2, current: z.boolean(), startDate: z.string().nullable(), endDate: z.string().nullable() })),
});

export const electorate = z.object({
  count: z.number().int(),
  area: decimal2,
  parts: z.number().int(),
  countParking: z.boolean(),
  breakdown: electorateBreakdown,
});

// ── import and export ────────────────────────────────────────────────
export const rosterSummary = z.object({
  parts: z.number().int(),
  owners: z.number().int(),
  votingSubjects: z.number().int(),
  totalArea: decimal2,
});

/** Names one import's progress (roster.importProgress): chosen by the caller, read back only by the same user. */
export const importTicket = z.string().regex(/^[A-Za-z0-9_-]{8,64}$/, { error: '导入进度编号无效' });

/**
 * A roster file and where it goes: a new community (`community`: only its name
 * is needed, every rule takes its default and is set later in 小区设置), or an
 * existing community that has no parts yet (`communityId`, its own rules).
 */
export const importInput = z.object({
  file: filePayload,
  community: communityFields.optional(),
  communityId: id.optional(),
  acceptUnusual,
  ticket: importTicket.optional(),
}).refine((i) => (i.community === undefined) !== (i.communityId === undefined), { error: '请填写新小区的名称，或选择一个已有小区（二者选一）' });

export const IMPORT_STAGES = ['read', 'check', 'write', 'done'] as const;
/** How far an import or preview has got: rows read of the file, rows written to the database. */
export const importProgress = z.object({
  stage: z.enum(IMPORT_STAGES),
  rowsRead: z.number().int(),
  /** null while the file is still being unpacked and its rows counted. */
  rowsTotal: z.number().int().nullable(),
  rowsWritten: z.number().int(),
  elapsedMs: z.number().int(),
}).nullable();
/** A row whose area is outside the community's bounds: imported only when the import is confirmed with acceptUnusual. */
export const unusualAreaRow = z.object({ row: z.number().int(), address: z.string(), type: z.string(), area: decimal2, message: z.string() });
export const importPreview = z.object({
  ok: z.boolean(),
  errors: z.array(rowError),
  summary: rosterSummary.nullable(),
  /** The first 500 unusual rows, and how many there are. */
  unusual: z.array(unusualAreaRow),
  unusualCount: z.number().int(),
  /** The first rows as they will be recorded, to check the reading. */
  sample: z.array(z.object({
    row: z.number().int(), address: z.string(), type: z.string(), area: decimal2, areaSource: z.string(),
    deliveryStatus: z.string(), owners: z.string(),
  })),
});
export const importResult = z.object({ communityId: id, summary: rosterSummary });
