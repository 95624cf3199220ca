/**
 * 一小区一档 as xlsx: the same result as the print view (dossier.ts), one sheet per section named as in the printed
 * contents, headers in Chinese, areas and money as number cells (a reader sums them), every text row through
 * addSafeRow (main/files/safe-cells.ts) so that a title typed as `=…` stays text. A section with no records has
 * one row saying so, as the printout does.
 */
import type ExcelJS from 'exceljs';
import { DOSSIER_NONE, DOSSIER_SECTIONS, type Dossier, type DossierSection } from '../../../shared/contract/dossier';
import { addSafeRow } from '../../files/safe-cells';
import type { ServiceContext } from '../context';
import { communityDossier } from './dossier';

type Cell = string | number | null;
const num = (decimal: string) => Number(decimal);
const TWO_DECIMALS = '#,##0.00';

const STEP_STATE = { done: '已办理', skipped: '未办理（已说明）', waiting: '待办理' } as const;

/** Each sheet's headers, widths and rows, from the dossier. */
function sheets(d: Dossier): Record<DossierSection, { headers: string[]; widths: number[]; rows: Cell[][]; numeric?: number[] }> {
  const period = (a: string, b: string) => `${a}至${b}`;
  return {
    组织: {
      headers: ['组织', '选举日期', '任期（年）', '任期届满', '本届/往届', '姓名', '职务'],
      widths: [14, 12, 10, 12, 10, 12, 10],
      rows: d.bodies.flatMap((b) => {
        const head = [b.kind, b.electedOn, b.termYears, b.termEnd, b.current ? '本届' : '往届'];
        return b.members.length === 0 ? [[...head, '', '']] : b.members.map((m) => [...head, m.name, m.role]);
      }),
    },
    会议与纪要: {
      headers: ['日期', '类型', '会议', '状态', '登记人数', '实到人数', '收回表决票', '表决权人数', '纪要版本', '纪要'],
      widths: [12, 12, 28, 8, 10, 10, 10, 10, 10, 80],
      rows: d.meetings.map((m) => [
        m.date, m.kind, m.title, m.held ? '已召开' : '未召开', m.listed, m.present, m.ballots?.returned ?? null, m.ballots?.subjects ?? null,
        m.minutes ? `第${m.minutes.version}版` : '无定稿纪要', m.minutes?.text ?? '',
      ]),
    },
    议事事项: {
      headers: ['事项', '类别', '提出日期', '步骤', '办理情况', '日期', '依据'],
      widths: [24, 10, 12, 20, 14, 12, 50],
      rows: d.matters.flatMap((m) => [
        ...m.steps.map((s) => [m.title, m.category, m.raisedOn, s.name, STEP_STATE[s.state], s.date ?? '', s.evidence]),
        ...(m.attachments.length > 0 ? [[m.title, m.category, m.raisedOn, '附件', '', '', m.attachments.join('、')]] : []),
      ]),
    },
    表决结果: {
      headers: ['表决', '表决期间', '议题', '类别', '范围', '应参与人数', '应参与面积（㎡）', '参与人数', '参与面积（㎡）', '同意人数', '同意面积（㎡）',
        '反对人数', '反对面积（㎡）', '弃权人数', '弃权面积（㎡）', '结果'],
      widths: [24, 24, 24, 16, 12, 10, 14, 10, 14, 10, 14, 10, 14, 10, 14, 8],
      numeric: [7, 9, 11, 13, 15],
      rows: d.votes.flatMap((v) => v.items.map((i) => [
        v.title, period(v.opens, v.closes), i.title, i.categoryName, i.scopeLabel,
        i.electorate.count, num(i.electorate.area), i.participants.count, num(i.participants.area), i.yes.count, num(i.yes.area),
        i.no.count, num(i.no.area), i.abstain.count, num(i.abstain.area), i.passed ? '通过' : '未通过',
      ])),
    },
    维修资金: {
      headers: ['项目', '金额（元）', '户数/个数'],
      widths: [26, 18, 12],
      numeric: [2],
      rows: [
        ['维修资金余额', num(d.fund.fund), null], ['分户账合计', num(d.fund.households), d.fund.householdCount], ['银行存款', num(d.fund.bank), null],
        ['低于续筹线的户', null, d.fund.belowTopUp],
        ['维修项目（已支付）', num(d.fund.repairs.paid), d.fund.repairs.projects], ['维修已分摊', num(d.fund.repairs.charged), null],
        ['公共收益收入', num(d.fund.revenue.income), null], ['公共收益支出', num(d.fund.revenue.cost), null],
        ['公共收益净额', num(d.fund.revenue.net), null], ['公共收益转入维修资金', num(d.fund.revenue.transferred), null],
      ],
    },
    物业服务合同: {
      headers: ['物业服务企业', '合同类型', '开始日期', '届满日期', '状态', '不续聘通知截止', '续聘筹备开始', '评价季度', '评价得分', '等级'],
      widths: [26, 16, 12, 12, 12, 14, 14, 10, 10, 8],
      rows: d.contracts.flatMap((k) => {
        const head = [k.companyName, k.kind, k.startDate, k.endDate, k.state, k.nonRenewalNoticeBy, k.renewalPreparationFrom ?? ''];
        return k.evaluations.length === 0 ? [[...head, '', '', '']] : k.evaluations.map((e) => [...head, e.quarter, num(e.score), e.band ?? '']);
      }),
    },
    问题台账: {
      headers: ['编号', '反映时间', '类别', '问题', '状态', '层级', '办结期限', '办结时间'],
      widths: [6, 17, 10, 30, 8, 6, 12, 17],
      rows: d.issues.map((i) => [i.number, i.reportedAt.replace('T', ' '), i.category, i.title, i.status, i.level, i.resolutionDue ?? '', (i.closedAt ?? '').replace('T', ' ')]),
    },
  };
}

