// The import rule of ARCHITECTURE.md is a lint error: checked here with ESLint's
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
});
