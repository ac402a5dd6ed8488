import { createHash } from 'node:crypto'
import type Database from 'better-sqlite3'
import type { ChainReport } from '../../shared/contract/people'
import { getSetting, setSetting } from '../settings'

/**
 * The audit log as a hash chain: entry n stores sha256(hash of n-1 + canonical entry n).
 * Editing an entry in the SQLite file breaks its hash; deleting one breaks its
 * successor's link; deleting the newest ones no longer matches the head kept in `meta`.
 * Every writer (rows.ts `audit()`, bundle import) appends through `appendAudit`.
 */
export interface AuditInsert {
  id: string
  at: string
  user: string
  userId: string | null
  officeCode: string
  table: string
  rowId: string
  action: string
  /** Already serialised JSON (as stored), or null. */
  before: string | null
  after: string | null
  sourceOffice?: string | null
  bundleId?: string | null
}

export const GENESIS = '0'.repeat(64)
const HEAD_KEY = 'audit.head'
const STARTED_KEY = 'audit.chain_started'

type Stored = {
  seq: number | null
  id: string
  at: string
  user: string
  user_id: string | null
  office_code: string
  table_name: string
  row_id: string
  action: string
  before_json: string | null
  after_json: string | null
  source_office: string | null
  bundle_id: string | null
  prev_hash: string | null
  hash: string | null
}

/** The exact bytes that are hashed: a JSON array in a fixed order, so no field can move unnoticed. */
function canonical(seq: number, e: AuditInsert): string {
  return JSON.stringify([seq, e.id, e.at, e.user, e.userId, e.officeCode, e.table, e.rowId, e.action, e.before, e.after, e.sourceOffice ?? null, e.bundleId ?? null])
}

export const entryHash = (prev: string, seq: number, e: AuditInsert): string =>
  createHash('sha256').update(prev).update('\n').update(canonical(seq, e)).digest('hex')

/** The stored columns of a chained entry, in the order `chainedRow` returns them. */
export const CHAINED_COLS = '(id, at, user, user_id, office_code, table_name, row_id, action, before_json, after_json, source_office, bundle_id, seq, prev_hash, hash)'
export type ChainedRow = [string, string, string, string | null, string, string, string, string, string | null, string | null, string | null, string | null, number, string, string]

const statements = new WeakMap<Database.Database, { head: Database.Statement; insert: Database.Statement }>()

function prepared(sqlite: Database.Database) {
  let s = statements.get(sqlite)
  if (!s) {
    s = {
      head: sqlite.prepare('SELECT seq, hash FROM audit_log WHERE seq IS NOT NULL ORDER BY seq DESC LIMIT 1'),
      insert: sqlite.prepare(`INSERT INTO audit_log ${CHAINED_COLS} VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`),
    }
    statements.set(sqlite, s)
  }
  return s
}

const chainedRow = (e: AuditInsert, seq: number, prev: string, hash: string): ChainedRow =>
  [e.id, e.at, e.user, e.userId, e.officeCode, e.table, e.rowId, e.action, e.before, e.after, e.sourceOffice ?? null, e.bundleId ?? null, seq, prev, hash]

/**
 * For writers that insert audit entries in batches (bulk imports): links each entry to the
 * one before it in memory, from the current head; `commit()` records the new head.
 */
export function auditChainer(sqlite: Database.Database) {
  const head = prepared(sqlite).head.get() as { seq: number; hash: string } | undefined
  let seq = head?.seq ?? 0
  let prev = head?.hash ?? GENESIS
  return {
    next(e: AuditInsert): ChainedRow {
      seq++
      const hash = entryHash(prev, seq, e)
      const row = chainedRow(e, seq, prev, hash)
      prev = hash
      return row
    },
    commit(): void {
      if (seq > 0) setSetting(sqlite, HEAD_KEY, `${seq}:${prev}`)
    },
  }
}

/** Appends one entry at the end of the chain. Call inside the transaction that makes the change. */
export function appendAudit(sqlite: Database.Database, e: AuditInsert): void {
  const s = prepared(sqlite)
  const head = s.head.get() as { seq: number; hash: string } | undefined
  const seq = (head?.seq ?? 0) + 1
  const prev = head?.hash ?? GENESIS
  const hash = entryHash(prev, seq, e)
  s.insert.run(chainedRow(e, seq, prev, hash))
  setSetting(sqlite, HEAD_KEY, `${seq}:${hash}`)
}

