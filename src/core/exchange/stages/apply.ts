import type { Statement } from 'better-sqlite3'
import type { ImportItem, TableCounts } from '../../../shared/contract/exchange'
import { AppError } from '../../../shared/result'
import type { Ctx } from '../../context'
import { abandonBulk, beginBulk } from '../../db/bulk'
import { commitDeferringCheckpoint } from '../../db/checkpoint'
import { environmentFailure } from '../../failures'
import { columnsOf, maskSql, refusal, senderParty, travels, type Party } from '../../policy'
import { HLC_ZERO, observeHlc } from '../../sync/hlc'
import { newId } from '../../sync/ids'
import { audit, officeParty, referenceProblem, type AuditSource } from '../../write'
import { bundleRefusal } from '../format'
import { peerRow } from '../peers'
import { rowKey, versionKey, type RowCheck } from './check'
import { cancelledError, streamRows, type RowSink, type SectionHead, type StreamOptions } from './payload'
import { takeReceipt, recordReceipt } from './receipt'
import { asObject, describeObject, describeRow, keptRowKeys, openSection, rowKeys, type RowKeys, type Section } from './section'
import { assertNotReplayed, type CheckedBundle } from './sender'
import { rowNamer } from '../rowLabel'
import { msg, sayId, type Msg } from '../../../shared/messages'

/** From this many rows on a bundle applies in bulk mode (src/core/db/bulk.ts); a monthly delta stays row by row. */
export const bulkApply = { minRows: 1000 }

/**
 * Tables the bundle brings at least as many rows of as are here (a first kabupaten or national
 * bundle): building their secondary indexes once after the rows costs less than keeping them
 * up to date row by row. The manifest names only tables with a policy here (checked before).
 */
function doublingTables(ctx: Ctx, counts: Record<string, number>): string[] {
  return Object.entries(counts)
    .filter(([t, n]) => n >= bulkApply.minRows && travels(t))
    .filter(([t, n]) => n >= (ctx.sqlite.prepare(`SELECT count(*) AS n FROM "${t}"`).get() as { n: number }).n)
    .map(([t]) => t)
}

type Key = { rev: number; hlc: string; origin: string }
/** The one order every office agrees on: higher rev, then later hlc, then origin id. */
export function compareVersions(a: Key, b: Key): number {
  if (a.rev !== b.rev) return a.rev < b.rev ? -1 : 1
  if (a.hlc !== b.hlc) return a.hlc < b.hlc ? -1 : 1
  if (a.origin !== b.origin) return a.origin < b.origin ? -1 : 1
  return 0
}

export interface ApplyOptions extends StreamOptions {
  dryRun: boolean
  /** Rows the operator chose to leave out (`table:id`). */
  reject: Set<string>
  itemsCap: number
  fileName: string
}

export interface ApplyResult {
  counts: TableCounts[]
  items: ImportItem[]
  itemsTotal: number
  rejected: { table: string; id: string }[]
}

/** A database rule's (trigger's) refusal by key: the triggers write fixed Indonesian sentences (drizzle/). */
function triggerMsg(message: string): Msg {
  if (message.startsWith('Daftar honor sudah final')) return msg('honor.frozen')
  if (message.startsWith('EVALUATION_LOCKED')) return msg('bundle.trigger.locked')
  if (message.startsWith('REPORT_ACCEPTED')) return msg('bundle.trigger.accepted')
  return msg('text.loc', { text: message })
}

const emptyCounts = (s: Section): TableCounts => ({ table: s.name, label: s.policy.label.id, new: 0, changed: 0, unchanged: 0, refused: 0, conflict: 0, rejected: 0, withdrawn: 0 })

/**
 * Stage 7 — apply in one `BEGIN IMMEDIATE` transaction, or not at all. Inside it: the
 * replay check (two processes importing one bundle record it once), the sender's receipt,
 * every data row by the shared version order (losers of concurrent edits kept in
 * exchange_conflict), then the rows that are rules for others (locks, final lists), then
 * the withdrawal of rows no longer granted to us, then our receipt. A dry run (stage 5,
 * the plan) is this same work rolled back, so its counts are exactly what apply does.
 */
