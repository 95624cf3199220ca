/**
 * No lost updates (issue 17), through the real router on a real SQLite file with two people signed in: for every
 * method that overwrites an editable record, a save over a revision someone else has since moved on is refused
 * with CONFLICT naming them and when, and nothing of it is written; a save on the current revision goes through
 * and moves the revision on; a change by another path (the CLI, an import, a second connection) counts too.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openApp } from '../../main/app';
import { openDatabase } from '../../main/db/connection';
import { MIGRATIONS_DIR } from '../../main/node-paths';
import { call, CallError, callError, tempDir } from '../helpers';

/** Both people: 王主任 (admin) and 李秘书 (li), each with a session of their own. */
async function twoPeople() {
  // One app for the whole file (the helpers' apps close after each test): each test makes records of its own.
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'sanfang-revisions-'));
  const app = await openApp({ dataDir, migrationsDir: MIGRATIONS_DIR });
  const { session: wang } = await call(app, 'auth.setup', { username: 'admin', displayName: '王主任', password: 'correct horse' });
  const made = await call(app, 'user.create', { username: 'li', displayName: '李秘书', grants: [{ role: 'admin', communities: 'all' }] }, wang);
  const { session: first } = await call(app, 'auth.login', { username: 'li', password: made.temporaryPassword });
  await call(app, 'auth.changePassword', { oldPassword: made.temporaryPassword, newPassword: 'li secret pass 1' }, first);
  const { session: li } = await call(app, 'auth.login', { username: 'li', password: 'li secret pass 1' });
  const community = await call(app, 'community.create', { name: '阳光小区', address: '', streetOffice: '', communityOffice: '', developer: '' }, wang);
  return { app, wang, li, communityId: community.id, close: () => { app.close(); fs.rmSync(dataDir, { recursive: true, force: true }); } };
}

type World = Awaited<ReturnType<typeof twoPeople>>;

/** One editable record: how to read it as its form is filled, and to save a change (`mark` tells the two apart). */
interface Editable {
  read(session: string): Promise<{ revision: number }>;
  save(session: string, expectedRevision: number | undefined, mark: string): Promise<unknown>;
}

const CODE = '91350100M000100Y43';

