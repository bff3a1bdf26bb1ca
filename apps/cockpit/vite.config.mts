import { resolve } from 'node:path';
import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

// The cockpit is built into dist/cockpit and served by the gateway at `/`; in development
// `vite --config apps/cockpit/vite.config.mts` proxies /graphql, /login and /me to a running gateway.
const gateway = process.env['GATEWAY_URL'] ?? 'http://127.0.0.1:3000';

export default defineConfig({
  root: resolve(import.meta.dirname),
  base: '/',
  plugins: [react()],
  build: { outDir: resolve(import.meta.dirname, '../../dist/cockpit'), emptyOutDir: true, chunkSizeWarningLimit: 1500 },
  server: { proxy: { '/graphql': { target: gateway, ws: true }, '/login': gateway, '/logout': gateway, '/auth': gateway } },
});
