import { fileURLToPath } from 'node:url'
import { defineConfig } from 'vite'

/**
 * Builds the web UI into ui/dist, which the appliance serves at `/`.
 * `npx vite --config ui/vite.config.ts` runs a dev server that forwards the API and
 * socket.io to a running appliance (APPLIANCE_URL, default http://127.0.0.1:8080).
 */
const root = fileURLToPath(new URL('.', import.meta.url))
const appliance = process.env.APPLIANCE_URL ?? 'http://127.0.0.1:8080'

export default defineConfig({
  root,
  base: '/',
  build: { outDir: 'dist', emptyOutDir: true, target: 'es2022' },
  server: {
    proxy: {
      '/api': appliance,
      '/health': appliance,
      '/socket.io': { target: appliance, ws: true },
    },
  },
})
