// The import rule of docs/architecture.md §1 is a lint error: checked here with ESLint's
// API on code that breaks it, so that a change to the lint config cannot quietly drop it.
import { ESLint } from 'eslint';
import { describe, expect, it } from 'vitest';

const eslint = new ESLint();

async function ruleIds(filePath: string, code: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath });
  return result!.messages.map((m) => m.ruleId ?? m.message);
}

describe('layer rule', () => {
  it('renderer/ may not import main/', async () => {
    expect(await ruleIds('renderer/src/x.ts', "import { openApp } from '../../main/app';\nexport const x = openApp;\n"))
      .toContain('layers/no-cross-layer-import');
  });
  it('shared/ may not import main/ or Node', async () => {
    expect(await ruleIds('shared/domain/x.ts', "import { openApp } from '../../main/app';\nexport const x = openApp;\n"))
      .toContain('layers/no-cross-layer-import');
    expect(await ruleIds('shared/domain/x.ts', "import fs from 'node:fs';\nexport const x = fs;\n")).toContain('no-restricted-imports');
  });
  it('only main/electron/ may import electron', async () => {
    expect(await ruleIds('main/services/x.ts', "import { app } from 'electron';\nexport const x = app;\n")).toContain('no-restricted-imports');
    expect(await ruleIds('main/electron/x.ts', "import { app } from 'electron';\nexport const x = app;\n")).not.toContain('no-restricted-imports');
  });
  it('main/ may not import renderer/, also through export … from', async () => {
    expect(await ruleIds('main/services/x.ts', "export { App } from '../../renderer/src/App';\n")).toContain('layers/no-cross-layer-import');
  });
  it('a renderer file named main is not the main layer', async () => {
    expect(await ruleIds('renderer/src/x.ts', "import { start } from './main';\nexport const x = start;\n")).not.toContain('layers/no-cross-layer-import');
  });
  it('renderer/ may import shared/', async () => {
    expect(await ruleIds('renderer/src/x.ts', "import { formatHundredths } from '../../shared/domain/area';\nexport const x = formatHundredths;\n")).toEqual([]);
  });
  it('renderer/ may not read a refusal by the words of its message', async () => {
    const rule = 'no-restricted-syntax';
    expect(await ruleIds('renderer/src/x.ts', "export const f = (e: Error) => e.message.startsWith('办结期限');\n")).toContain(rule);
    expect(await ruleIds('renderer/src/x.ts', "export const f = (e: Error) => /理由/.test(e.message);\n")).toContain(rule);
    expect(await ruleIds('renderer/src/x.ts', "export const f = (v: string) => v.startsWith('person:');\n")).not.toContain(rule);
  });
  it('inside main/: the database layer imports no service, services import neither transport, CLI nor the router', async () => {
    const broken = 'layers/no-cross-layer-import';
    expect(await ruleIds('main/db/x.ts', "import { write } from '../services/context';\nexport const x = write;\n")).toContain(broken);
    expect(await ruleIds('main/db/x.ts', "import { sealed } from '../security/cipher';\nexport const x = sealed;\n")).toContain(broken);
    expect(await ruleIds('main/services/x.ts', "import { startWebServer } from '../transport/http-server';\nexport const x = startWebServer;\n")).toContain(broken);
    expect(await ruleIds('main/services/x.ts', "import { runCli } from '../cli/run';\nexport const x = runCli;\n")).toContain(broken);
    expect(await ruleIds('main/services/x.ts', "import { handlers } from '../router';\nexport const x = handlers;\n")).toContain(broken);
    expect(await ruleIds('main/security/x.ts', "import { openApp } from '../app';\nexport const x = openApp;\n")).toContain(broken);
    expect(await ruleIds('main/files/x.ts', "import { openDatabase } from '../db/connection';\nexport const x = openDatabase;\n")).toContain(broken);
  });
  it('inside main/: what runs downwards is allowed', async () => {
    expect(await ruleIds('main/services/x.ts', "import { nowIso } from '../db/clock';\nexport const x = nowIso;\n")).toEqual([]);
    expect(await ruleIds('main/security/x.ts', "import type { App } from '../app-types';\nexport type X = App;\n")).toEqual([]);
    expect(await ruleIds('main/cli/x.ts', "import { write } from '../services/context';\nexport const x = write;\n")).toEqual([]);
    expect(await ruleIds('main/router.ts', "import { write } from './services/context';\nexport const x = write;\n")).toEqual([]);
  });
});
