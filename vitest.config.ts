import { defineConfig } from 'vitest/config'

export default defineConfig({
  test: {
    include: ['tests/core/**/*.test.ts', 'tests/cli/**/*.test.ts', 'tests/host/**/*.test.ts', 'tests/main/**/*.test.ts', 'tests/warehouse/**/*.test.ts'],
    // Generous: the type check, security scan and build now run beside the first test files, and
    // a test that only ran slow on a busy machine must not fail for it (a hang still ends).
    testTimeout: 120_000,
    hookTimeout: 120_000,
    pool: 'forks',
    // Vitest leaves one core free by default: on the 2-core CI machine that ran the files one by one.
    maxWorkers: 2,
    globalSetup: ['tests/helpers/temp-root.ts', 'tests/helpers/cli-bundle.ts'],
  },
})
