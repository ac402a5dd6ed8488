import type Database from 'better-sqlite3'
import { createDecipheriv, createHash, diffieHellman, type KeyObject } from 'node:crypto'
import { basename } from 'node:path'
import { Inflate } from 'fflate'
import type { ImportItem, ImportProgress, ImportReport, TableCounts } from '../../shared/contract/exchange'
import { AppError } from '../../shared/result'
import { keepBackups } from '../app/handlers'
import type { Ctx } from '../context'
import { backupDatabase } from '../db/backup'
import { TRAVELLING_COLUMNS } from '../db/schema/columns'
import { HLC_ZERO, observeHlc } from '../sync/hlc'
import { newId } from '../sync/ids'
import { bundleKey } from './export'
import { bundleRefusal, forEachChunk, LIMITS, readHeader, TAG_BYTES, type BundleHeader } from './format'
import { boxKeysById, fingerprint, publicKeyFromText, verifyBytes } from './keys'
import { followRekeys, peerRow, type PeerRow } from './peers'
import { rowLabeller } from './rowLabel'
import { mayWrite, travellingTables } from './tables'

export interface CheckedBundle {
  header: BundleHeader
  peer: PeerRow
  /** The sender's keys after following its re-key statements, when they changed. */
  newKeys: { sign: string; box: string } | null
  boxPrivate: KeyObject
}

/**
 * Every check that needs no decryption, in the order a person would want to hear
 * about them. Throws an AppError with a Bahasa Indonesia message; writes nothing.
 */
export function checkBundle(ctx: Ctx, file: string): CheckedBundle {
  const header = readHeader(file)
  const { manifest: m } = header
  const me = ctx.requireOffice()
  const peer = peerRow(ctx, m.from.code)
  if (!peer) {
    throw new AppError(
      'BUNDLE_UNKNOWN_SENDER',
      `Pengirim bundel ini, ${m.from.name} (${m.from.code}), belum didaftarkan di kantor ini. Daftarkan kantornya dengan kartu kantor terlebih dahulu.`,
    )
  }
  if (peer.status === 'revoked') throw new AppError('BUNDLE_REVOKED_SENDER', `Pendaftaran kantor ${peer.name} (${peer.wilayah_code}) telah dicabut; bundelnya tidak diterima.`)
  let newKeys: CheckedBundle['newKeys'] = null
  if (!verifyBytes(publicKeyFromText(peer.sign_public_key, 'ed25519'), header.signed, header.signature)) {
    const next = followRekeys(peer.sign_public_key, m.rekey)
    if (!next || !verifyBytes(publicKeyFromText(next.sign, 'ed25519'), header.signed, header.signature)) {
      throw bundleRefusal.tampered('tanda tangan pengirim tidak cocok')
    }
    newKeys = next
  }
  if (m.from.level !== peer.level) throw bundleRefusal.tampered('tingkat kantor pengirim tidak cocok')
  if (m.to.code !== me.wilayahCode) {
    throw new AppError('BUNDLE_WRONG_RECEIVER', `Bundel ini ditujukan untuk ${m.to.name} (${m.to.code}), bukan untuk kantor ini (${me.wilayahCode}). Berkas tidak diimpor.`)
  }
  if (m.schemaVersion > ctx.schemaVersion) throw bundleRefusal.newer()
  if (m.seq === peer.last_received_seq) {
    throw new AppError('BUNDLE_ALREADY_IMPORTED', `Bundel nomor ${m.seq} dari ${peer.name} sudah pernah diimpor; tidak ada yang perlu dilakukan.`)
  }
  if (m.seq < peer.last_received_seq) {
    throw new AppError(
      'BUNDLE_OLDER',
      `Bundel nomor ${m.seq} dari ${peer.name} lebih lama daripada bundel yang sudah diimpor (nomor ${peer.last_received_seq}); isinya sudah termasuk di sana, tidak ada yang perlu dilakukan.`,
    )
  }
  const boxPrivate = boxKeysById(ctx.dataDir).get(m.to.boxKeyId)
  if (!boxPrivate) {
    throw new AppError('BUNDLE_KEY_UNKNOWN', 'Bundel ini dikunci untuk kunci kantor yang tidak ada di komputer ini. Kirim kartu kantor terbaru ke pengirim, lalu minta bundel baru.')
  }
  return { header, peer, newKeys, boxPrivate }
}

