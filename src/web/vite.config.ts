import { fileURLToPath } from 'node:url';
import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

/** The dashboard: built by `npm install` (prepare) into dist/web, served by the Touchpoint server at `/`. */
export default defineConfig({
  root: fileURLToPath(new URL('.', import.meta.url)),
  base: '/',
  plugins: [react()],
  build: {
    outDir: fileURLToPath(new URL('../../dist/web', import.meta.url)),
    emptyOutDir: true,
    target: 'es2022',
    chunkSizeWarningLimit: 1200,
    reportCompressedSize: false,
  },
  server: {
    // `npm run dev:web` next to a running server: API calls go to it.
    proxy: { '/api': 'http://127.0.0.1:8080', '/s/': 'http://127.0.0.1:8080', '/sdk.js': 'http://127.0.0.1:8080' },
  },
});
