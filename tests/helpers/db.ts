import type { Input, OpName, Output } from '../../src/shared/contract'
import { AppError } from '../../src/shared/result'
import { copyFileSync, existsSync, mkdtempSync, rmSync } from 'node:fs'
import { normaliseRecoveryCode, readKeyring, RECOVERY_SLOT, sealWrap, userSlot, writeKeyring } from '../../src/core/people/keyring'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fixedClock, type Clock } from '../../src/core/clock'
import { openContext, type Ctx } from '../../src/core/context'
import { setupOffice } from '../../src/core/office/service'
import type { Office } from '../../src/shared/contract/app'
import { randomBytes, scryptSync } from 'node:crypto'
import { dispatch as realDispatch, type Caller } from '../../src/core/handlers'
import { actorOf, insertUser } from '../../src/core/people/users'
import { allowed, rolesFor, type Role } from '../../src/shared/contract/roles'
import { isOpName } from '../../src/shared/contract'

// Real scrypt at a lower cost, so the hundreds of test users stay fast (production uses DEFAULT_COST).
process.env.SIMPUL_SCRYPT_N ??= '1024'

import { TEST_DB_KEY, TEST_PASSWORD } from './raw-db'
import { levelOfCode, type OfficeLevel } from '../../src/shared/area'
export { keyFor, rawDb, TEST_DB_KEY, TEST_PASSWORD } from './raw-db'

/**
 * Every test database is encrypted (SQLCipher) with this key, as an office's would be with its
 * random one; its keyring holds the key wrapped for the test administrator's TEST_PASSWORD and
 * by TEST_RECOVERY_CODE, so a spawned CLI (CLI_ENV) and the worker unlock it like a person.
 */
export const TEST_RECOVERY_CODE = 'UJIAA-UJIBB-UJICC-UJIDD-UJIEE-UJIFF'

const TEST_COST = { N: 1024, r: 8, p: 1 }
const testWrap = (secret: string, slot: string) => {
  const salt = randomBytes(16)
  return sealWrap(TEST_DB_KEY, scryptSync(secret.normalize('NFC'), salt, 32, TEST_COST), salt, TEST_COST, slot)
}

/** Writes the keyring of a test database (recovery wrap; a wrap per named user with TEST_PASSWORD). */
export function writeTestKeyring(dataFile: string, users: { username: string; userId: string }[] = [], office: Office | null = null): void {
  const k = readKeyring(dataFile) ?? {
    format: 'simpul-keyring' as const,
    version: 1 as const,
    cipher: 'sqlcipher-4' as const,
    users: {},
    recovery: { ...testWrap(normaliseRecoveryCode(TEST_RECOVERY_CODE), RECOVERY_SLOT), createdAt: '2026-11-24T02:00:00.000Z' },
    failures: {},
    office: null,
  }
  for (const u of users) k.users[u.username] = { ...testWrap(TEST_PASSWORD, userSlot(u.username)), userId: u.userId }
  if (office) {
    const { deviceId: _d, ...label } = office
    k.office = label
  }
  writeKeyring(dataFile, k)
}

/** scrypt hash of TEST_PASSWORD, synchronously, in the stored format of src/core/people/password.ts. */
function testHash(): string {
  const salt = randomBytes(16)
  const key = scryptSync(TEST_PASSWORD, salt, 32, { N: 1024, r: 8, p: 1 })
  return ['scrypt', 1024, 8, 1, salt.toString('base64url'), key.toString('base64url')].join('$')
}

/** Environment for a spawned `simpul` command: runs as the test administrator "admin". */
export const CLI_ENV = { SIMPUL_USER: 'admin', SIMPUL_PASSWORD: TEST_PASSWORD, SIMPUL_SCRYPT_N: '1024' }

// By data file, so a copy of a ctx (a read-only view of the same file) calls as the same person.
const callers = new Map<string, Caller>()

/**
 * Adds a user with this role (username = role unless given) and returns the caller to
 * pass to dispatch, as if they had logged in.
 */
export function addUser(ctx: Ctx, role: Role, username: string = role, displayName = `Uji ${username}`): Caller & { userId: string } {
  const u = insertUser(ctx, { username, displayName, role }, testHash())
  if (ctx.dbKey?.equals(TEST_DB_KEY)) writeTestKeyring(ctx.dataFile, [{ username: u.username, userId: u.id }], ctx.office())
  return { userId: u.id }
}

