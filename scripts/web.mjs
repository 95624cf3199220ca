// `npm run web [-- --data-dir DIR | --db FILE] [--port N]`: browser mode on 127.0.0.1.
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { ensureNodeBundle } from './node-bundle.mjs';
import { ensureRendererBuilt } from './renderer-fresh.mjs';

await ensureRendererBuilt();
const child = spawn(process.execPath, [fileURLToPath(await ensureNodeBundle('main/web.ts', 'web')), ...process.argv.slice(2)], { stdio: 'inherit' });
for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => child.kill(signal));
child.on('exit', (code) => process.exit(code ?? 0));
