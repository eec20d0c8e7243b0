// `npm run test:e2e`: end-to-end tests in real Chromium against a freshly started platform (embedded database).
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { ensureWebBuilt } from './web-build.mjs';

const chromium = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
if (!existsSync(chromium)) {
  console.error(`E2E: Chromium not found at ${chromium}.
Install Debian's browser with:  apt-get install -y chromium   (CI does this itself),
or point CHROMIUM_PATH at a Chromium/Chrome binary. No browser is downloaded by this project.`);
  process.exit(1);
}
ensureWebBuilt();
const r = spawnSync('npx', ['vitest', 'run', '--config', 'vitest.e2e.config.ts', ...process.argv.slice(2)], {
  stdio: 'inherit',
  env: { ...process.env, CHROMIUM_PATH: chromium },
});
process.exit(r.status ?? 1);