export async function applyBundle(ctx: Ctx, file: string, checked: CheckedBundle, check: RowCheck, opts: ApplyOptions): Promise<ApplyResult> {
  const sqlite = ctx.sqlite
  const m = checked.header.manifest
  const me = officeParty(sqlite)
  const sender: Party = senderParty(checked.peer, me)
  const now = ctx.clock.now().toISOString()
  const counts = new Map<string, TableCounts>()
  const items: ImportItem[] = []
  let itemsTotal = 0
  const rejected: { table: string; id: string }[] = []
  const user: AuditSource = { sourceOffice: checked.peer.wilayah_code, bundleId: `${checked.peer.wilayah_code}#${m.seq}` }

  sqlite.exec('BEGIN IMMEDIATE')
  // A large bundle applies in bulk mode: search-index triggers suspended and the touched rows
  // re-indexed once before the commit, audit entries batched; all inside this transaction.
  const bulk = m.rows >= bulkApply.minRows ? beginBulk(sqlite, Object.keys(m.counts).filter((t) => m.counts[t] > 0), { rebuildIndexes: doublingTables(ctx, m.counts) }) : null
  try {
    // Decisive replay check: another process may have imported this bundle meanwhile.
    const peer = peerRow(ctx, checked.peer.wilayah_code)!
    assertNotReplayed(peer, m.seq)
    const { ackedHlc, seenHlc } = takeReceipt(sqlite, peer, checked)

    const names = rowNamer(sqlite)
    const insertConflict = sqlite.prepare(
      `INSERT INTO exchange_conflict(id, table_name, row_id, peer_code, kind, detected_at, winner_json, loser_json, status) VALUES (?, ?, ?, ?, ?, ?, ?, ?, 'terbuka')`,
    )
    interface Cur {
      s: Section
      c: TableCounts
      select: Statement
      insert: Statement
      update: Statement
      /** names.label for this section's rows */
      label: (row: Record<string, unknown>, given: string) => string
    }
    const prepared = new Map<string, Omit<Cur, 's' | 'c' | 'label'>>()
    const open = (s: Section): Cur => {
      let c = counts.get(s.name)
      if (!c) counts.set(s.name, (c = emptyCounts(s)))
      const key = `${s.name}|${s.columns.join(',')}`
      let p = prepared.get(key)
      if (!p) {
        const q = (k: string) => `"${k}"`
        const sets = s.columns.filter((k) => k !== 'id')
        p = {
          select: sqlite.prepare(`SELECT * FROM ${q(s.name)} WHERE id = ?`),
          insert: sqlite.prepare(`INSERT INTO ${q(s.name)} (${s.columns.map(q).join(', ')}) VALUES (${s.columns.map(() => '?').join(', ')}) ON CONFLICT(id) DO NOTHING`),
          update: sqlite.prepare(`UPDATE ${q(s.name)} SET ${sets.map((k) => `${q(k)} = ?`).join(', ')} WHERE id = ?`),
        }
        prepared.set(key, p)
      }
      return { s, c, ...p, label: names.labelFor(s.columns) }
    }
    // Helpers made once per apply, not per row (closures per row cost more than a row's map lookups).
    const item = (t: Cur, values: unknown[], k: RowKeys, action: ImportItem['action'], why: Msg | null = null) => {
      itemsTotal++
      if (items.length >= opts.itemsCap) return
      // Named for people (posyandu and persons by name, wilayah by name), only for the rows reported.
      const row = asObject(t.s, values)
      items.push({ table: t.s.name, tableLabel: t.s.policy.label.id, id: k.id, action, scope: k.scope, note: why && sayId(why), ...(why ? { noteMsg: why } : {}), label: t.label(row, describeObject(t.s, row)), scopeName: names.scopeName(k.scope) })
    }
    const leaveOut = (t: Cur, values: unknown[], k: RowKeys, why: Msg) => {
      t.c.rejected++
      rejected.push({ table: t.s.name, id: k.id })
      item(t, values, k, 'rejected', why)
    }
    const clash = (t: Cur, values: unknown[], k: RowKeys, e: unknown, winner: Record<string, unknown> | null) => {
      const code = (e as { code?: string }).code ?? ''
      // A rule of this database (a locked evaluation year, a final honor list) refuses the row:
      // leave it out, import the rest, and report it back in the receipt.
      if (code === 'SQLITE_CONSTRAINT_TRIGGER') return leaveOut(t, values, k, msg('bundle.note.dataRule', { why: triggerMsg((e as Error).message) }))
      if (code !== 'SQLITE_CONSTRAINT_UNIQUE') {
        // A full disk or a database held elsewhere is not the row's fault: say that (core/failures.ts).
        if (environmentFailure(e)) throw e
        const label = describeRow(t.s, values, names)
        throw new AppError('BUNDLE_ROW_INVALID', msg('bundle.rowInvalid', { table: t.s.policy.label, label: label ? ` "${label}"` : '', why: (e instanceof AppError && e.msg) || (e as Error).message }))
      }
      t.c.conflict++
      insertConflict.run(newId(), t.s.name, k.id, checked.peer.wilayah_code, 'unik', now, winner ? JSON.stringify(winner) : null, JSON.stringify(asObject(t.s, values)))
      item(t, values, k, 'conflict', msg('bundle.note.unique'))
    }
    // Most rows meet empty sets here: build their keys only when there is something to look up.
    const refusedRows = check.refused.size > 0
    const rejectedRows = opts.reject.size > 0
    const judgedVersions = check.invalid.size > 0 || check.unresolved.size > 0

    // Rows the check stage kept are the very arrays whose keys it proved (rowKeys), so they are only read again.
    const keysOf = check.kept ? keptRowKeys : rowKeys
    const applyRow = (t: Cur, values: unknown[]) => {
      const k = keysOf(t.s, values)
      if (refusedRows || rejectedRows) {
        const outside = refusedRows ? check.refused.get(rowKey(t.s.name, k.id)) : undefined
        if (outside !== undefined) {
          t.c.refused++
          return item(t, values, k, 'refused', msg('bundle.note.outside', { code: checked.peer.wilayah_code, why: outside }))
        }
        if (rejectedRows && opts.reject.has(rowKey(t.s.name, k.id))) return leaveOut(t, values, k, msg('bundle.note.operator'))
      }
      if (judgedVersions) {
        const version = versionKey(t.s.name, k)
        const invalid = check.invalid.get(version)
        if (invalid) return leaveOut(t, values, k, msg('bundle.note.invalid', { why: invalid }))
        if (check.unresolved.has(version)) {
          const ref = referenceProblem(sqlite, t.s.policy, asObject(t.s, values))
          if (ref && ref !== 'unknown') {
            throw new AppError('BUNDLE_UNAUTHORISED', msg('bundle.refusedRowRef', { table: t.s.policy.label, label: describeRow(t.s, values, names), ref }))
          }
        }
      }
      // Most rows of a first bundle are new: try the insert first, look up only on a clash of ids.
      let inserted = false
      try {
        inserted = t.insert.run(values).changes === 1
      } catch (e) {
        return clash(t, values, k, e, null)
      }
      if (inserted) {
        t.c.new++
        return item(t, values, k, 'new')
      }
      const local = t.select.get(k.id) as Record<string, unknown> & Key & { scope: string }
      // The check stage judged authority on the stored row; the transaction makes sure it still stands.
      if (local.scope !== k.scope || refusal(t.s.policy, sender, local.scope, 'change')) {
        throw new AppError('BUNDLE_UNAUTHORISED', msg('bundle.refusedRowSender', { table: t.s.policy.label, label: describeRow(t.s, values, names) }))
      }
      const order = compareVersions(k, local)
      if (order === 0) {
        t.c.unchanged++
        return
      }
      // Concurrent: our row holds a change they had not seen, and theirs one we had not seen.
      const concurrent = local.origin === ctx.deviceId && local.hlc > ackedHlc && k.origin !== ctx.deviceId && k.hlc > seenHlc
      if (order < 0) {
        if (concurrent) {
          t.c.conflict++
          insertConflict.run(newId(), t.s.name, k.id, checked.peer.wilayah_code, 'versi', now, JSON.stringify(local), JSON.stringify(asObject(t.s, values)))
          item(t, values, k, 'conflict', msg('bundle.note.oursWins'))
        } else t.c.unchanged++
        return
      }
      try {
        t.update.run(...values.filter((_, i) => i !== t.s.at.id), k.id)
      } catch (e) {
        return clash(t, values, k, e, local)
      }
      const after = asObject(t.s, values)
      audit(ctx, t.s.name, k.id, 'import', local, after, user)
      if (concurrent) {
        t.c.conflict++
        insertConflict.run(newId(), t.s.name, k.id, checked.peer.wilayah_code, 'versi', now, JSON.stringify(after), JSON.stringify(local))
        item(t, values, k, 'conflict', msg('bundle.note.theirsWins'))
      } else {
        t.c.changed++
        item(t, values, k, 'changed')
      }
    }

    // Rows that are rules for other rows wait until the data they govern is in.
    const later: { t: Cur; values: unknown[] }[] = []
    const complete = new Map<string, { s: Section; ids: Set<string> }>()
    const sections = new Map<string, Section>()
    let cur: Cur | null = null
    const sink: RowSink = {
      head(h) {
        const s = openSection(sqlite, h, me)
        sections.set(s.name, s)
        cur = open(s)
        if (s.complete && !complete.has(s.name)) complete.set(s.name, { s, ids: new Set() })
      },
      row(values) {
        const t = cur as Cur | null
        if (!t) throw bundleRefusal.tampered('baris tanpa tabel')
        if (t.s.complete) complete.get(t.s.name)!.ids.add(String(values[t.s.at.id]))
        if (t.s.policy.appliesAfterData) later.push({ t, values })
        else applyRow(t, values)
      },
    }
    // The rows the check stage read and kept (a small bundle), else the file once more.
    if (check.kept) await replayRows(check.kept, sink, m.payload.size, opts)
    else await streamRows(file, checked, sink, opts)
    for (const { t, values } of later) applyRow(t, values)
    for (const { s, ids } of complete.values()) withdraw(ctx, s, ids, sender, me, counts.get(s.name)!, user)
    for (const s of sections.values()) if (s.hidden.size) scrubHidden(ctx, s, sender, me)

    if (check.maxHlc > HLC_ZERO) observeHlc(sqlite, check.maxHlc)
    recordReceipt(ctx, peer, checked, rejected, opts.fileName, file)
    if (opts.dryRun) sqlite.exec('ROLLBACK') // the suspended triggers come back with the rollback
    else {
      bulk?.finish()
      // A bulk apply writes thousands of pages: the copy back into the file waits until the import has answered.
      if (bulk) commitDeferringCheckpoint(sqlite)
      else sqlite.exec('COMMIT')
    }
    // (table names are ASCII identifiers: compared by code unit, which needs no ICU collator — some 7 ms the first time)
    return { counts: [...counts.values()].sort((a, b) => (a.table < b.table ? -1 : a.table > b.table ? 1 : 0)), items, itemsTotal, rejected }
  } catch (e) {
    if (sqlite.inTransaction) sqlite.exec('ROLLBACK')
    throw e
  } finally {
    if (bulk) abandonBulk(sqlite)
  }
}

