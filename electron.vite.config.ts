import { resolve } from 'node:path'
import { defineConfig } from 'electron-vite'
import react from '@vitejs/plugin-react'

// Main and preload are bundled for Electron; the renderer is a plain web build that
// the Electron window (app:// protocol) and the headless host both serve unchanged.
export default defineConfig({
  main: {
    build: {
      externalizeDeps: true,
      // Second entry: the database worker thread (out/main/worker.js), which owns SQLite.
      rollupOptions: { input: { index: resolve(__dirname, 'src/main/index.ts'), worker: resolve(__dirname, 'src/core/worker/entry.ts') } },
    },
  },
  preload: {
    build: {
      // A sandboxed preload must be a single CommonJS file.
      externalizeDeps: false,
      rollupOptions: {
        input: { index: resolve(__dirname, 'src/preload/index.ts') },
        output: { format: 'cjs', entryFileNames: '[name].cjs' },
      },
    },
  },
  renderer: {
    root: resolve(__dirname, 'src/renderer'),
    base: './',
    plugins: [react()],
    build: {
      outDir: resolve(__dirname, 'out/renderer'),
      // Old office PCs: ship minified code.
      minify: true,
      chunkSizeWarningLimit: 2000,
      rollupOptions: { input: resolve(__dirname, 'src/renderer/index.html') },
    },
  },
})
