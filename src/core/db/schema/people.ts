import { integer, sqliteTable, text, uniqueIndex } from 'drizzle-orm/sqlite-core'

/**
 * The people who use this office PC (issue #13). Local: users never travel in bundles,
 * each office keeps its own. `password_hash` holds scrypt's parameters, salt and hash.
 */
export const appUser = sqliteTable(
  'app_user',
  {
    id: text('id').primaryKey(),
    username: text('username').notNull(),
    displayName: text('display_name').notNull(),
    role: text('role').notNull(),
    passwordHash: text('password_hash').notNull(),
    failedCount: integer('failed_count').notNull().default(0),
    lockedUntil: text('locked_until'),
    active: integer('active').notNull().default(1),
    createdAt: text('created_at').notNull(),
    updatedAt: text('updated_at').notNull(),
    lastLoginAt: text('last_login_at'),
    passwordChangedAt: text('password_changed_at').notNull(),
  },
  (t) => [uniqueIndex('app_user_username').on(t.username)],
)