/** Per update method: make a record in the world, and say how to read and save it. */
const RECORDS: Record<string, (w: World) => Promise<Editable>> = {
  'community.update': async ({ app, communityId }) => ({
    read: (s) => call(app, 'community.get', { id: communityId }, s),
    save: async (s, expectedRevision, mark) => {
      const c = await call(app, 'community.get', { id: communityId }, s);
      return call(app, 'community.update', { ...c, address: `地址${mark}`, expectedRevision }, s);
    },
  }),
  'part.update': async ({ app, wang, communityId }) => {
    const p = await call(app, 'part.create', { communityId, building: '1幢', room: '101', area: '90' }, wang);
    return {
      read: (s) => call(app, 'part.get', { id: p.partId }, s),
      save: (s, expectedRevision, mark) => call(app, 'part.update', { id: p.partId, building: '1幢', room: `10${mark === 'A' ? 2 : 3}`, area: '90', expectedRevision }, s),
    };
  },
  'person.update': async ({ app, wang, communityId }) => {
    const p = await call(app, 'person.create', { communityId, name: '张三', document: '', phone: '' }, wang);
    return {
      read: (s) => call(app, 'person.get', { id: p.id }, s),
      save: (s, expectedRevision, mark) => call(app, 'person.update', { id: p.id, name: `张三${mark}`, document: '', phone: '', expectedRevision }, s),
    };
  },
  'meeting.update': async ({ app, wang, communityId }) => {
    const m = await call(app, 'meeting.create', { communityId, kind: '院坝会', title: '院坝会', date: '2099-01-20', agenda: [{ title: '停车' }] }, wang);
    return {
      read: (s) => call(app, 'meeting.get', { id: m.id }, s),
      save: (s, expectedRevision, mark) => call(app, 'meeting.update', { id: m.id, kind: '院坝会', title: `院坝会${mark}`, date: '2099-01-20', agenda: [{ title: '停车' }], expectedRevision }, s),
    };
  },
  'matter.update': async ({ app, wang, communityId }) => {
    const m = await call(app, 'matter.create', { communityId, title: '加装电梯' }, wang);
    return {
      read: (s) => call(app, 'matter.get', { id: m.id }, s),
      save: (s, expectedRevision, mark) => call(app, 'matter.update', { id: m.id, title: `加装电梯${mark}`, category: '其他', description: '', raisedBy: '', expectedRevision }, s),
    };
  },
  'minutes.saveDraft': async ({ app, wang, communityId }) => {
    const m = await call(app, 'meeting.create', { communityId, kind: '院坝会', title: '院坝会', date: '2099-01-20', agenda: [] }, wang);
    const content = (decision: string) => ({ attendees: '', recorder: '', items: [{ title: '停车', discussion: '', decision }], actions: [], other: '' });
    const draft = await call(app, 'minutes.saveDraft', { meetingId: m.id, content: content('草稿') }, wang);
    return {
      read: (s) => call(app, 'minutes.get', { id: draft.id }, s),
      save: (s, expectedRevision, mark) => call(app, 'minutes.saveDraft', { meetingId: m.id, content: content(`决定${mark}`), expectedRevision }, s),
    };
  },
  'workflow.save': async ({ app, wang }) => {
    const steps = [{ key: 'a', name: '受理', kind: 'plain' as const, expectedDays: 5 }, { key: 'b', name: '办结', kind: 'filing' as const, expectedDays: 5 }];
    const w = await call(app, 'workflow.save', { name: '简易流程', steps }, wang);
    const newest = async (s: string) => (await call(app, 'workflow.list', {}, s)).find((x) => x.key === w.key && x.current)!;
    return {
      read: newest,
      save: (s, expectedRevision, mark) => call(app, 'workflow.save', { key: w.key, name: `简易流程${mark}`, steps, expectedRevision }, s),
    };
  },
  'company.save': async ({ app, wang }) => {
    const c = await call(app, 'company.save', { name: '安居物业', creditCode: CODE, contact: '', phone: '' }, wang);
    return {
      read: async (s) => (await call(app, 'company.list', { text: '' }, s)).find((x) => x.id === c.id)!,
      save: (s, expectedRevision, mark) => call(app, 'company.save', { id: c.id, name: '安居物业', creditCode: CODE, contact: `经理${mark}`, phone: '', expectedRevision }, s),
    };
  },
  'contract.update': async ({ app, wang, communityId }) => {
    const c = await call(app, 'contract.create', {
      communityId, company: { name: '安居物业', creditCode: CODE, contact: '', phone: '' }, startDate: '2024-09-01', endDate: '2027-08-31',
    }, wang);
    return {
      read: (s) => call(app, 'contract.get', { id: c.id }, s),
      save: (s, expectedRevision, mark) => call(app, 'contract.update', { id: c.id, companyId: c.companyId, startDate: '2024-09-01', endDate: '2027-08-31', note: `备注${mark}`, expectedRevision }, s),
    };
  },
  'body.update': async ({ app, wang, communityId }) => {
    const b = await call(app, 'body.create', { communityId, kind: '业主监事会', electedOn: '2025-03-01', termYears: 5 }, wang);
    return {
      read: async (s) => (await call(app, 'body.list', { communityId }, s)).find((x) => x.id === b.id)!,
      save: (s, expectedRevision, mark) => call(app, 'body.update', { id: b.id, electedOn: '2025-03-01', termYears: 5, note: `备注${mark}`, expectedRevision }, s),
    };
  },
  'issue.update': async ({ app, wang, communityId }) => {
    const i = await call(app, 'issue.create', { communityId, title: '路灯不亮', reportedAt: '2026-11-02T09:00', category: '其他' }, wang);
    return {
      read: (s) => call(app, 'issue.get', { id: i.id }, s),
      save: (s, expectedRevision, mark) => call(app, 'issue.update', { id: i.id, title: '路灯不亮', category: '其他', description: `描述${mark}`, expectedRevision }, s),
    };
  },
  'mediation.update': async ({ app, wang, communityId }) => {
    const m = await call(app, 'mediation.create', { communityId, parties: '业主甲 与 物业', mediator: '赵调解员' }, wang);
    return {
      read: async (s) => (await call(app, 'mediation.list', { communityId }, s)).find((x) => x.id === m.id)!,
      save: (s, expectedRevision, mark) => call(app, 'mediation.update', { id: m.id, parties: `业主甲${mark} 与 物业`, mediator: '赵调解员', expectedRevision }, s),
    };
  },
  'user.update': async ({ app, wang }) => {
    const u = await call(app, 'user.create', { username: 'chen', displayName: '陈专员', grants: [{ role: 'reader', communities: 'all' }] }, wang);
    return {
      read: async (s) => (await call(app, 'user.list', {}, s)).find((x) => x.id === u.id)!,
      save: (s, expectedRevision, mark) => call(app, 'user.update', { id: u.id, displayName: `陈专员${mark}`, grants: [{ role: 'reader', communities: 'all' }], expectedRevision }, s),
    };
  },
};

