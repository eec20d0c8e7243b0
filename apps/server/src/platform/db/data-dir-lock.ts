import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

/**
 * One process per embedded data directory: PGlite would corrupt a folder opened twice. The lock is a pid file;
 * a stale one (its process gone) is taken over.
 */
export function lockDataDir(dir: string, purpose: string): () => void {
  const file = join(dir, 'geoshare.lock');
  try {
    const [pidText, holder] = readFileSync(file, 'utf8').split('\n');
    const pid = Number(pidText);
    if (pid && pid !== process.pid && isAlive(pid)) {
      throw new Error(
        `数据目录 ${dir} 正被另一个进程（PID ${pid}，${holder ?? '未知'}）使用：请先停止它，或设置 GEOSHARE_DATA_DIR 指向其他目录`,
      );
    }
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code !== 'ENOENT') throw e;
  }
  writeFileSync(file, `${process.pid}\n${purpose}\n`);
  return () => rmSync(file, { force: true });
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === 'EPERM';
  }
}
