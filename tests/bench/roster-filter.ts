/**
 * In Chromium: the time from a filter typed into the 20,000-row roster to the
 * repaint of its rows (input event → the grid's `data-query` shows the new
 * query → the next frame is painted), beside the raw cost of the same page of
 * rows fetched over HTTP from the page itself.
 */
import { chromium } from 'playwright-core';
import { MIGRATIONS_DIR, RENDERER_DIST_DIR } from '../../main/node-paths';
import { startWebServer } from '../../main/transport/http-server';

const QUERIES = ['王', '5幢1单元', '1380', '商业楼', '3幢2单元1202'];
const REPEATS = 3;

type Report = (name: string, app: number, baseline: number, target: string) => void;

export async function benchRosterFilter(dataDir: string, report: Report): Promise<void> {
  const server = await startWebServer({ dataDir, migrationsDir: MIGRATIONS_DIR, rendererDir: RENDERER_DIST_DIR });
  const browser = await chromium.launch({
    executablePath: '/usr/bin/chromium',
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--no-first-run'],
  });
  try {
    const setup = await server.app.handle({ method: 'auth.setup', input: { username: 'bench', displayName: '基准', password: 'bench-password' } }).then((r) => (r.ok ? r : server.app.handle({ method: 'auth.login', input: { username: 'bench', password: 'bench-password' } })));
    if (!setup.ok) throw new Error(setup.error.message);
    const session = (setup.result as { session: string }).session;
    const list = await server.app.handle({ method: 'community.list', input: {}, session });
    const communityId = (list as { result: { id: string }[] }).result[0]!.id;

    const page = await browser.newPage({ viewport: { width: 1366, height: 900 } });
    // tsx compiles the functions handed to page.evaluate with esbuild's __name helper; give the page one.
    await page.addInitScript('window.__name = (f) => f');
    await page.addInitScript((s) => sessionStorage.setItem('sanfang.session', s), session);
    await page.goto(`${server.url}#/c/${communityId}/roster`);
    const grid = page.getByTestId('roster-grid');
    await grid.and(page.locator('[data-total="20000"]')).waitFor({ timeout: 60_000 });
    const box = page.getByPlaceholder(/搜索/);

    await page.evaluate(() => {
      const w = window as unknown as { __lastInput: number };
      document.addEventListener('input', () => { w.__lastInput = performance.now(); }, true);
    });

    const app: number[] = [];
    const raw: number[] = [];
    const perQuery = new Map<string, number[]>();
    for (let r = 0; r < REPEATS; r++) {
      for (const query of QUERIES) {
        await box.fill('');
        await page.locator('[data-testid="roster-grid"][data-query=""]').waitFor();
        const painted = page.evaluate((q) => new Promise<number>((resolve) => {
          const el = document.querySelector('[data-testid="roster-grid"]')!;
          const done = () => requestAnimationFrame(() => requestAnimationFrame(() =>
            resolve(performance.now() - (window as unknown as { __lastInput: number }).__lastInput)));
          new MutationObserver((_m, obs) => {
            if (el.getAttribute('data-query') === q) { obs.disconnect(); done(); }
          }).observe(el, { attributes: true, attributeFilter: ['data-query'] });
        }), query);
        await box.fill(query);
        const ms = await painted;
        app.push(ms);
        perQuery.set(query, [...(perQuery.get(query) ?? []), ms]);
        // The raw baseline: the same first page of rows, fetched from the page without any rendering.
        raw.push(await page.evaluate(async ({ q, cid, s }) => {
          const token = sessionStorage.getItem('sanfang.token')!;
          const t = performance.now();
          const res = await fetch('/api/invoke', {
            method: 'POST', headers: { 'Content-Type': 'application/json', 'X-Sanfang-Token': token },
            body: JSON.stringify({ method: 'roster.page', input: { communityId: cid, search: q, offset: 0, limit: 200 }, session: s }),
          });
          await res.json();
          return performance.now() - t;
        }, { q: query, cid: communityId, s: session }));
      }
    }
    const sorted = (v: number[]) => [...v].sort((a, b) => a - b);
    const median = (v: number[]) => sorted(v)[Math.floor(v.length / 2)]!;
    console.log(`roster filter: ${app.length} filters typed; app worst ${Math.max(...app).toFixed(1)} ms, raw fetch worst ${Math.max(...raw).toFixed(1)} ms`);
    for (const [q, times] of perQuery) console.log(`  “${q}”: ${times.map((t) => t.toFixed(0)).join(' / ')} ms`);
    report('roster filter → repaint, Chromium (median)', median(app), median(raw), '≤ 100 ms');
  } finally {
    await browser.close();
    await server.close();
  }
}
