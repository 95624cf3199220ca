/**
 * Electron fuses in electron-builder.yml. Packaging cannot run on these
 * machines (no Electron binary can be downloaded), so the configuration is
 * checked the way electron-builder 26 itself reads it: its own loader and
 * schema validation, then the fuse table it hands to @electron/fuses.
 */
import { createRequire } from 'node:module';
import { describe, expect, it } from 'vitest';

const require = createRequire(import.meta.url);

interface Fuses {
  runAsNode?: boolean;
  enableNodeOptionsEnvironmentVariable?: boolean;
  enableNodeCliInspectArguments?: boolean;
  enableEmbeddedAsarIntegrityValidation?: boolean;
  onlyLoadAppFromAsar?: boolean;
  enableCookieEncryption?: boolean;
  grantFileProtocolExtraPrivileges?: boolean;
}

async function loadConfig(): Promise<{ electronFuses?: Fuses; asar?: unknown }> {
  const { getConfig, validateConfiguration } = require('app-builder-lib/out/util/config/config');
  const { DebugLogger } = require('builder-util');
  const config = await getConfig(process.cwd(), null, null);
  // Throws on any key electron-builder does not know, electronFuses' included.
  await validateConfiguration(config, new DebugLogger(false));
  return config;
}

describe('electron-builder.yml fuses', () => {
  it('turns off RunAsNode, NODE_OPTIONS and --inspect; turns on asar integrity, asar-only loading and cookie encryption', async () => {
    const config = await loadConfig();
    expect(config.electronFuses).toEqual({
      runAsNode: false,
      enableNodeOptionsEnvironmentVariable: false,
      enableNodeCliInspectArguments: false,
      enableEmbeddedAsarIntegrityValidation: true,
      onlyLoadAppFromAsar: true,
      enableCookieEncryption: true,
      grantFileProtocolExtraPrivileges: false,
    });
    // Asar integrity and asar-only loading need the app packed as app.asar (the default; never turned off).
    expect(config.asar).not.toBe(false);
  });

  it('is the table electron-builder flips with @electron/fuses before signing', async () => {
    const config = await loadConfig();
    const { PlatformPackager } = require('app-builder-lib');
    const { FuseV1Options } = require('@electron/fuses');
    const wire = await PlatformPackager.prototype.generateFuseConfig.call({}, config.electronFuses);
    expect(wire[FuseV1Options.RunAsNode]).toBe(false);
    expect(wire[FuseV1Options.EnableNodeOptionsEnvironmentVariable]).toBe(false);
    expect(wire[FuseV1Options.EnableNodeCliInspectArguments]).toBe(false);
    expect(wire[FuseV1Options.EnableEmbeddedAsarIntegrityValidation]).toBe(true);
    expect(wire[FuseV1Options.OnlyLoadAppFromAsar]).toBe(true);
    expect(wire[FuseV1Options.EnableCookieEncryption]).toBe(true);
    expect(wire[FuseV1Options.GrantFileProtocolExtraPrivileges]).toBe(false);
  });
});