/**
 * Hands kept sections to the sink as streamRows would, in slices: progress, cancel and a
 * turn of the event loop between slices, so a long apply still reports and can be stopped.
 */
async function replayRows(kept: { head: SectionHead; rows: unknown[][] }[], sink: RowSink, totalBytes: number, opts: StreamOptions): Promise<void> {
  const total = kept.reduce((n, s) => n + s.rows.length, 0)
  const SLICE = 5000
  let done = 0
  for (const section of kept) {
    sink.head(section.head)
    for (let i = 0; i < section.rows.length; i += SLICE) {
      const end = Math.min(i + SLICE, section.rows.length)
      for (let j = i; j < end; j++) sink.row(section.rows[j])
      done += end - i
      opts.progress?.(Math.round((totalBytes * done) / Math.max(1, total)), done)
      if (opts.cancelled?.()) throw cancelledError()
      await new Promise<void>((r) => setImmediate(r))
      await opts.drain?.()
    }
  }
}

/**
 * Rows of the sender's that it no longer grants us (a pendamping moved to another
 * kecamatan, honor lines from before data minimisation) are removed here — only rows the
 * sender may write and we may not, so no bundle can remove what this office owns. The
 * sender's own copy is untouched. The audit entry names the row but keeps no content.
 */
function withdraw(ctx: Ctx, s: Section, keep: Set<string>, sender: Party, me: Party, c: TableCounts, user: AuditSource) {
  const sqlite = ctx.sqlite
  const held = sqlite.prepare(`SELECT id, scope FROM "${s.name}"`).all() as { id: string; scope: string }[]
  const gone = held.filter((r) => !keep.has(r.id) && !refusal(s.policy, sender, r.scope, 'change') && refusal(s.policy, me, r.scope, 'change'))
  if (!gone.length) return
  const del = sqlite.prepare(`DELETE FROM "${s.name}" WHERE id = ?`)
  // The frozen-list triggers let a withdrawal through (0009_write_path.sql); nothing else does.
  sqlite.prepare(`INSERT INTO meta(key, value) VALUES ('withdrawing', '1') ON CONFLICT(key) DO UPDATE SET value = '1'`).run()
  // Earlier audit entries of a withdrawn row hold its content (a NIK, an account): it goes too.
  const scrub = sqlite.prepare(`UPDATE audit_log SET before_json = NULL, after_json = NULL WHERE table_name = ? AND row_id = ?`)
  for (const r of gone) {
    del.run(r.id)
    scrub.run(s.name, r.id)
    audit(ctx, s.name, r.id, 'withdraw', null, null, user)
  }
  sqlite.prepare(`DELETE FROM meta WHERE key = 'withdrawing'`).run()
  c.withdrawn += gone.length
}