let w: World;
beforeAll(async () => {
  w = await twoPeople();
}, 60_000);
afterAll(() => w?.close());

describe('a save over a newer revision', () => {
  it.each(Object.keys(RECORDS))('%s: refused naming who changed it, nothing written; the current revision saves', async (method) => {
    const record = await RECORDS[method]!(w);
    const opened = (await record.read(w.wang)).revision;
    // 李秘书 opened the same form and saves first.
    await record.save(w.li, opened, 'B');
    const theirs = await record.read(w.wang);
    expect(theirs.revision).toBeGreaterThan(opened);

    const error = await record.save(w.wang, opened, 'A').then(() => null, (e: unknown) => (e instanceof CallError ? e.envelope : null));
    expect(error?.code).toBe('CONFLICT');
    expect(error?.message).toMatch(/^此记录已被李秘书（li）于 \d{4}-\d{2}-\d{2} \d{2}:\d{2} 修改，请对照后再保存$/);
    expect(error?.details).toEqual([expect.objectContaining({ kind: 'conflict' })]);
    expect(await record.read(w.wang)).toEqual(theirs);

    // Having looked at their change, the current revision saves — and moves on.
    await record.save(w.wang, theirs.revision, 'A');
    expect((await record.read(w.wang)).revision).toBeGreaterThan(theirs.revision);
    // Without a revision (the CLI, older callers) the save goes through as before.
    await record.save(w.wang, undefined, 'B');
  });
});

