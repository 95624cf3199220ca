/**
 * 一小区一档 (issue 18) in Chromium: a community with a record in every section (tests/fixtures/dossier-world.ts),
 * opened on its roster; 一小区一档 opens the print view, which is printed to an A4 PDF and read back with
 * pdftotext — the cover, the contents and a figure of each section, on their own pages, and no ID number, phone,
 * proxy or reporter anywhere — and 导出Excel downloads the same sections as sheets. Screenshots and the PDF's
 * pages as PNG go to /tmp/dossier-*.png.
 */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import ExcelJS from 'exceljs';
import { beforeAll, describe, expect, it } from 'vitest';
import { DOSSIER_SECTIONS } from '../../shared/contract/dossier';
import { dossierCommunity, SECRETS } from '../fixtures/dossier-world';
import { rosterRow } from '../fixtures/worked-roster';
import { goTo, importRosterApi, openAndLogin, openRoster, setupAdmin, TEST_TIMEOUT, UI_TIMEOUT, useE2E } from './harness';

const env = useE2E();

let communityId = '';

beforeAll(async () => {
  const session = await setupAdmin(env);
  ({ communityId } = await dossierCommunity((method, input) => env.call(method, input, session)));
}, TEST_TIMEOUT);

const squeeze = (text: string) => text.replace(/\s+/g, '');

describe('一小区一档', () => {
  it('prints the community’s dossier from its roster and exports it to Excel', async () => {
    const { page } = env;
    await openAndLogin(env);
    await openRoster(env, communityId);
    await page.screenshot({ path: '/tmp/dossier-roster.png', clip: { x: 0, y: 0, width: 1366, height: 160 } });
    await page.getByTestId('roster-dossier').click();
    await page.locator('[data-testid=dossier-print][data-ready=true]').waitFor({ timeout: UI_TIMEOUT });
    await expect.poll(() => page.getByTestId('print-toolbar').getByRole('button', { name: '打印', exact: true }).isEnabled(), { timeout: UI_TIMEOUT }).toBe(true);
    expect(await page.locator('[data-testid=dossier-section]').evaluateAll((s) => s.map((e) => e.getAttribute('data-section')))).toEqual([...DOSSIER_SECTIONS]);
    await page.screenshot({ path: '/tmp/dossier-screen.png', animations: 'disabled' });

    const pdf = path.join(env.tmpDir, 'dossier.pdf');
    await page.pdf({ path: pdf, format: 'A4', printBackground: true });
    const text = execFileSync('pdftotext', ['-layout', pdf, '-'], { encoding: 'utf8' });
    execFileSync('pdftoppm', ['-png', '-r', '80', pdf, '/tmp/dossier-page']);
    if (process.env.PRINT_ARTIFACTS) {
      fs.mkdirSync(process.env.PRINT_ARTIFACTS, { recursive: true });
      fs.copyFileSync(pdf, path.join(process.env.PRINT_ARTIFACTS, 'dossier.pdf'));
    }
    const pages = text.split('\f').filter((p) => p.trim() !== '').map(squeeze);
    const flat = squeeze(text);

    // The cover, alone on the first page; the contents on the second, with each section's count.
    expect(pages[0]).toContain('和平小区一小区一档');
    expect(pages[0]).toContain('小区地址南湖路88号');
    expect(pages[0]).toContain('所属街道南湖街道');
    expect(pages[0]).toContain('所属社区和平社区');
    expect(pages[0]).toContain('编制单位和平社区三方办');
    expect(pages[0]).toMatch(/编制日期\d{4}年\d{1,2}月\d{1,2}日/);
    expect(pages[1]).toContain('目录');
    for (const line of ['一、组织1个组织', '二、会议与纪要2次会议', '三、议事事项1件事项', '四、表决结果1次表决', '五、维修资金余额与收支汇总',
      '六、物业服务合同1份合同', '七、问题台账1个问题']) expect(pages[1]).toContain(line);

    // Each section starts a page of its own, in order.
    const sectionPage = (heading: string) => pages.findIndex((p) => p.startsWith(heading));
    const starts = ['一、组织', '二、会议与纪要', '三、议事事项', '四、表决结果', '五、维修资金', '六、物业服务合同', '七、问题台账'].map(sectionPage);
    expect(starts.every((p, i) => p > 1 && (i === 0 || p > starts[i - 1]!))).toBe(true);

    // A figure of each section.
    expect(flat).toContain('1张伟主任');
    expect(flat).toContain('2026-11-02联席会议电梯更新联席会议已召开实到2/登记3定稿第1版');
    expect(flat).toContain('2026-11-25业主大会电梯更新表决已召开收回表决票3/4无定稿纪要');
    expect(flat).toContain('决定：原则同意更新，提请业主表决');
    expect(flat).toContain('小区党组织提议已办理2026-11-02会议：电梯更新联席会议；文件：电梯更新方案');
    expect(flat).toContain('附件：电梯报价单.pdf');
    expect(flat).toContain('收回表决票3份，有效3份');
    // Each figure is two lines in its cell (headcount over area), which pdftotext gives row by row.
    expect(flat).toContain('4人3人2人1人0人');
    expect(flat).toContain('635.00㎡395.00㎡300.00㎡95.00㎡0.00㎡');
    expect(flat).toContain('未通过');
    expect(flat).toContain('维修资金余额（元）3,000.00');
    expect(flat).toContain('分户数6户');
    expect(flat).toContain('收入1,200.50元');
    expect(flat).toContain('安居物业服务有限公司业主大会表决选聘');
    expect(flat).toContain('2024-09-01至2027-08-312027-06-022027-02-282026年第三季度84.2分良好');
    expect(flat).toContain('状态：服务期内，至2027-08-31届满');
    expect(flat).toContain('12026-11-2009:00电梯电梯停运登记楼栋');
    for (const secret of SECRETS) expect(flat, secret).not.toContain(secret);

    // 导出Excel: the same sections, a sheet each.
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('dossier-export').click()]);
    expect(download.suggestedFilename()).toBe('和平小区一小区一档.xlsx');
    const file = path.join(env.tmpDir, 'dossier.xlsx');
    await download.saveAs(file);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(fs.readFileSync(file) as unknown as ArrayBuffer);
    expect(workbook.worksheets.map((s) => s.name)).toEqual(['封面', ...DOSSIER_SECTIONS]);
    expect(workbook.getWorksheet('表决结果')!.getRow(2).getCell(7).value).toBe(635);
  }, TEST_TIMEOUT);

  it('says 暂无记录 in each section of a community with nothing recorded yet', async () => {
    const { page } = env;
    const session = await setupAdmin(env);
    const empty = await importRosterApi(env, session, '新建小区', [rosterRow('1幢', '101', '90.00', '甲')]);
    await openAndLogin(env);
    await goTo(page, `#/c/${empty}/print/dossier`);
    await page.locator('[data-testid=dossier-print][data-ready=true]').waitFor({ timeout: UI_TIMEOUT });
    const none = await page.locator('[data-testid=dossier-section]').evaluateAll((sections) => sections
      .filter((s) => s.querySelector('[data-testid=dossier-none]')).map((s) => s.getAttribute('data-section')));
    expect(none).toEqual(['组织', '会议与纪要', '议事事项', '表决结果', '物业服务合同', '问题台账']);
    expect(squeeze(await page.getByTestId('dossier-contents').innerText())).toContain('一、组织暂无记录');
  }, TEST_TIMEOUT);
});
