import { join, dirname } from 'node:path'
import type Database from 'better-sqlite3'
import type { Office } from '../shared/contract/app'
import { AppError } from '../shared/result'
import { systemClock, type Clock } from './clock'
import { openDatabase, type Db } from './db/open'
import { createLogger, type Logger } from './log'
import { readOffice, readOfficeCode } from './office/service'
import { ensurePrivateDir, migrationsDir as defaultMigrationsDir } from './paths'
import { getSetting, setSetting } from './settings'
import { newId } from './sync/ids'
import { ensureWilayah } from './wilayah/reference'
import { chainLegacyEntries } from './db/audit-chain'
import { currentActor, type Actor } from './people/actor'
import type { DbKey } from './db/cipher'
import { sealKeyFiles, setKeysSecret } from './exchange/keys'

import pkg from '../../package.json'
import { msg } from '../shared/messages'

export const APP_VERSION: string = pkg.version

/** Everything a service needs, passed in: database, clock, identity, folders. */
export interface Ctx {
  sqlite: Database.Database
  db: Db
  clock: Clock
  dataFile: string
  dataDir: string
  backupsDir: string
  filesDir: string
  deviceId: string
  schemaVersion: number
  /** The key the database is encrypted with (db/cipher.ts), or null for a plain database not yet encrypted. */
  dbKey: DbKey | null
  /** Encrypts this (plain) database with the key, in place, and reopens it (see encryptPlainFile). */
  encrypt(key: DbKey): void
  host: 'electron' | 'headless' | 'cli'
  /** This office, or null before first-run setup. */
  office(): Office | null
  requireOffice(): Office
  /** This office's wilayah code without the names (cheap; for scopes on every write). */
  officeCode(): string
  log: Logger
  /** The logged-in person of this call (see people/actor.ts), else the one the CLI logged in, else null. */
  actor(): Actor | null
  /** The CLI (one person per process) logs in once and acts as that person from then on. */
  actAs(actor: Actor | null): void
  /** The logged-in person's full name, for "locked by" and signatures ('sistem' for work no person started). The audit log keeps the username and id. */
  user(): string
  close(): void
  /** Opens the same file again (after a restore replaced it). */
  reopen(): void
}

export interface ContextOptions {
  dataFile: string
  host: Ctx['host']
  clock?: Clock
  migrationsDir?: string
  busyTimeoutMs?: number
  /** The database key, unwrapped from the keyring by a login (people/unlock.ts). */
  key?: DbKey | null
}

export function openContext(opts: ContextOptions): Ctx {
  const dataDir = ensurePrivateDir(dirname(opts.dataFile))
  const clock = opts.clock ?? systemClock
  const backupsDir = join(dataDir, 'backups')
  const filesDir = join(dataDir, 'files')
  let key = opts.key ?? null
  const open = () => {
    const opened = openDatabase({ file: opts.dataFile, migrationsDir: opts.migrationsDir ?? defaultMigrationsDir(), backupsDir, clock, busyTimeoutMs: opts.busyTimeoutMs, key })
    // The office's private keys are encrypted with a secret derived from the same key.
    setKeysSecret(dataDir, key)
    sealKeyFiles(dataDir)
    ensureWilayah(opened.sqlite)
    chainLegacyEntries(opened.sqlite)
    let deviceId = getSetting(opened.sqlite, 'device_id')
    if (!deviceId) {
      deviceId = newId()
      setSetting(opened.sqlite, 'device_id', deviceId)
    }
    return { ...opened, deviceId }
  }
  const opened = open()
  let processActor: Actor | null = null
  const ctx: Ctx = {
    sqlite: opened.sqlite,
    db: opened.db,
    clock,
    dataFile: opts.dataFile,
    dataDir,
    backupsDir,
    filesDir,
    deviceId: opened.deviceId,
    schemaVersion: opened.schemaVersion,
    get dbKey() {
      return key
    },
    encrypt: (k) => {
      if (key) return
      ctx.sqlite.close()
      key = k
      try {
        ctx.reopen()
      } catch (e) {
        key = null
        ctx.reopen()
        throw e
      }
    },
    host: opts.host,
    log: createLogger(join(dataDir, 'logs'), clock),
    office: () => readOffice(ctx.sqlite),
    requireOffice: () => {
      const o = ctx.office()
      if (!o) throw new AppError('NO_OFFICE', msg('op.noOffice'))
      return o
    },
    officeCode: () => {
      const code = readOfficeCode(ctx.sqlite)
      if (!code) throw new AppError('NO_OFFICE', msg('op.noOffice'))
      return code
    },
    actor: () => currentActor() ?? processActor,
    actAs: (a) => {
      processActor = a
    },
    user: () => ctx.actor()?.displayName ?? 'sistem',
    close: () => ctx.sqlite.close(),
    reopen: () => {
      const again = open()
      Object.assign(ctx, { sqlite: again.sqlite, db: again.db, deviceId: again.deviceId, schemaVersion: again.schemaVersion })
    },
  }
  ctx.log.info(`dibuka: skema ${opened.schemaVersion}${opened.migratedFrom < opened.schemaVersion ? ` (dimigrasi dari ${opened.migratedFrom}${opened.backupFile ? `, cadangan ${opened.backupFile}` : ''})` : ''}, ${opts.host}`)
  return ctx
}
