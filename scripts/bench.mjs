// `npm run bench [-- SECTION …]`: the performance figures of every issue (or of the sections named,
// see tests/bench/register.bench.ts), each beside its raw baseline.
import { spawnSync } from 'node:child_process';
import { ensureRendererBuilt } from './renderer-fresh.mjs';

await ensureRendererBuilt();
const r = spawnSync(process.execPath, ['--import', 'tsx', 'tests/bench/register.bench.ts', ...process.argv.slice(2)], { stdio: 'inherit' });
process.exit(r.status ?? 1);
