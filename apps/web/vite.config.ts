import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

/** The API server `npm run dev` proxies /api to: 127.0.0.1, port GEOSHARE_API_PORT (8080 unless set). */
const apiPort = process.env.GEOSHARE_API_PORT ?? '8080';

/** Builds the single-page app into apps/web/dist (served by the API server); dev proxies /api to it. */
export default defineConfig({
  plugins: [react()],
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    // MapLibre and antd are large by nature; the map page is split into its own chunk.
    chunkSizeWarningLimit: 1600,
  },
  server: {
    proxy: { '/api': { target: `http://127.0.0.1:${apiPort}` } },
  },
});
