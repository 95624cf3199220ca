/** The typed row helpers of main/db/rows.ts: the stored form of a row, a checked text column, checked raw rows. */
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { checkedRow, checkedRows, oneOf, storedRow } from '../../main/db/rows';
import { companies } from '../../main/db/schema/office';

describe('typed row helpers', () => {
  it('gives a row by its column names, in the schema’s order, as audit rows record it', () => {
    const row = { id: 'k1', name: '安居物业', creditCode: '91350100M000100Y43', contact: '', phone: '', createdAt: 't0', updatedAt: 't1', revision: 1 };
    const stored = storedRow(companies, row);
    expect(Object.keys(stored)).toEqual(['id', 'name', 'credit_code', 'contact', 'phone', 'created_at', 'updated_at', 'revision']);
    expect(stored.credit_code).toBe(row.creditCode);
  });

  it('checks a text column against its list instead of casting it', () => {
    const KINDS = ['前期物业', '招投标选聘'] as const;
    expect(oneOf(KINDS, '前期物业', 'service_contracts.kind')).toBe('前期物业');
    expect(oneOf(KINDS, null, 'service_contracts.kind')).toBeNull();
    expect(() => oneOf(KINDS, '别的', 'service_contracts.kind')).toThrow('service_contracts.kind: “别的” is none of 前期物业, 招投标选聘');
  });

  it('checks each row a raw statement returns, naming the column that does not fit', () => {
    const sqlite = new Database(':memory:');
    sqlite.exec("create table t (id text, n integer); insert into t values ('a', 1), ('b', 2)");
    const row = z.object({ id: z.string(), n: z.number().int() });
    expect(checkedRows(row, sqlite.prepare('select id, n from t order by id').all())).toEqual([{ id: 'a', n: 1 }, { id: 'b', n: 2 }]);
    expect(checkedRow(row, sqlite.prepare('select id, n from t where id = ?').get('b'))).toEqual({ id: 'b', n: 2 });
    expect(checkedRow(row, sqlite.prepare('select id, n from t where id = ?').get('z'))).toBeUndefined();
    expect(() => checkedRows(row, sqlite.prepare("select id, 'x' as n from t").all())).toThrow(/"n"/);
    sqlite.close();
  });
});
