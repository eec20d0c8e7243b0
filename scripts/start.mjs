// `npm start`: build the web UI if needed, then run the server in this process (TypeScript through tsx).
import { register } from 'tsx/esm/api';
import { ensureWebBuilt } from './web-build.mjs';

ensureWebBuilt();
register();
await import('../apps/server/src/server.ts');
