/** Input and output schemas of the contract's methods, grouped by domain. */
import { z } from 'zod';
import { DEFAULT_AREA_BOUNDS, type AreaBound } from '../domain/area';
import { DEFAULT_MEETING_RULES } from '../domain/meetings';
import { electorateBreakdown } from './electorate';
import { extraItem, voteSettings } from './votes';
import { fundRules } from './fund';
import { officeRules } from './office';
import {
  areaSource, areaText, decimal2, deliveryStatus, documentText, filePayload, id, isoDate, optionalText, partType,
  phoneText, requiredText, rowError,
} from './fields';

// ── system and accounts ───────────────────────────────────────────────
export const health = z.object({
  ok: z.boolean(),
  /** Null for a caller who has not signed in (browser mode): they learn only whether the database is usable. */
  dbPath: z.string().nullable(),
  problems: z.array(z.string()),
  /** Plain-Chinese advice: what is wrong and which backup to restore. */
  advice: z.string().nullable(),
  suggestedBackup: z.string().nullable(),
  warnings: z.array(z.string()),
  /**
   * The database's personal data is sealed with a key this PC does not hold, and the administrator's
   * recovery code can unlock it (dataKey.unlock): the start screen asks for the code.
   */
  needsRecoveryCode: z.boolean().optional(),
});

/** The administrator's recovery code, as typed (case, spaces and dashes do not matter). */
export const recoveryCodeInput = z.object({ recoveryCode: z.string().trim().min(1, { error: '请填写恢复码' }).max(64) });

/** Where the data key is kept on this PC, and whether the recovery code can bring it back elsewhere. */
export const dataKeyStatus = z.object({
  protectedByRecoveryCode: z.boolean(),
  /** 'system': wrapped by the OS account (desktop app); 'file': a plain key file readable by this OS user. */
  storage: z.enum(['system', 'file']),
  keyFile: z.string(),
});

export const user = z.object({ id, username: z.string(), displayName: z.string(), role: z.string() });

export const authStatus = z.object({ needsSetup: z.boolean(), user: user.nullable() });

/** Bounds on what a login form sends: checked before any hashing, in the form and in main. */
export const MAX_USERNAME = 32;
export const MAX_PASSWORD = 256;
const passwordTooLong = { error: `密码不能超过${MAX_PASSWORD}个字符` };
/** What a person types in the username box of the login and recovery forms. */
const typedUsername = z.string().trim().min(1, { error: '请填写用户名' }).max(MAX_USERNAME, { error: `用户名不能超过${MAX_USERNAME}个字符` });

export const password = z.string().min(8, { error: '密码至少8位' }).max(MAX_PASSWORD, passwordTooLong);
export const username = z.string().trim().regex(new RegExp(`^[A-Za-z0-9_.-]{2,${MAX_USERNAME}}$`), { error: `用户名为2–${MAX_USERNAME}位字母、数字或 _ . -` });

export const setupInput = z.object({ username, displayName: requiredText('姓名', 40), password });
export const loginInput = z.object({ username: typedUsername, password: z.string().min(1, { error: '请填写密码' }).max(MAX_PASSWORD, passwordTooLong) });
export const recoverInput = z.object({
  username: typedUsername,
  // 20 characters in groups of five; room for spaces a person types between them.
  recoveryCode: z.string().trim().min(1, { error: '请填写恢复码' }).max(64, { error: '恢复码不能超过64个字符（应为20位，每5位一组）' }),
  newPassword: password,
});
export const sessionOut = z.object({ session: z.string(), user });
/** The one-time recovery code comes back only here, to be printed and kept. */
export const sessionWithCode = sessionOut.extend({ recoveryCode: z.string() });

export const backupInfo = z.object({ file: z.string(), kind: z.string(), createdAt: z.string(), size: z.number() });
/** A listed backup; `plaintext`: made before personal data was encrypted, so it still holds full IDs and phones. */
export const backupListItem = backupInfo.extend({ plaintext: z.boolean() });
export const deletePlaintextBackups = z.object({ files: z.array(z.string().min(1)).min(1, { error: '请选择要删除的备份' }).max(1000) });