describe('changes by any path count', () => {
  it('a change made on another connection (the CLI, an import) moves the revision on, and the save opened before is refused', async () => {
    const record = await RECORDS['issue.update']!(w);
    const issue = await record.read(w.wang) as { id: string; revision: number };
    const other = await openDatabase(w.app.dbPath, MIGRATIONS_DIR, path.join(tempDir(), 'b'));
    try {
      other.sqlite.prepare("update issues set title = '路灯坏了' where id = ?").run(issue.id);
      // A column no form writes (the dispatch) does not make an open form stale.
      other.sqlite.prepare("update issues set responsible_party = '物业' where id = ?").run(issue.id);
    } finally {
      other.sqlite.close();
    }
    expect((await record.read(w.wang)).revision).toBe(issue.revision + 1);
    const e = await callError(w.app, 'issue.update', { id: issue.id, title: '路灯不亮', category: '其他', expectedRevision: issue.revision }, w.wang);
    expect(e.code).toBe('CONFLICT');
    // Raw SQL leaves no audit row, so the message names the record's newest one (here its creation); the CLI and
    // imports audit their writes like the screens.
    expect(e.message).toMatch(/^此记录已被王主任（admin）于 \d{4}-\d{2}-\d{2} \d{2}:\d{2} 修改/);
  });

  it('a step that changes no field of the form (dispatching an issue) leaves an open form current', async () => {
    const record = await RECORDS['issue.update']!(w);
    const opened = await record.read(w.wang) as { id: string; revision: number };
    await call(w.app, 'issue.dispatch', { id: opened.id, responsibleParty: '物业', responsiblePerson: '李师傅', at: '2026-11-02T10:00' }, w.li);
    expect((await record.read(w.wang)).revision).toBe(opened.revision);
    await record.save(w.wang, opened.revision, 'A');
  });

  it('a meeting\'s agenda, a body\'s members and an account\'s grants count for their record', async () => {
    const m = await call(w.app, 'meeting.create', { communityId: w.communityId, kind: '院坝会', title: '院坝会', date: '2099-01-20', agenda: [{ title: '停车' }] }, w.wang);
    await call(w.app, 'meeting.update', { id: m.id, kind: '院坝会', title: '院坝会', date: '2099-01-20', agenda: [{ title: '停车' }, { title: '绿化' }], expectedRevision: m.revision }, w.li);
    expect((await callError(w.app, 'meeting.update', { id: m.id, kind: '院坝会', title: '院坝会', date: '2099-01-20', agenda: [{ title: '停车' }], expectedRevision: m.revision }, w.wang)).code).toBe('CONFLICT');
    const u = await call(w.app, 'user.create', { username: 'zhao', displayName: '赵会计', grants: [{ role: 'reader', communities: 'all' }] }, w.wang);
    const before = (await call(w.app, 'user.list', {}, w.wang)).find((x) => x.id === u.id)!;
    await call(w.app, 'user.update', { id: u.id, displayName: '赵会计', grants: [{ role: 'treasurer', communities: 'all' }], expectedRevision: before.revision }, w.li);
    expect((await callError(w.app, 'user.update', { id: u.id, displayName: '赵会计', grants: [{ role: 'reader', communities: 'all' }], expectedRevision: before.revision }, w.wang)).code).toBe('CONFLICT');
  });

  it('minutes: an editor opened on no draft does not overwrite a draft someone started since', async () => {
    const m = await call(w.app, 'meeting.create', { communityId: w.communityId, kind: '院坝会', title: '院坝会', date: '2099-01-20', agenda: [] }, w.wang);
    const content = (decision: string) => ({ attendees: '', recorder: '', items: [{ title: '停车', discussion: '', decision }], actions: [], other: '' });
    await call(w.app, 'minutes.saveDraft', { meetingId: m.id, content: content('李秘书的'), expectedRevision: 0 }, w.li);
    const e = await callError(w.app, 'minutes.saveDraft', { meetingId: m.id, content: content('王主任的'), expectedRevision: 0 }, w.wang);
    expect(e.code).toBe('CONFLICT');
    expect((await call(w.app, 'minutes.list', { meetingId: m.id }, w.wang))[0]!.content.items[0]!.decision).toBe('李秘书的');
  });
});

describe('any order of saves by two people', () => {
  it('keeps exactly the saves made on the revision they read, and the last of them is what stays', async () => {
    const record = await RECORDS['matter.update']!(w);
    await fc.assert(fc.asyncProperty(
      // Each step: who saves, and whether they read the record again first (else their form is as they opened it before).
      fc.array(fc.record({ who: fc.constantFrom('wang', 'li'), reread: fc.boolean() }), { minLength: 1, maxLength: 6 }),
      async (steps) => {
        const opened: Record<string, number> = { wang: (await record.read(w.wang)).revision, li: (await record.read(w.li)).revision };
        let last: string | null = null;
        for (const [n, step] of steps.entries()) {
          const session = step.who === 'wang' ? w.wang : w.li;
          const current = (await record.read(session)).revision;
          if (step.reread) opened[step.who] = current;
          const mark = `${step.who}${n}`;
          const ok = await record.save(session, opened[step.who], mark).then(() => true, (e: unknown) => {
            if (!(e instanceof CallError) || e.envelope.code !== 'CONFLICT') throw e;
            return false;
          });
          expect(ok).toBe(opened[step.who] === current);
          if (ok) {
            last = mark;
            opened[step.who] = (await record.read(session)).revision;
          }
        }
        if (last !== null) expect((await record.read(w.wang)) as unknown as { title: string }).toMatchObject({ title: `加装电梯${last}` });
      },
    ), { numRuns: 15 });
  });
});