const asInsert = (r: Stored): AuditInsert => ({
  id: r.id,
  at: r.at,
  user: r.user,
  userId: r.user_id,
  officeCode: r.office_code,
  table: r.table_name,
  rowId: r.row_id,
  action: r.action,
  before: r.before_json,
  after: r.after_json,
  sourceOffice: r.source_office,
  bundleId: r.bundle_id,
})

/**
 * Once per database: entries written before the chain existed (older Simpul) are chained
 * in the order they were written. After that, an entry without a hash is a problem.
 */
export function chainLegacyEntries(sqlite: Database.Database): number {
  if (getSetting(sqlite, STARTED_KEY)) return 0
  let n = 0
  sqlite.transaction(() => {
    const legacy = sqlite.prepare('SELECT rowid AS rid, * FROM audit_log WHERE seq IS NULL ORDER BY rowid').all() as (Stored & { rid: number })[]
    const head = prepared(sqlite).head.get() as { seq: number; hash: string } | undefined
    let seq = head?.seq ?? 0
    let prev = head?.hash ?? GENESIS
    const set = sqlite.prepare('UPDATE audit_log SET seq = ?, prev_hash = ?, hash = ? WHERE rowid = ?')
    for (const r of legacy) {
      seq++
      const hash = entryHash(prev, seq, asInsert(r))
      set.run(seq, prev, hash, r.rid)
      prev = hash
      n++
    }
    if (seq > 0) setSetting(sqlite, HEAD_KEY, `${seq}:${prev}`)
    setSetting(sqlite, STARTED_KEY, '1')
  })()
  return n
}

/** Walks the whole chain; reports up to `maxProblems` breaks in Bahasa Indonesia. */
export function verifyAuditChain(sqlite: Database.Database, maxProblems = 20): ChainReport {
  const problems: ChainReport['problems'] = []
  const add = (p: ChainReport['problems'][number]) => {
    if (problems.length < maxProblems) problems.push(p)
  }
  let entries = 0
  let expectedSeq = 1
  let prev = GENESIS
  for (const r of sqlite.prepare('SELECT * FROM audit_log WHERE seq IS NOT NULL ORDER BY seq').iterate() as IterableIterator<Stored>) {
    entries++
    const seq = r.seq!
    if (seq !== expectedSeq) {
      add({ seq, id: r.id, message: seq > expectedSeq ? `Entri audit nomor ${expectedSeq}${seq - 1 > expectedSeq ? `–${seq - 1}` : ''} hilang (dihapus dari berkas).` : `Nomor entri audit ${seq} ganda.` })
      prev = r.prev_hash ?? prev
    } else if (r.prev_hash !== prev) {
      add({ seq, id: r.id, message: `Entri audit nomor ${seq} tidak tersambung ke entri sebelumnya (entri sebelumnya diubah atau dihapus).` })
    }
    const hash = entryHash(r.prev_hash ?? '', seq, asInsert(r))
    if (hash !== r.hash) add({ seq, id: r.id, message: `Entri audit nomor ${seq} (${r.table_name} ${r.action}, ${r.at}, oleh ${r.user}) telah diubah setelah dicatat.` })
    prev = r.hash ?? ''
    expectedSeq = seq + 1
  }
  const unchained = (sqlite.prepare('SELECT count(*) AS n FROM audit_log WHERE seq IS NULL').get() as { n: number }).n
  if (unchained && getSetting(sqlite, STARTED_KEY)) add({ seq: null, id: null, message: `${unchained} entri audit tanpa rantai hash (disisipkan langsung ke berkas).` })
  const head = getSetting(sqlite, HEAD_KEY)
  if (head) {
    const [headSeq, headHash] = head.split(':')
    const lastSeq = expectedSeq - 1
    if (Number(headSeq) > lastSeq) add({ seq: lastSeq + 1, id: null, message: `Entri audit terakhir (nomor ${lastSeq + 1}${Number(headSeq) > lastSeq + 1 ? `–${headSeq}` : ''}) hilang (dihapus dari berkas).` })
    else if (Number(headSeq) === lastSeq && headHash !== prev) add({ seq: lastSeq, id: null, message: `Ujung rantai audit tidak cocok dengan entri terakhir.` })
  } else if (entries > 0) {
    add({ seq: null, id: null, message: 'Catatan ujung rantai audit hilang.' })
  }
  return { ok: problems.length === 0, entries, problems }
}

