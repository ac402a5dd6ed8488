import { scryptSync } from 'node:crypto'
import type Database from 'better-sqlite3'
// Only modules without the app's package.json import, so Playwright specs can use this too.
import { fileState, openSqlite } from '../../src/core/db/cipher'
import { openWrap, readKeyring, userSlot } from '../../src/core/people/keyring'

/** The password every test user gets. */
export const TEST_PASSWORD = 'rahasia-uji-123'

/** The key every makeCtx database is encrypted with (see tests/helpers/db.ts). */
export const TEST_DB_KEY = Buffer.from('5e'.repeat(32), 'hex')

/**
 * The key of a test database: TEST_DB_KEY for makeCtx's, else unwrapped from its keyring with
 * TEST_PASSWORD (a database a spawned `simpul init --admin admin` made with a random key).
 */
export function keyFor(dataFile: string, username = 'admin', password = TEST_PASSWORD): Buffer | null {
  if (fileState(dataFile) !== 'encrypted') return null
  const w = readKeyring(dataFile)?.users[username]
  if (!w) return TEST_DB_KEY
  const kek = scryptSync(password.normalize('NFC'), Buffer.from(w.salt, 'base64'), 32, { N: w.kdf.N, r: w.kdf.r, p: w.kdf.p })
  const key = openWrap(w, kek, userSlot(username))
  if (!key) throw new Error(`keyFor: ${username} tidak membuka ${dataFile}`)
  return key
}

/** A raw connection to a test database file (or its backup), keyed with TEST_DB_KEY when encrypted. */
export const rawDb = (file: string, options?: Database.Options, key: Buffer = TEST_DB_KEY): Database.Database =>
  openSqlite(file, fileState(file) === 'encrypted' ? key : null, options)