export const senderFingerprint = (c: CheckedBundle) =>
  c.newKeys ? fingerprint(c.peer.wilayah_code, c.newKeys.sign, c.newKeys.box) : c.peer.fingerprint

const tick = () => new Promise<void>((r) => setImmediate(r))

/** Streams the payload once through SHA-256 and compares with the signed manifest. */
async function verifyPayloadHash(file: string, header: BundleHeader, progress: (done: number) => void, cancelled: () => boolean): Promise<void> {
  const hash = createHash('sha256')
  let done = 0
  // Sync reads in slices, yielding between slices so progress and cancel get through.
  const slice = 16 * 1024 * 1024
  for (let pos = 0; pos < header.manifest.payload.size; pos += slice) {
    forEachChunk(file, header.payloadOffset + pos, Math.min(slice, header.manifest.payload.size - pos), (c) => hash.update(c))
    done = Math.min(header.manifest.payload.size, pos + slice)
    progress(done)
    if (cancelled()) throw cancelledError()
    await tick()
  }
  if (hash.digest('hex') !== header.manifest.payload.sha256) throw bundleRefusal.tampered('isi tidak cocok dengan sidik manifes')
}

const cancelledError = () => new AppError('BUNDLE_CANCELLED', 'Impor dibatalkan; tidak ada data yang diubah.')

export interface ImportOptions {
  dryRun?: boolean
  reject?: { table: string; id: string }[]
  progress?: (p: ImportProgress) => void
  cancelled?: () => boolean
  /** How many row-level items the report lists (the rest are counted). */
  itemsCap?: number
  fileName?: string
}

type Key = { rev: number; hlc: string; origin: string }
/** The one order every office agrees on: higher rev, then later hlc, then origin id. */
export function compareVersions(a: Key, b: Key): number {
  if (a.rev !== b.rev) return a.rev < b.rev ? -1 : 1
  if (a.hlc !== b.hlc) return a.hlc < b.hlc ? -1 : 1
  if (a.origin !== b.origin) return a.origin < b.origin ? -1 : 1
  return 0
}

const LABEL_COLUMNS = ['name', 'nama', 'title', 'judul', 'number', 'nomor', 'code', 'kode']
const HLC_RE = /^\d{15}-\d{6}$/

const busy = new WeakSet<object>()
type Statement = Database.Statement<unknown[], unknown>

/**
 * Imports one bundle: checks, then (unless a dry run) a backup, then one transaction
 * that applies every row by the shared version order, keeps losers of concurrent edits
 * in exchange_conflict, records the receipt, and commits — or rolls back on any failure.
 * A dry run does the same work and rolls back, so its counts are exactly what apply does.
 */
export async function importBundle(ctx: Ctx, file: string, opts: ImportOptions = {}): Promise<ImportReport> {
  if (busy.has(ctx.sqlite)) throw new AppError('BUNDLE_BUSY', 'Impor bundel lain sedang berjalan; tunggu sampai selesai.')
  busy.add(ctx.sqlite)
  try {
    return await runImport(ctx, file, opts)
  } finally {
    busy.delete(ctx.sqlite)
  }
}

