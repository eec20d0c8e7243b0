// The pixel worker's entry (see pixel-pool.ts). Worker threads start without the TypeScript loader in some runtimes
// (vitest runs TypeScript in-process, not through a Node loader), so each worker registers tsx itself and loads the
// TypeScript handler; under `npm start` (tsx) and in CI this works the same way.
import { register } from 'tsx/esm/api';

const api = register({ namespace: 'geoshare-pixel-worker' });
const { default: runPixelTask } = await api.import('./pixel.worker.ts', import.meta.url);
export default runPixelTask;