export async function exportDossier(ctx: ServiceContext, communityId: string) {
  return dossierWorkbook(communityDossier(ctx, communityId));
}

/** The workbook of a dossier, the 社区's own or a street's copy (whose cover says what it does not hold). */
export async function dossierWorkbook(d: Dossier) {
  const ExcelJS = (await import('exceljs')).default;
  const workbook = new ExcelJS.Workbook();
  const cover = workbook.addWorksheet('封面');
  for (const row of [
    ['小区', d.community.name], ['地址', d.community.address], ['所属街道', d.community.streetOffice], ['所属社区', d.community.communityOffice],
    ['编制日期', d.madeOn],
    ...(d.copy ? [['资料来源', `${d.copy.office}报送的交换包（${d.copy.receivedAt?.slice(0, 10) ?? ''}）`], ...Object.entries(d.copy.notHeld).map(([k, v]) => [`${k}（副本不含）`, v])] : []),
  ]) addSafeRow(cover, row);
  cover.getColumn(1).width = 12;
  cover.getColumn(2).width = 40;
  const all = sheets(d);
  for (const name of DOSSIER_SECTIONS) writeSheet(workbook.addWorksheet(name), all[name]);
  return { fileName: `${d.community.name}一小区一档.xlsx`, base64: Buffer.from(await workbook.xlsx.writeBuffer()).toString('base64') };
}

function writeSheet(sheet: ExcelJS.Worksheet, s: { headers: string[]; widths: number[]; rows: Cell[][]; numeric?: number[] }) {
  addSafeRow(sheet, s.headers);
  sheet.getRow(1).font = { bold: true };
  if (s.rows.length === 0) addSafeRow(sheet, [DOSSIER_NONE]);
  for (const values of s.rows) {
    const row = addSafeRow(sheet, values);
    // Areas and money keep two decimals as Excel shows them; the cell stays a number.
    for (const c of s.numeric ?? []) if (typeof values[c - 1] === 'number') row.getCell(c).numFmt = TWO_DECIMALS;
  }
  s.widths.forEach((w, i) => { sheet.getColumn(i + 1).width = w; });
  sheet.views = [{ state: 'frozen', ySplit: 1 }];
}
