// npx tsx bench/floor.ts [--posyandu 1236] [--kader 9000] [--reps 2]
// Where the full-schema insert of a bundle's rows spends its time (issue 17: "the schema is
// the floor"). The same rows as the exchange benchmark go into copies of an encrypted
// kabupaten database, taking one part of the schema away at a time; CPU time per variant,
// split into the statements and the COMMIT (which includes SQLite's automatic checkpoint
// once the WAL passes 1,000 pages: the bare baseline of a kabupaten bundle stays below that).
import { copyFileSync, existsSync, rmSync, statSync } from 'node:fs'
import { join } from 'node:path'
import { parseArgs } from 'node:util'
import Database from 'better-sqlite3'
import { beginBulk } from '../src/core/db/bulk'
import { openSqlite } from '../src/core/db/cipher'
import { SQLITE_CACHE_KIB } from '../src/core/db/open'
import { makeCtx, tempDir, TEST_DB_KEY } from '../tests/helpers/db'
import { readRows, type TableRows } from './baselines'
import { generate } from './benchmarks/exchange'

const { values: args } = parseArgs({ options: { posyandu: { type: 'string' }, kader: { type: 'string' }, reps: { type: 'string' } } })
const kec = makeCtx({ office: '12.18.04' })
generate(kec, Number(args.posyandu ?? 1236), Number(args.kader ?? 9000))
const data = readRows(kec.sqlite, ['posyandu', 'kader'])
const receiver = makeCtx({ office: '12.18' })
receiver.sqlite.pragma('wal_checkpoint(TRUNCATE)')
const dir = tempDir('simpul-floor-')
const cpuMs = () => {
  const u = process.cpuUsage()
  return (u.user + u.system) / 1000
}

type Db = Database.Database
let n = 0
function variant(label: string, o: { open: (file: string) => Db; copy: boolean; before?: (db: Db) => void; body: (db: Db) => void }) {
  const file = join(dir, `v${n++}.sqlite`)
  if (o.copy) copyFileSync(receiver.dataFile, file)
  const db = o.open(file)
  db.pragma('journal_mode = WAL')
  db.pragma('synchronous = NORMAL')
  db.pragma(`cache_size = ${SQLITE_CACHE_KIB}`)
  db.pragma('foreign_keys = ON')
  o.before?.(db)
  const c0 = cpuMs()
  db.exec('BEGIN IMMEDIATE')
  o.body(db)
  const c1 = cpuMs()
  db.exec('COMMIT')
  const c2 = cpuMs()
  const walPages = existsSync(`${file}-wal`) ? Math.round(statSync(`${file}-wal`).size / 4096) : 0
  console.log(`${label.padEnd(72)} ${(c2 - c0).toFixed(0).padStart(5)} ms CPU (statements ${(c1 - c0).toFixed(0)}, commit ${(c2 - c1).toFixed(0)}); WAL ${walPages} pages`)
  db.close()
  for (const s of ['', '-wal', '-shm']) rmSync(file + s, { force: true })
}

const insertAll = (db: Db) => {
  for (const d of data) {
    const st = db.prepare(`INSERT INTO "${d.table}" (${d.cols.map((c) => `"${c}"`).join(',')}) VALUES (${d.cols.map(() => '?').join(',')})`)
    for (const r of d.rows) st.run(r)
  }
}
const bareTables = (db: Db, rows: TableRows[]) => {
  for (const d of rows) db.exec(`CREATE TABLE "${d.table}" (${d.cols.map((c) => (c === 'id' ? `"id" TEXT PRIMARY KEY` : `"${c}"`)).join(', ')})`)
}
const plain = (f: string) => new Database(f)
const encrypted = (f: string) => openSqlite(f, TEST_DB_KEY)
const tables = data.map((d) => d.table)
const dropSearchTriggers = (db: Db) => {
  for (const t of db.prepare(`SELECT name FROM sqlite_master WHERE type = 'trigger' AND name LIKE '%fts%'`).pluck().all() as string[]) db.exec(`DROP TRIGGER "${t}"`)
}
const secondary = (db: Db, unique: boolean) =>
  db.prepare(`SELECT name, sql FROM sqlite_master WHERE type = 'index' AND tbl_name IN (${tables.map(() => '?').join(',')}) AND sql IS NOT NULL ${unique ? '' : "AND sql NOT LIKE 'CREATE UNIQUE %'"}`).all(...tables) as { name: string; sql: string }[]
const noCheckpoint = (db: Db) => db.pragma('wal_autocheckpoint = 0')

for (let rep = 0; rep < Number(args.reps ?? 2); rep++) {
  console.log(`— ${data.reduce((s, d) => s + d.rows.length, 0)} rows, run ${rep + 1}`)
  variant('bare tables, plain file (the benchmark baseline)', { open: plain, copy: false, body: (db) => (bareTables(db, data), insertAll(db)) })
  variant('bare tables, encrypted file', { open: encrypted, copy: false, body: (db) => (bareTables(db, data), insertAll(db)) })
  variant('full schema, row by row (every trigger and index per row)', { open: encrypted, copy: true, body: insertAll })
  const bulk = (db: Db) => {
    const b = beginBulk(db, tables, { rebuildIndexes: tables })
    insertAll(db)
    b.finish()
  }
  variant('full schema, bulk mode (secondary + search indexes built once)', { open: encrypted, copy: true, body: bulk })
  variant('  the same without the automatic checkpoint at commit', { open: encrypted, copy: true, before: noCheckpoint, body: bulk })
  variant('  no search index at all (FTS triggers dropped), indexes built once', {
    open: encrypted,
    copy: true,
    body: (db) => {
      dropSearchTriggers(db)
      const ix = secondary(db, false)
      for (const i of ix) db.exec(`DROP INDEX "${i.name}"`)
      insertAll(db)
      for (const i of ix) db.exec(i.sql)
    },
  })
  variant('  no search index, no secondary index (unique ones dropped too)', {
    open: encrypted,
    copy: true,
    body: (db) => {
      dropSearchTriggers(db)
      for (const i of secondary(db, true)) db.exec(`DROP INDEX "${i.name}"`)
      insertAll(db)
    },
  })
  variant('  the same with foreign_keys off', {
    open: encrypted,
    copy: true,
    before: (db) => db.pragma('foreign_keys = OFF'),
    body: (db) => {
      dropSearchTriggers(db)
      for (const i of secondary(db, true)) db.exec(`DROP INDEX "${i.name}"`)
      insertAll(db)
    },
  })
}
