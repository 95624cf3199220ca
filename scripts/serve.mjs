// `npm run serve -- --listen ADDRESS:PORT [--data-dir DIR | --db FILE]`: this PC as the office server (HTTPS).
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { ensureNodeBundle } from './node-bundle.mjs';

const child = spawn(process.execPath, [fileURLToPath(await ensureNodeBundle('main/serve.ts', 'serve')), ...process.argv.slice(2)], { stdio: 'inherit' });
for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => child.kill(signal));
child.on('exit', (code) => process.exit(code ?? 0));