/** The administrator that makeCtx created for this database (tests call as this person by default). */
export function callerOf(ctx: Ctx): Caller {
  const c = callers.get(ctx.dataFile)
  if (!c) throw new Error('makeCtx without an office has no administrator; call addUser first')
  return c
}

const staff = new Map<string, Caller>()
/**
 * Someone who may call `op`: the test administrator when the role table lets admin, else a
 * test user of the first role it names (created once per database, e.g. "uji-pptk").
 */
export function callerFor(ctx: Ctx, op: unknown): Caller | undefined {
  const admin = callers.get(ctx.dataFile)
  if (!admin || !isOpName(op) || allowed('admin', op)) return admin
  const role = rolesFor(op)[0]
  const key = `${ctx.dataFile}|${role}`
  if (!staff.has(key)) staff.set(key, addUser(ctx, role, `uji-${role}`))
  return staff.get(key)
}

/** dispatch as someone whose role may (or as the given caller): validation and role checks included. */
export const dispatch = (ctx: Ctx, op: unknown, input: unknown, caller?: Caller) => realDispatch(ctx, op, input, caller ?? callerFor(ctx, op))

const made: string[] = []
// Each test database holds the whole wilayah reference (~8 MB): remove the folders when a test
// file ends; whatever a killed worker leaves is removed with the run's folder (temp-root.ts).
const removeMade = () => {
  if (!process.env.SIMPUL_KEEP_TEMP) for (const d of made.splice(0)) rmSync(d, { recursive: true, force: true })
}
if (process.env.VITEST) (await import('vitest')).afterAll(removeMade)
else process.on('exit', removeMade) // benchmarks run under tsx

/** A fresh folder under the run's temp dir, removed when the test file ends. */
export function tempDir(prefix = 'simpul-test-'): string {
  const dir = mkdtempSync(join(process.env.SIMPUL_TEST_TMP ?? tmpdir(), prefix))
  made.push(dir)
  return dir
}

// Migrating a new file and loading the wilayah reference costs ~0.4 s; a test file makes dozens.
// Each process makes one (encrypted with TEST_DB_KEY, without a device id) and copies it.
let template: string | null = null
function templateFile(): string {
  if (template) return template
  const file = join(tempDir('simpul-template-'), 'simpul.sqlite')
  writeTestKeyring(file)
  const ctx = openContext({ dataFile: file, host: 'cli', clock: fixedClock('2026-11-24T09:00:00+07:00'), key: TEST_DB_KEY })
  ctx.sqlite.prepare(`DELETE FROM meta WHERE key = 'device_id'`).run()
  ctx.close() // checkpoints: the whole database is in the one file
  return (template = file)
}

/** A real database file in a temp folder, migrated; optionally with an office set up. */
export function makeCtx(opts: { office?: string; level?: OfficeLevel; clock?: Clock; dir?: string } = {}): Ctx {
  const dir = opts.dir ?? tempDir()
  const dataFile = join(dir, 'simpul.sqlite')
  if (!existsSync(dataFile)) {
    copyFileSync(templateFile(), dataFile)
    writeTestKeyring(dataFile)
  }
  const ctx = openContext({ dataFile, host: 'cli', clock: opts.clock ?? fixedClock('2026-11-24T09:00:00+07:00'), key: TEST_DB_KEY })
  if (opts.office) {
    const level = opts.level ?? levelOfCode(opts.office) ?? 'kecamatan'
    setupOffice(ctx, { wilayahCode: opts.office, level, name: `Kantor ${opts.office}` })
    const admin = addUser(ctx, 'admin', 'admin', 'Penguji')
    callers.set(ctx.dataFile, admin)
    // Services called directly (not through dispatch) act as this administrator too, like the CLI.
    ctx.actAs(actorOf(ctx.sqlite, admin.userId))
  }
  return ctx
}

/** Calls an operation through the real dispatcher (validation included); throws its refusal. */
export async function callOp<K extends OpName>(ctx: Ctx, op: K, input: Input<K>, caller?: Caller): Promise<Output<K>> {
  const res = await dispatch(ctx, op, input, caller)
  if (!res.ok) throw new AppError(res.error.code, res.error.message, res.error.details)
  return res.data as Output<K>
}