export const auditQuery = z.object({
  entity: z.string().optional(),
  entityId: z.string().optional(),
  offset: z.number().int().min(0).default(0),
  limit: z.number().int().min(1).max(500).default(100),
});
export const auditRow = z.object({
  id, at: z.string(), author: z.string(), action: z.string(), entity: z.string(), entityId: z.string().nullable(),
  before: z.unknown(), after: z.unknown(),
});

// ── communities ───────────────────────────────────────────────────────
const days = (label: string, max: number) =>
  z.number({ error: `${label}应为天数` }).int({ error: `${label}应为整数` }).min(1, { error: `${label}至少为1` }).max(max, { error: `${label}不能超过${max}` });

/** Meeting rules (shared/domain/meetings.ts); each default is DOMAIN.md's. */
export const meetingRules = z.object({
  assemblyNoticeDays: days('业主大会通知提前天数', 90).default(DEFAULT_MEETING_RULES.assemblyNoticeDays),
  extraordinaryNoticeDays: days('临时业主大会通知提前天数', 90).default(DEFAULT_MEETING_RULES.extraordinaryNoticeDays),
  committeeDecisionRule: z.enum(['more-than-half', 'half-or-more']).default(DEFAULT_MEETING_RULES.committeeDecisionRule),
  postingDays: days('决定公告期限', 30).default(DEFAULT_MEETING_RULES.postingDays),
  committeeMeetingMonths: days('业委会会议间隔月数', 12).default(DEFAULT_MEETING_RULES.committeeMeetingMonths),
});

/** Vote rules (DOMAIN.md §4): how blanks and invalid ballots count, stated on every result notice; the voting window (Hangzhou: 5–60 days). */
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
});
export type CommunitySettings = z.infer<typeof communitySettings>;

export const communityFields = z.object({
  name: requiredText('小区名称', 60),
  address: optionalText('地址'),
  streetOffice: optionalText('所属街道', 60),
  communityOffice: optionalText('所属社区', 60),
  developer: optionalText('建设单位', 100),
  settings: communitySettings.prefault({}),
});
export const communityUpdate = communityFields.extend({ id });

export const community = z.object({
  id, name: z.string(), address: z.string(), streetOffice: z.string(), communityOffice: z.string(),
  developer: z.string(), settings: communitySettings,
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
export const partUpdate = partFields.omit({ communityId: true }).extend({ id });

export const ownershipRow = z.object({
  personId: id, name: z.string(), document: z.string(), phone: z.string(),
  startDate: z.string().nullable(), endDate: z.string().nullable(),
});
export const partDetail = rosterRow.extend({
  communityId: id,
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
export const personUpdate = personFields.omit({ communityId: true }).extend({ id });
export const personSearch = z.object({ communityId: id, search: z.string().trim().max(60).default(''), limit: z.number().int().min(1).max(100).default(20) });

/** A person's own page: the only place the full document and phone are shown. */
export const personDetail = z.object({
  id, communityId: id, name: z.string(), document: z.string(), documentKind: z.string(), phone: z.string(),
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

export const importInput = z.object({
  file: filePayload,
  community: communityFields,
  acceptUnusual,
});
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

// ── the holiday calendar ─────────────────────────────────────────────
export const holidayDay = z.object({
  date: isoDate,
  kind: z.enum(['holiday', 'workday']),
  name: z.string(),
});
export const holidayYearQuery = z.object({ year: z.number().int().min(1990, { error: '年份应在1990–2100之间' }).max(2100, { error: '年份应在1990–2100之间' }) });
export const holidayYear = z.object({
  year: z.number().int(),
  /** office: kept (edited or imported) by this office; shipped: the app's data; none: unknown year, weekends only. */
  origin: z.enum(['office', 'shipped', 'none']),
  source: z.string(),
  days: z.array(holidayDay),
});
export const holidaySetDay = z.object({
  date: isoDate,
  /** normal: an ordinary day (weekday works, weekend rests). */
  kind: z.enum(['holiday', 'workday', 'normal'], { error: '类型应为放假、调休上班或普通日' }),
  name: z.string().trim().max(20, { error: '名称不能超过20个字' }).default(''),
});
export const holidayImportResult = z.object({ years: z.array(z.number().int()), days: z.number().int() });
