import { defineConfig } from 'vitest/config'

export default defineConfig({
  test: {
    include: ['tests/core/**/*.test.ts', 'tests/cli/**/*.test.ts', 'tests/host/**/*.test.ts', 'tests/main/**/*.test.ts', 'tests/warehouse/**/*.test.ts'],
    testTimeout: 60_000,
    hookTimeout: 60_000,
    pool: 'forks',
    globalSetup: ['tests/helpers/temp-root.ts'],
  },
})
