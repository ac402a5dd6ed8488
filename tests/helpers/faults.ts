import { spawn } from 'node:child_process'
import { cpSync, readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { openContext, type Ctx } from '../../src/core/context'
import { makeRng as prng } from '../../src/core/demo/prng'
import { integrityCheck } from '../../src/core/db/open'
import { writeBundle } from '../../src/core/exchange/export'
import { FORMAT_VERSION, HEAD_BYTES } from '../../src/core/exchange/format'
import { importBundle } from '../../src/core/exchange/import'
import { appRoot } from '../../src/core/paths'
import { AppError } from '../../src/shared/result'
import { CLI_ENV, makeCtx, tempDir, keyFor } from './db'
import { addPosyandu, dbState, enrolPair, makeOffices, resignedCopy, send } from './exchange'


export { prng }

export interface HostileSetup {
  kab: Ctx
  kec: Ctx
  /** A validly signed bundle from an office our kabupaten never enrolled. */
  strangerBundle: string
  valid: string
  outDir: string
  /** Bundles a misbehaving but enrolled office signed with its real key. */
  crafted: { name: string; file: string }[]
}

/** A kabupaten that has enrolled one kecamatan; a valid bundle from it; crafted hostile ones. */
export function hostileSetup(): HostileSetup {
  const { kab, kec: [kec], outDir } = makeOffices(['12.18.04'])
  for (let i = 0; i < 40; i++) addPosyandu(kec, `Posyandu ${i}`)
  const valid = send(kec, kab, outDir)
  const craft = (name: string, source: { name: string; columns: string[]; rows: unknown[][] }[]) => ({ name, file: writeBundle(kec, '12.18', source, { outDir }).file })
  const base = ['id', 'scope', 'rev', 'hlc', 'origin', 'deleted_at', 'name', 'desa_code', 'created_at', 'updated_at']
  const row = (over: Partial<Record<string, unknown>> = {}) => base.map((c) => over[c] ?? ({ id: '01900000-0000-7000-8000-000000000001', scope: '12.18.04', rev: 1, hlc: '001795620000000-000001', origin: 'x', deleted_at: null, name: 'P', desa_code: '12.18.04.2001', created_at: '2026-01-01', updated_at: '2026-01-01' } as Record<string, unknown>)[c])
  const crafted = [
    // One enormous line: a compression bomb inside a validly signed bundle.
    craft('bomb-line', [{ name: 'posyandu', columns: base, rows: [row({ name: 'A'.repeat(6 * 1024 * 1024) })] }]),
    craft('path-table', [{ name: '../../etc/passwd', columns: base, rows: [row()] }]),
    craft('sql-table', [{ name: 'posyandu"; DROP TABLE kader; --', columns: base, rows: [row()] }]),
    craft('sql-column', [{ name: 'posyandu', columns: [...base.slice(0, -1), 'x") VALUES (1); DROP TABLE kader; --'], rows: [row()] }]),
    craft('foreign-scope', [{ name: 'posyandu', columns: base, rows: [row({ scope: '12.18.05' })] }]),
    craft('bad-hlc', [{ name: 'posyandu', columns: base, rows: [row({ hlc: 'tomorrow' })] }]),
    craft('wrong-arity', [{ name: 'posyandu', columns: base, rows: [[1, 2, 3]] }]),
  ]
  const stranger = makeCtx({ office: '12.18.05' })
  const otherKab = makeCtx({ office: '12.18' })
  enrolPair(stranger, otherKab)
  addPosyandu(stranger, 'Asing')
  const strangerBundle = send(stranger, otherKab, outDir)
  return { kab, kec, strangerBundle, valid, outDir, crafted }
}

/** Mutant number `i` of the valid bundle: bit flips, cuts, swaps, lies in a re-signed manifest. */
export function mutant(s: HostileSetup, i: number, dir: string): { name: string; file: string } {
  const r = prng(i + 1)
  const bytes = readFileSync(s.valid)
  const out = join(dir, `m${i}.simpul`)
  const kinds = ['flip', 'flips', 'truncate', 'append', 'swap', 'dup', 'length', 'format', 'resign', 'crafted', 'empty', 'stranger'] as const
  const kind = kinds[i % kinds.length]
  const b = Buffer.from(bytes)
  switch (kind) {
    case 'flip':
      b[r.int(0, b.length - 1)] ^= 1 << r.int(0, 7)
      break
    case 'flips':
      for (let k = r.int(2, 40); k > 0; k--) b[r.int(0, b.length - 1)] = r.int(0, 255)
      break
    case 'truncate':
      writeFileSync(out, b.subarray(0, r.int(0, b.length - 1)))
      return { name: kind, file: out }
    case 'append':
      writeFileSync(out, Buffer.concat([b, Buffer.alloc(r.int(1, 5000), r.int(0, 255))]))
      return { name: kind, file: out }
    case 'swap': {
      const a = r.int(HEAD_BYTES, b.length - 200)
      const c = r.int(HEAD_BYTES, b.length - 200)
      const len = r.int(1, 100)
      const tmp = Buffer.from(b.subarray(a, a + len))
      b.copy(b, a, c, c + len)
      tmp.copy(b, c)
      break
    }
    case 'dup': {
      const a = r.int(0, b.length - 100)
      const len = r.int(1, 300)
      writeFileSync(out, Buffer.concat([b.subarray(0, a + len), b.subarray(a, a + len), b.subarray(a + len)]))
      return { name: kind, file: out }
    }
    case 'length':
      b.writeUInt32BE([0xffffffff, 0, b.length, r.int(1, 1 << 30)][r.int(0, 3)], HEAD_BYTES - 4)
      break
    case 'format':
      b[HEAD_BYTES - 5] = FORMAT_VERSION + r.int(1, 200)
      break
    case 'resign': {
      const lies: ((m: Record<string, any>) => void)[] = [
        (m) => (m.payload.size = 2 ** 40),
        (m) => (m.payload.size = m.payload.size + 1),
        (m) => (m.schemaVersion = 999),
        (m) => (m.to.code = '12.19'),
        (m) => (m.seq = 0),
        (m) => (m.rows = -1),
        (m) => (m.payload.sha256 = '0'.repeat(64)),
        (m) => (m.from.code = '12.18.05'),
        (m) => (m.payload.compression = 'zip'),
        (m) => (m.rejected = Array.from({ length: 200_000 }, () => ({ table: 'posyandu', id: 'x' }))),
      ]
      const file = resignedCopy(s.valid, s.kec.dataDir, lies[r.int(0, lies.length - 1)])
      return { name: kind, file }
    }
    case 'crafted':
      return s.crafted[i % s.crafted.length]
    case 'empty':
      writeFileSync(out, Buffer.alloc(0))
      return { name: kind, file: out }
    case 'stranger':
      return { name: kind, file: s.strangerBundle }
  }
  // A swap of equal bytes changes nothing; a mutant must differ from the valid file.
  if (b.equals(bytes)) b[r.int(0, b.length - 1)] ^= 0x80
  writeFileSync(out, b)
  return { name: kind, file: out }
}

export interface HostileOutcome {
  name: string
  ms: number
  refused: boolean
  message: string
  unchanged: boolean
}

/** Imports one hostile file with a time limit; it must be refused with a message and write nothing. */
export async function tryHostile(s: HostileSetup, m: { name: string; file: string }, limitMs = 20_000): Promise<HostileOutcome> {
  const before = dbState(s.kab)
  const t0 = performance.now()
  let message = ''
  let refused = false
  const timer = new Promise<never>((_, ko) => setTimeout(() => ko(new Error(`lebih dari ${limitMs} ms`)), limitMs).unref())
  try {
    const report = await Promise.race([importBundle(s.kab, m.file), timer])
    // Only a harmless outcome may "succeed": nothing new, nothing changed.
    const t = report.totals
    refused = t.new + t.changed === 0
    message = report.refusal ?? 'tidak ada perubahan'
  } catch (e) {
    refused = e instanceof AppError
    message = e instanceof Error ? e.message : String(e)
  }
  return { name: m.name, ms: performance.now() - t0, refused, message, unchanged: dbState(s.kab) === before }
}

/* ---------------- crash during import ---------------- */

export interface CrashSetup {
  pristineDir: string
  bundle: string
  before: number
  after: number
  fullMs: number
}

const countPosyandu = (ctx: Ctx) => (ctx.sqlite.prepare('SELECT count(*) n FROM posyandu').get() as { n: number }).n

/** A kabupaten data folder, copied before each run, and a large bundle from its kecamatan. */
export async function crashSetup(rows: number): Promise<CrashSetup> {
  const { kab, kec: [kec], outDir } = makeOffices(['12.18.04'])
  kec.sqlite.transaction(() => {
    for (let i = 0; i < rows; i++) addPosyandu(kec, `Posyandu ${i}`, `12.18.04`)
  })()
  const bundle = send(kec, kab, outDir)
  const before = countPosyandu(kab)
  kab.sqlite.pragma('wal_checkpoint(TRUNCATE)')
  const pristineDir = tempDir('simpul-crash-pristine-')
  cpSync(kab.dataDir, pristineDir, { recursive: true })
  // One full import in a copy, timed, gives the "all" count and the window to kill in.
  const dir = freshCopy(pristineDir)
  const t0 = performance.now()
  const res = await importInChild(join(dir, 'simpul.sqlite'), bundle, null)
  const fullMs = performance.now() - t0
  if (res !== 0) throw new Error(`impor penuh gagal (kode ${res})`)
  const done = openContext({ dataFile: join(dir, 'simpul.sqlite'), host: 'cli', key: keyFor(join(dir, 'simpul.sqlite')) })
  const after = countPosyandu(done)
  done.close()
  kab.close()
  kec.close()
  return { pristineDir, bundle, before, after, fullMs }
}

export function freshCopy(pristineDir: string): string {
  const dir = tempDir('simpul-crash-')
  cpSync(pristineDir, dir, { recursive: true })
  return dir
}

/** Runs `simpul bundle import` in a child process; SIGKILLs it after `killAfterMs` if given. */
export function importInChild(dbFile: string, bundle: string, killAfterMs: number | null): Promise<number | null> {
  return new Promise((done) => {
    const child = spawn(process.execPath, [join(appRoot(), 'bin', 'simpul.js'), 'bundle', 'import', bundle, '--db', dbFile, '--json'], { stdio: 'ignore', env: { ...process.env, ...CLI_ENV } })
    const timer = killAfterMs === null ? null : setTimeout(() => child.kill('SIGKILL'), killAfterMs)
    child.on('exit', (code) => {
      if (timer) clearTimeout(timer)
      done(code)
    })
  })
}

/**
 * After a kill: the database opens, passes integrity_check, and holds all of the bundle or
 * none — rows and search index alike (a large bundle applies with the search triggers
 * suspended inside its transaction: they must be back, and every posyandu indexed).
 */
export function checkAfterCrash(dir: string, s: CrashSetup): { integrity: boolean; count: number; allOrNothing: boolean } {
  const ctx = openContext({ dataFile: join(dir, 'simpul.sqlite'), host: 'cli', key: keyFor(join(dir, 'simpul.sqlite')) })
  try {
    const integrity = integrityCheck(ctx.sqlite).ok
    const count = countPosyandu(ctx)
    const indexed = (ctx.sqlite.prepare(`SELECT count(*) AS n FROM posyandu_fts`).get() as { n: number }).n
    const triggers = (ctx.sqlite.prepare(`SELECT count(*) AS n FROM sqlite_master WHERE type = 'trigger' AND name LIKE '%fts%'`).get() as { n: number }).n
    return { integrity, count, allOrNothing: (count === s.before || count === s.after) && indexed === count && triggers === 8 }
  } finally {
    ctx.close()
  }
}

