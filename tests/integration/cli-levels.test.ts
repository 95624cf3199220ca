/**
 * `office init` and `office register` as real processes (issue 18): the
 * outputs the issue names, a second init refused with the code registered, refusals exiting 1 with the field.
 */
import { describe, expect, it } from 'vitest';
import { runCli, tempDir } from '../helpers';

describe('office init / office register', () => {
  it('a 社区 office made, registered at its street by its code, and nothing registered twice under another code', () => {
    const street = tempDir('sanfang-street-');
    const community = tempDir('sanfang-community-');
    const s = runCli(street, 'office', 'init', '--name', '拱宸桥街道', '--level', '街道', '--above', '拱墅区');
    expect(s.code).toBe(0);
    expect(Object.keys(s.json)).toEqual(['name', 'level', 'code']);
    const c = runCli({ db: `${community}/sanfang.sqlite` }, 'office', 'init', '--name', '桥西社区', '--level', '社区', '--above', '拱宸桥街道');
    expect(c.json).toMatchObject({ name: '桥西社区', level: '社区' });
    expect(runCli(street, 'office', 'register', '--name', '桥西社区', '--level', '社区', '--code', c.json.code)).toEqual({ code: 0, json: { name: '桥西社区', level: '社区' } });
    const other = runCli(street, 'office', 'register', '--name', '桥西社区', '--level', '社区', '--code', s.json.code);
    expect(other.code).toBe(1);
    expect(other.json.errors[0]).toMatchObject({ column: 'code', message: expect.stringContaining('已登记') });
    const again = runCli(community, 'office', 'init', '--name', '另一个社区', '--level', '社区', '--above', '拱宸桥街道');
    expect(again.code).toBe(1);
    expect(again.json.errors[0].message).toContain(c.json.code);
    const district = runCli(tempDir(), 'office', 'init', '--name', '拱墅区', '--level', '区');
    expect(district.json).toMatchObject({ name: '拱墅区', level: '区' });
  });
});