/**
 * Columns this office is not granted are emptied in every copy it holds of the sender's
 * rows — also copies an older Simpul sent whole, whose version the sender has not changed
 * since. A local scrub of a copy: no new revision, nothing travels. Earlier audit entries of
 * those rows lose their content for the same reason.
 */
function scrubHidden(ctx: Ctx, s: Section, sender: Party, me: Party) {
  const sqlite = ctx.sqlite
  const cols = columnsOf(sqlite, s.name).filter((c) => s.hidden.has(c.name))
  const dirty = cols.map((c) => `"${c.name}" IS NOT ${maskSql(c)}`).join(' OR ')
  const held = sqlite.prepare(`SELECT id, scope FROM "${s.name}" WHERE ${dirty}`).all() as { id: string; scope: string }[]
  const ours = held.filter((r) => !refusal(s.policy, sender, r.scope, 'change') && refusal(s.policy, me, r.scope, 'change'))
  if (!ours.length) return
  const update = sqlite.prepare(`UPDATE "${s.name}" SET ${cols.map((c) => `"${c.name}" = ${maskSql(c)}`).join(', ')} WHERE id = ?`)
  const scrub = sqlite.prepare(`UPDATE audit_log SET before_json = NULL, after_json = NULL WHERE table_name = ? AND row_id = ?`)
  for (const r of ours) {
    update.run(r.id)
    scrub.run(s.name, r.id)
  }
}
