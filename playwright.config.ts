import { defineConfig } from '@playwright/test'

export default defineConfig({
  testDir: 'tests/e2e',
  // The command line bundled once (scripts/build-cli.mjs): every host and CLI call spawns it;
  // and the run's folder of seeded data folders (tests/e2e/fixtures.ts, `seeded`).
  globalSetup: './tests/e2e/support/e2e-setup.ts',
  timeout: 60_000,
  expect: { timeout: 15_000 },
  workers: 2,
  reporter: [['list']],
  outputDir: 'test-results/e2e',
  use: {
    viewport: { width: 1366, height: 768 },
    locale: 'id-ID',
    launchOptions: {
      executablePath: process.env.SIMPUL_CHROMIUM ?? '/usr/bin/chromium',
      args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
        '--disable-background-networking', '--disable-component-update', '--disable-sync'],
    },
  },
})
