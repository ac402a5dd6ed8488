import { defineConfig } from 'drizzle-kit'

// Used to draft SQL from the schema (`npx drizzle-kit generate --out .tmp/drizzle`);
// the checked-in migrations in drizzle/ are reviewed SQL with a journal that the app applies.
export default defineConfig({
  dialect: 'sqlite',
  schema: './src/core/db/schema/index.ts',
  out: './.tmp/drizzle',
})
