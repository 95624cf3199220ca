// `npm run bench`: the performance figures of every issue, each beside its raw baseline.
import { spawnSync } from 'node:child_process';
import { ensureRendererBuilt } from './renderer-fresh.mjs';

await ensureRendererBuilt();
const r = spawnSync(process.execPath, ['--import', 'tsx', 'tests/bench/register.bench.ts'], { stdio: 'inherit' });
process.exit(r.status ?? 1);
