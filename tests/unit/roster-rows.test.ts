import { describe, expect, it } from 'vitest';
import { mainlandIdCheckChar } from '../../shared/domain/identity';
import { checkRoster, readRosterRow, type RawCells, type RosterRecord } from '../../shared/domain/roster-rows';

const id = (first17: string) => first17 + mainlandIdCheckChar(first17);
const ID_A = id('33010519800101123');
const ID_C = id('33010519820202123');
const ID_D = id('33010519830303123');

function read(cells: RawCells, row = 2) {
  return readRosterRow(cells, row);
}

function records(rows: RawCells[]): RosterRecord[] {
  return rows.map((cells, i) => {
    const r = read(cells, i + 2);
    expect(r.errors).toEqual([]);
    return r.record!;
  });
}

describe('reading a roster row', () => {
  it('fills the blanks with their defaults', () => {
    const r = read({ 楼栋: '1幢', 房号: 101, 专有部分面积: 89.5, 业主: '张三' });
    expect(r.errors).toEqual([]);
    expect(r.record).toMatchObject({
      building: '1幢', entrance: null, room: '101', type: '住宅', area: 8950, areaSource: '登记', deliveryStatus: '已交付',
      owners: [{ name: '张三', document: null, phone: null }],
    });
  });

  it('reads full-width addresses as half-width and keeps building names as written', () => {
    const r = read({ 楼栋: 'Ａ座', 单元: '１单元', 房号: '１０１', 专有部分面积: '90', 业主: '张三' });
    expect(r.record).toMatchObject({ building: 'A座', entrance: '1单元', room: '101' });
  });

  it('splits co-owners on every separator, with IDs and phones in the same order', () => {
    for (const sep of ['、', '，', ',', ';', '；', '/']) {
      const r = read({ 楼栋: '1幢', 房号: '202', 专有部分面积: '95', 业主: `张三${sep}李四`, 证件号码: `${ID_C}${sep}${ID_D}`, 联系电话: `13800000001${sep}13800000002` });
      expect(r.errors).toEqual([]);
      expect(r.record!.owners).toEqual([
        { name: '张三', document: ID_C, phone: '13800000001' },
        { name: '李四', document: ID_D, phone: '13800000002' },
      ]);
    }
  });

  it('refuses a count of IDs that does not match the names, unless the column is empty', () => {
    const bad = read({ 楼栋: '1幢', 房号: '202', 专有部分面积: '95', 业主: '张三、李四', 证件号码: ID_C }, 7);
    expect(bad.errors).toEqual([{ row: 7, column: '证件号码', message: expect.stringContaining('业主有2人，证件号码有1个') }]);
    const ok = read({ 楼栋: '1幢', 房号: '202', 专有部分面积: '95', 业主: '张三、李四' });
    expect(ok.errors).toEqual([]);
  });

  it.each([
    [{ 专有部分面积: '12.345' }, '专有部分面积', '超过两位小数'],
    [{ 专有部分面积: '0' }, '专有部分面积', '必须大于0'],
    [{ 专有部分面积: '-3' }, '专有部分面积', '必须大于0'],
    [{ 类型: '别墅' }, '类型', '住宅、商铺、车位、其他'],
    [{ 面积来源: '估算' }, '面积来源', '登记、实测、合同'],
    [{ 交付状态: '已入住' }, '交付状态', '已交付、未售、已售未交付'],
    [{ 业主: '' }, '业主', '已交付的部分必须填写业主'],
    [{ 证件号码: '110105194912310021' }, '证件号码', '校验位错误'],
    [{ 楼栋: '' }, '楼栋', '楼栋为空'],
    [{ 房号: '' }, '房号', '房号为空'],
    [{ 联系电话: '无' }, '联系电话', '不是有效号码'],
  ] as const)('refuses %j in column %s', (override, column, message) => {
    const r = read({ 楼栋: '1幢', 房号: '101', 专有部分面积: '90', 业主: '张三', ...override }, 9);
    expect(r.record).toBeNull();
    expect(r.errors).toContainEqual({ row: 9, column, message: expect.stringContaining(message) });
  });

  it('allows a blank owner (or the developer) on unsold rows, and the buyer on sold-undelivered rows', () => {
    expect(read({ 楼栋: '3幢', 房号: '301', 专有部分面积: '120', 交付状态: '未售' }).record).toMatchObject({ owners: [], developerName: null });
    expect(read({ 楼栋: '3幢', 房号: '301', 专有部分面积: '120', 交付状态: '未售', 业主: '某某置业有限公司' }).record)
      .toMatchObject({ owners: [], developerName: '某某置业有限公司' });
    expect(read({ 楼栋: '3幢', 房号: '302', 专有部分面积: '120', 交付状态: '已售未交付', 业主: '钱七' }).record)
      .toMatchObject({ owners: [{ name: '钱七' }] });
  });

  it('skips rows whose every cell is empty', () => {
    expect(read({ 楼栋: '  ', 房号: '' })).toEqual({ record: null, errors: [], place: null });
  });

  it('knows the address of a row even when another cell is wrong', () => {
    expect(read({ 楼栋: '1幢', 房号: '101', 专有部分面积: '-1', 业主: '甲' }, 5).place).toEqual({ row: 5, building: '1幢', entrance: null, room: '101' });
  });
});

describe('checking the whole roster', () => {
  it('names both rows of a duplicate address', () => {
    const checked = checkRoster(records([
      { 楼栋: '1幢', 单元: '1单元', 房号: '101', 专有部分面积: '90', 业主: '甲' },
      { 楼栋: '1幢', 单元: '1单元', 房号: '102', 专有部分面积: '90', 业主: '乙' },
      { 楼栋: '１幢', 单元: '1单元', 房号: '101', 专有部分面积: '90', 业主: '丙' },
    ]), null);
    expect(checked.errors).toEqual([{ row: 4, column: '房号', message: '地址“1幢1单元101”与第2行重复' }]);
  });

  it('the same ID under two names is an error naming both rows', () => {
    const checked = checkRoster(records([
      { 楼栋: '1幢', 房号: '101', 专有部分面积: '90', 业主: '张三', 证件号码: ID_A },
      { 楼栋: '1幢', 房号: '102', 专有部分面积: '90', 业主: '张叁', 证件号码: ID_A.toLowerCase() },
    ]), null);
    expect(checked.errors).toHaveLength(1);
    expect(checked.errors[0]).toMatchObject({ row: 3, column: '证件号码' });
    expect(checked.errors[0]!.message).toContain('第2行登记为“张三”');
  });

  it('unsold rows must name one developer', () => {
    const checked = checkRoster(records([
      { 楼栋: '3幢', 房号: '301', 专有部分面积: '120', 交付状态: '未售', 业主: '甲置业' },
      { 楼栋: '3幢', 房号: '302', 专有部分面积: '120', 交付状态: '未售', 业主: '乙置业' },
    ]), null);
    expect(checked.errors).toEqual([{ row: 3, column: '业主', message: expect.stringContaining('第2行的“甲置业”') }]);
    expect(checked.developerName).toBe('甲置业');
  });
});