async function runImport(ctx: Ctx, file: string, opts: ImportOptions): Promise<ImportReport> {
  const dryRun = !!opts.dryRun
  const cancelled = opts.cancelled ?? (() => false)
  const checked = checkBundle(ctx, file)
  const { header, peer } = checked
  const m = header.manifest
  const total = m.payload.size
  const progress = (phase: ImportProgress['phase'], doneBytes: number, rows: number) => opts.progress?.({ phase, doneBytes, totalBytes: total, rows })
  await verifyPayloadHash(file, header, (d) => progress('memeriksa', d, 0), cancelled)

  const backupFile = dryRun ? null : backupDatabase(ctx.sqlite, ctx.backupsDir, 'pre-import', ctx.clock, keepBackups(ctx)).file
  const sqlite = ctx.sqlite
  const sender = { wilayahCode: peer.wilayah_code, level: peer.level }
  const rejectSet = new Set((opts.reject ?? []).map((r) => `${r.table}:${r.id}`))
  const rejectedItems: { table: string; id: string }[] = []
  const itemsCap = opts.itemsCap ?? 5000
  const items: ImportItem[] = []
  let itemsTotal = 0
  const refusedNames: string[] = []
  const counts = new Map<string, TableCounts>()
  const now = ctx.clock.now().toISOString()
  let maxHlc = HLC_ZERO

  sqlite.exec('BEGIN IMMEDIATE')
  try {
    // The receipt first: what they acknowledged decides which of our rows they had seen.
    if (m.ack > peer.acked_seq) {
      sqlite.prepare('UPDATE peer_office SET acked_seq = ? WHERE id = ?').run(Math.min(m.ack, peer.last_sent_seq), peer.id)
    }
    sqlite.prepare(`UPDATE bundle_log SET status = 'diterima' WHERE direction = 'out' AND peer_code = ? AND seq <= ? AND status = 'dibuat'`).run(peer.wilayah_code, m.ack)
    if (m.rejected.length) {
      sqlite.prepare(`UPDATE bundle_log SET rejected_json = ? WHERE direction = 'out' AND peer_code = ? AND seq = ?`).run(JSON.stringify(m.rejected), peer.wilayah_code, m.ack)
    }
    const pending = peer.pending_rejects ? (JSON.parse(peer.pending_rejects) as { sinceSeq: number }) : null
    if (pending && m.ack >= pending.sinceSeq) sqlite.prepare('UPDATE peer_office SET pending_rejects = NULL WHERE id = ?').run(peer.id)
    const ackedSeq = Math.max(peer.acked_seq, Math.min(m.ack, peer.last_sent_seq))
    const ackedHlc = ackedSeq
      ? ((sqlite.prepare(`SELECT high_hlc FROM bundle_log WHERE direction = 'out' AND peer_code = ? AND seq = ?`).get(peer.wilayah_code, ackedSeq) as { high_hlc: string } | undefined)
          ?.high_hlc ?? HLC_ZERO)
      : HLC_ZERO
    const seenHlc =
      (sqlite.prepare(`SELECT high_hlc FROM bundle_log WHERE direction = 'in' AND peer_code = ? AND seq = ?`).get(peer.wilayah_code, peer.last_received_seq) as { high_hlc: string } | undefined)
        ?.high_hlc ?? HLC_ZERO

    const tables = travellingTables(sqlite)
    const describe = rowLabeller(sqlite)
    const insertConflict = sqlite.prepare(
      `INSERT INTO exchange_conflict(id, table_name, row_id, peer_code, kind, detected_at, winner_json, loser_json, status) VALUES (?, ?, ?, ?, ?, ?, ?, ?, 'terbuka')`,
    )
    const auditStmt = sqlite.prepare(
      `INSERT INTO audit_log(id, at, user, office_code, table_name, row_id, action, before_json, after_json) VALUES (?, ?, ?, ?, ?, ?, 'import', ?, ?)`,
    )
    const user = `${ctx.user()} (bundel ${peer.wilayah_code} #${m.seq})`
    const myCode = ctx.office()?.wilayahCode ?? ''

    interface Current {
      name: string
      columns: string[]
      counts: TableCounts
      select: Statement
      insert: Statement
      update: Statement
      at: Record<(typeof TRAVELLING_COLUMNS)[number], number>
      label: number
    }
    let cur: Current | null = null
    let rowsSeen = 0

    const note = (item: ImportItem) => {
      itemsTotal++
      if (items.length < itemsCap) items.push(item)
    }

    const startTable = (line: string) => {
      let head: { t?: unknown; c?: unknown }
      try {
        head = JSON.parse(line)
      } catch {
        throw bundleRefusal.tampered('isi tidak terbaca')
      }
      const name = String(head.t)
      const table = tables.get(name)
      if (!table) throw new AppError('BUNDLE_SCHEMA', `Bundel berisi tabel "${name}" yang tidak dikenal Simpul ini. Perbarui Simpul terlebih dahulu.`)
      const columns = Array.isArray(head.c) ? head.c.map(String) : []
      const unknown = columns.filter((c) => !table.columns.includes(c))
      if (unknown.length) throw new AppError('BUNDLE_SCHEMA', `Bundel berisi kolom ${unknown.map((c) => `${name}.${c}`).join(', ')} yang tidak dikenal Simpul ini. Perbarui Simpul terlebih dahulu.`)
      if (new Set(columns).size !== columns.length || !TRAVELLING_COLUMNS.every((c) => columns.includes(c))) throw bundleRefusal.tampered('daftar kolom tidak sah')
      const q = (c: string) => `"${c}"`
      let c = counts.get(name)
      if (!c) counts.set(name, (c = { table: name, new: 0, changed: 0, unchanged: 0, refused: 0, conflict: 0, rejected: 0 }))
      const at = Object.fromEntries(TRAVELLING_COLUMNS.map((k) => [k, columns.indexOf(k)])) as Current['at']
      const sets = columns.filter((k) => k !== 'id')
      cur = {
        name,
        columns,
        counts: c,
        select: sqlite.prepare(`SELECT * FROM ${q(name)} WHERE id = ?`),
        insert: sqlite.prepare(`INSERT INTO ${q(name)} (${columns.map(q).join(', ')}) VALUES (${columns.map(() => '?').join(', ')}) ON CONFLICT(id) DO NOTHING`),
        update: sqlite.prepare(`UPDATE ${q(name)} SET ${sets.map((k) => `${q(k)} = ?`).join(', ')} WHERE id = ?`),
        at,
        label: columns.findIndex((k) => LABEL_COLUMNS.includes(k)),
      }
    }

    const asObject = (t: Current, values: unknown[]) => Object.fromEntries(t.columns.map((k, i) => [k, values[i]]))

    const applyRow = (line: string) => {
      const t = cur as Current | null
      if (!t) throw bundleRefusal.tampered('baris tanpa tabel')
      let values: unknown[]
      try {
        values = JSON.parse(line)
      } catch {
        throw bundleRefusal.tampered('baris tidak terbaca')
      }
      if (!Array.isArray(values) || values.length !== t.columns.length) throw bundleRefusal.tampered('baris tidak sah')
      const id = values[t.at.id]
      const scope = values[t.at.scope]
      const rev = values[t.at.rev]
      const hlc = values[t.at.hlc]
      const origin = values[t.at.origin]
      if (typeof id !== 'string' || typeof scope !== 'string' || !Number.isInteger(rev) || typeof hlc !== 'string' || !HLC_RE.test(hlc) || typeof origin !== 'string') {
        throw bundleRefusal.tampered('kolom wajib baris tidak sah')
      }
      // A signed manifest states the row count: more rows than that is a bomb, stop at once.
      if (++rowsSeen > m.rows) throw bundleRefusal.tampered('lebih banyak baris daripada yang tertulis di manifes')
      if (hlc > maxHlc) maxHlc = hlc
      // Described only when it is reported (most rows of a big bundle are unchanged).
      let described: string | undefined
      const labelOf = () => (described ??= describe.label(asObject(t, values)) || (t.label >= 0 && values[t.label] != null ? String(values[t.label]) : ''))
      const item = (action: ImportItem['action'], noteText: string | null = null) => note({ table: t.name, id, action, label: items.length < itemsCap ? labelOf() : '', scope, scopeName: items.length < itemsCap ? describe.scopeName(scope) : '', note: noteText })
      if (!mayWrite(sender, scope)) {
        t.counts.refused++
        const label = refusedNames.length < 50 ? labelOf() : ''
        if (refusedNames.length < 50) refusedNames.push(`${t.name} ${id}${label ? ` "${label}"` : ''} (wilayah ${scope})`)
        item('refused', `di luar wewenang ${peer.wilayah_code}`)
        return
      }
      if (rejectSet.has(`${t.name}:${id}`)) {
        t.counts.rejected++
        rejectedItems.push({ table: t.name, id })
        item('rejected', 'ditolak operator')
        return
      }
      const clash = (e: unknown, winner: Record<string, unknown> | null) => {
        const code = (e as { code?: string }).code ?? ''
        if (code === 'SQLITE_CONSTRAINT_TRIGGER') {
          // A rule of this database (a locked evaluation year, a final honor list) refuses the row:
          // leave it out, import the rest, and report it back in the receipt like an operator's rejection.
          t.counts.rejected++
          rejectedItems.push({ table: t.name, id })
          item('rejected', `ditolak aturan data: ${(e as Error).message}`)
          return
        }
        if (code !== 'SQLITE_CONSTRAINT_UNIQUE') {
          const label = labelOf()
          throw new AppError('BUNDLE_ROW_INVALID', `Baris ${t.name} ${id}${label ? ` "${label}"` : ''} tidak dapat disimpan: ${(e as Error).message}. Tidak ada data yang diubah.`)
        }
        t.counts.conflict++
        insertConflict.run(newId(), t.name, id, peer.wilayah_code, 'unik', now, winner ? JSON.stringify(winner) : null, JSON.stringify(asObject(t, values)))
        item('conflict', 'bentrok dengan data lain yang harus unik (mis. nama sama di desa yang sama)')
      }
      const incoming = { rev: rev as number, hlc, origin }
      // Most rows of a first bundle are new: try the insert first, look up only on a clash of ids.
      let inserted = false
      try {
        inserted = t.insert.run(...values).changes === 1
      } catch (e) {
        return clash(e, null)
      }
      if (inserted) {
        t.counts.new++
        item('new')
        return
      }
      const local = t.select.get(id) as Record<string, unknown>
      const order = compareVersions(incoming, local as unknown as Key)
      if (order === 0) {
        t.counts.unchanged++
        return
      }
      // Concurrent: our row holds a change they had not seen, and theirs one we had not seen.
      const oursUnseen = local.origin === ctx.deviceId && (local.hlc as string) > ackedHlc
      const theirsNew = origin !== ctx.deviceId && hlc > seenHlc
      const concurrent = oursUnseen && theirsNew
      if (order < 0) {
        if (concurrent) {
          t.counts.conflict++
          insertConflict.run(newId(), t.name, id, peer.wilayah_code, 'versi', now, JSON.stringify(local), JSON.stringify(asObject(t, values)))
          item('conflict', 'versi kantor ini menang; versi pengirim disimpan di daftar konflik')
        } else t.counts.unchanged++
        return
      }
      try {
        t.update.run(...values.filter((_, i) => i !== t.at.id), id)
      } catch (e) {
        return clash(e, local)
      }
      const after = asObject(t, values)
      auditStmt.run(newId(), now, user, myCode, t.name, id, JSON.stringify(local), JSON.stringify(after))
      if (concurrent) {
        t.counts.conflict++
        insertConflict.run(newId(), t.name, id, peer.wilayah_code, 'versi', now, JSON.stringify(after), JSON.stringify(local))
        item('conflict', 'versi pengirim menang; versi kantor ini disimpan di daftar konflik')
      } else {
        t.counts.changed++
        item('changed')
      }
    }

    // Decrypt → inflate → split lines → apply, one slice at a time.
    const shared = diffieHellman({ privateKey: checked.boxPrivate, publicKey: publicKeyFromText(m.payload.ephemeralPublicKey, 'x25519') })
    const decipher = createDecipheriv('aes-256-gcm', bundleKey(shared, Buffer.from(m.payload.salt, 'base64'), m.from.code, m.to.code, m.seq), Buffer.from(m.payload.iv, 'base64'))
    let tag = Buffer.alloc(0)
    forEachChunk(file, header.payloadOffset + total - TAG_BYTES, TAG_BYTES, (c) => (tag = Buffer.from(c)))
    decipher.setAuthTag(tag)
    let carry: Buffer = Buffer.alloc(0)
    let inflated = 0
    const onLines = (chunk: Uint8Array) => {
      inflated += chunk.length
      if (inflated > LIMITS.decompressedBytes) throw bundleRefusal.tampered('isi terlalu besar setelah dibuka')
      let buf = carry.length ? Buffer.concat([carry, chunk]) : Buffer.from(chunk.buffer, chunk.byteOffset, chunk.length)
      let start = 0
      for (let nl = buf.indexOf(10, start); nl !== -1; nl = buf.indexOf(10, start)) {
        if (nl - start > LIMITS.lineBytes) throw bundleRefusal.tampered('baris terlalu panjang')
        if (nl > start) {
          const line = buf.toString('utf8', start, nl)
          if (line.charCodeAt(0) === 123 /* { */) startTable(line)
          else applyRow(line)
        }
        start = nl + 1
      }
      buf = buf.subarray(start)
      if (buf.length > LIMITS.lineBytes) throw bundleRefusal.tampered('baris terlalu panjang')
      carry = Buffer.from(buf)
    }
    const inflate = new Inflate((chunk) => onLines(chunk))
    const feed = (data: Uint8Array, final: boolean) => {
      try {
        inflate.push(data, final)
      } catch (e) {
        if (e instanceof AppError) throw e
        throw bundleRefusal.tampered('isi tidak dapat dibuka')
      }
    }
    const cipherLength = total - TAG_BYTES
    progress('menerapkan', 0, 0)
    const slice = 4 * 1024 * 1024
    for (let pos = 0; pos < cipherLength; pos += slice) {
      forEachChunk(file, header.payloadOffset + pos, Math.min(slice, cipherLength - pos), (c) => feed(decipher.update(c), false), 256 * 1024)
      progress('menerapkan', Math.min(cipherLength, pos + slice), rowsSeen)
      if (cancelled()) throw cancelledError()
      await tick()
    }
    try {
      feed(decipher.final(), true)
    } catch (e) {
      if (e instanceof AppError) throw e
      throw bundleRefusal.tampered('kunci atau tanda enkripsi tidak cocok')
    }
    if (carry.length) throw bundleRefusal.tampered('baris terakhir terpotong')

    // The manifest's counts must match what was inside.
    const seen: Record<string, number> = {}
    for (const c of counts.values()) seen[c.table] = c.new + c.changed + c.unchanged + c.refused + c.conflict + c.rejected
    const declared = Object.fromEntries(Object.entries(m.counts).filter(([, n]) => n > 0))
    if (rowsSeen !== m.rows || JSON.stringify(Object.entries(seen).sort()) !== JSON.stringify(Object.entries(declared).sort())) {
      throw bundleRefusal.tampered('jumlah baris tidak cocok dengan manifes')
    }

    const refusedTotal = [...counts.values()].reduce((s, c) => s + c.refused, 0)
    const refusal = refusedTotal
      ? `Bundel ditolak seluruhnya: ${refusedTotal} baris di luar wewenang ${peer.name} (${peer.wilayah_code}): ${refusedNames.join('; ')}${refusedTotal > refusedNames.length ? '; …' : ''}.`
      : null
    if (refusal && !dryRun) throw new AppError('BUNDLE_UNAUTHORISED', `${refusal} Tidak ada data yang diubah.`, { rows: refusedNames })

    if (maxHlc > HLC_ZERO) observeHlc(sqlite, maxHlc)
    const keys = checked.newKeys
    sqlite
      .prepare(
        `UPDATE peer_office SET last_received_seq = ?, pending_rejects = COALESCE(?, pending_rejects),
           sign_public_key = COALESCE(?, sign_public_key), box_public_key = COALESCE(?, box_public_key), fingerprint = COALESCE(?, fingerprint) WHERE id = ?`,
      )
      .run(
        m.seq,
        rejectedItems.length ? JSON.stringify({ sinceSeq: peer.last_sent_seq + 1, items: rejectedItems }) : null,
        keys?.sign ?? null,
        keys?.box ?? null,
        keys ? fingerprint(peer.wilayah_code, keys.sign, keys.box) : null,
        peer.id,
      )
    sqlite
      .prepare(
        `INSERT INTO bundle_log(id, direction, peer_code, seq, file_name, created_at, processed_at, status, high_hlc, rows, size_bytes, counts_json, rejected_json) VALUES (?, 'in', ?, ?, ?, ?, ?, 'diimpor', ?, ?, ?, ?, ?)`,
      )
      .run(newId(), peer.wilayah_code, m.seq, opts.fileName ?? basename(file), m.createdAt, now, m.highHlc, m.rows, header.fileSize, JSON.stringify(m.counts), rejectedItems.length ? JSON.stringify(rejectedItems) : null)

    const tablesOut = [...counts.values()].sort((a, b) => a.table.localeCompare(b.table))
    const totals = tablesOut.reduce(
      (s, c) => ({ new: s.new + c.new, changed: s.changed + c.changed, unchanged: s.unchanged + c.unchanged, refused: s.refused + c.refused, conflict: s.conflict + c.conflict, rejected: s.rejected + c.rejected }),
      { new: 0, changed: 0, unchanged: 0, refused: 0, conflict: 0, rejected: 0 },
    )
    if (dryRun) sqlite.exec('ROLLBACK')
    else sqlite.exec('COMMIT')
    progress('selesai', total, rowsSeen)
    return { dryRun, fileName: opts.fileName ?? basename(file), from: peer.wilayah_code, seq: m.seq, tables: tablesOut, totals, items, itemsTotal, refusal, backupFile }
  } catch (e) {
    if (sqlite.inTransaction) sqlite.exec('ROLLBACK')
    throw e
  }
}
