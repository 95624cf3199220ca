/**
 * The system feature's schemas: health, accounts and sessions, the data key,
 * backups, the audit log, the holiday calendar.
 */
import { z } from 'zod';
import { ROLES } from '../domain/permissions';
import { expectedRevision, id, isoDate, requiredText, revision } from './fields';

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

/** A role over some communities or all (shared/domain/permissions.ts). */
export const grant = z.object({ role: z.enum(ROLES), communities: z.union([z.literal('all'), z.array(z.string())]) });
export const user = z.object({ id, username: z.string(), displayName: z.string(), role: z.string(), grants: z.array(grant), companyId: z.string().nullable() });

/**
 * `mustChangePassword`: the session was opened with a temporary password, which must be changed before anything else.
 * `locked`: the session's screen is locked (idle), the person must give the password again (auth.unlock).
 */
export const authStatus = z.object({ needsSetup: z.boolean(), user: user.nullable(), mustChangePassword: z.boolean(), locked: z.boolean() });

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
/** The idle lock's password: the session's own person. */
export const unlockInput = z.object({ password: loginInput.shape.password });
export const recoverInput = z.object({
  username: typedUsername,
  // 20 characters in groups of five; room for spaces a person types between them.
  recoveryCode: z.string().trim().min(1, { error: '请填写恢复码' }).max(64, { error: '恢复码不能超过64个字符（应为20位，每5位一组）' }),
  newPassword: password,
});
export const sessionOut = z.object({ session: z.string(), user });
/** A login with a temporary password says so: every call but auth.changePassword is refused until it is changed. */
export const loginOut = sessionOut.extend({ mustChangePassword: z.boolean() });
export const changePasswordInput = z.object({
  oldPassword: z.string().min(1, { error: '请填写当前密码' }).max(MAX_PASSWORD, passwordTooLong),
  newPassword: password,
});
/** `recoveryCode`: an administrator's first own password (after a temporary one) brings their recovery code, shown once. */
export const changePasswordOut = z.object({ ok: z.literal(true), recoveryCode: z.string().nullable() });

// ── the accounts an administrator manages (issue 16) ─────────────────
/**
 * What an account may do: roles with the communities each covers. 管理员 always covers every community (its
 * office-wide rights need it); each other role names its communities, or all.
 */
export const grantsInput = z.array(grant).min(1, { error: '请至少选择一个角色' }).max(ROLES.length);
export const userCreate = z.object({
  username,
  displayName: requiredText('姓名', 40),
  grants: grantsInput,
  /** A 物业联络员's property company (required with that role, ignored otherwise). */
  companyId: id.nullable().default(null),
});
export const userUpdate = z.object({ id, ...expectedRevision, displayName: requiredText('姓名', 40), grants: grantsInput, companyId: id.nullable().default(null) });
export const userRow = z.object({
  id, username: z.string(), displayName: z.string(), grants: z.array(grant), companyId: z.string().nullable(), companyName: z.string().nullable(),
  active: z.boolean(), mustChangePassword: z.boolean(), createdAt: z.string(), revision,
});
/** A one-time password, shown once to the administrator who hands it over. */
export const temporaryPasswordOut = z.object({ id, username: z.string(), temporaryPassword: z.string() });
export const userActiveOut = z.object({ id, username: z.string(), active: z.boolean() });
/** The one-time recovery code comes back only here, to be printed and kept. */
export const sessionWithCode = sessionOut.extend({ recoveryCode: z.string() });

export const backupInfo = z.object({ file: z.string(), kind: z.string(), createdAt: z.string(), size: z.number() });
/** A listed backup; `plaintext`: made before personal data was encrypted, so it still holds full IDs and phones. */
export const backupListItem = backupInfo.extend({ plaintext: z.boolean() });
export const deletePlaintextBackups = z.object({ files: z.array(z.string().min(1)).min(1, { error: '请选择要删除的备份' }).max(1000) });

/**
 * What the audit log screen filters by (issue 16): the person (the author as the log names them), the community,
 * kinds of action, one record (its entity and id: a record's page links to its history), a date range in the
 * office's days, and only the views of full personal data.
 */
export const auditFilter = z.object({
  author: z.string().max(100).optional(),
  communityId: id.optional(),
  actions: z.array(z.string().max(60)).max(100).optional(),
  entity: z.string().max(60).optional(),
  entityId: z.string().max(120).optional(),
  from: isoDate.optional(),
  to: isoDate.optional(),
  personalDataViews: z.boolean().default(false),
});
export const auditQuery = auditFilter.extend({
  offset: z.number().int().min(0).default(0),
  limit: z.number().int().min(1).max(500).default(100),
});
/** `communityId`: the community the record belongs to, found from the record (null: office-wide, or not found). */
export const auditRow = z.object({
  id, at: z.string(), author: z.string(), action: z.string(), entity: z.string(), entityId: z.string().nullable(),
  communityId: z.string().nullable(), before: z.unknown(), after: z.unknown(),
});
/** Who appears in the log, for the person filter: everyone who ever acted, disabled accounts included. */
export const auditAuthors = z.object({ authors: z.array(z.string()) });


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
