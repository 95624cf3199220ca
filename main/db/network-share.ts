/**
 * SQLite over a network file system corrupts databases and WAL does not work
 * there: warn when the data folder sits on a share.
 */
import fs from 'node:fs';
import path from 'node:path';

const NETWORK_FS = new Set(['nfs', 'nfs4', 'cifs', 'smb3', 'smbfs', 'fuse.sshfs', '9p', 'afs', 'ncpfs']);

/** The warning, with the file's path unless `withPath` is false (told to a caller who has not signed in). */
export function networkShareWarning(file: string, platform = process.platform, withPath = true): string | null {
  const full = path.resolve(file);
  const shared = (platform === 'win32' && (/^\\\\/.test(file) || /^\\\\/.test(full))) || (platform === 'linux' && isOnLinuxNetworkMount(full));
  return shared ? warning(withPath ? full : null) : null;
}

function warning(where: string | null): string {
  return `数据文件位于网络共享位置${where ? `（${where}）` : ''}。SQLite 数据库放在网络盘上容易损坏，请把数据文件夹放在本机硬盘上。`;
}

function isOnLinuxNetworkMount(file: string): boolean {
  let mounts: string;
  try {
    mounts = fs.readFileSync('/proc/mounts', 'utf8');
  } catch {
    return false;
  }
  let best = { point: '', type: '' };
  for (const line of mounts.split('\n')) {
    const [, point, type] = line.split(' ');
    if (!point || !type) continue;
    const isPrefix = file === point || file.startsWith(point.endsWith('/') ? point : `${point}/`);
    if (isPrefix && point.length > best.point.length) best = { point, type };
  }
  return NETWORK_FS.has(best.type);
}
