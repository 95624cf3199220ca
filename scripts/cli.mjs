// `npm run -s cli -- …`: the CLI (main/cli/index.ts) from its bundle. Nothing but the JSON result goes to stdout.
import { ensureNodeBundle } from './node-bundle.mjs';

await import(await ensureNodeBundle('main/cli/index.ts', 'cli'));
