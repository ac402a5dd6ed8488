import type { Statement } from 'better-sqlite3'
import type { Msg } from '../../../shared/messages'
import type { Ctx } from '../../context'
import { HLC_ZERO, formatHlc } from '../../sync/hlc'
import { checkIncoming, emptyTables, officeParty, sectionRowBuilder, type IncomingContext } from '../../write'
import { rowPassesTest, senderParty } from '../../policy'
import { bundleRefusal } from '../format'
import { checkClaimedTime, MAX_CLOCK_SKEW_MS } from './clock'
import { streamRows, type SectionHead, type StreamOptions } from './payload'
import { rowNamer } from '../rowLabel'
import { describeRow, openSection, rowKeys, type RowKeys, type Section } from './section'
import type { CheckedBundle } from './sender'

/** What the policy check found in a bundle, before anything is written. */
export interface RowCheck {
  rows: number
  /** Rows outside the sender's authority: any of them refuses the bundle whole. */
  unauthorised: { table: string; id: string; label: string; reason: Msg }[]
  unauthorisedTotal: number
  /** Every unauthorised row (`table:id`), for the dry run's report. */
  refused: Map<string, Msg>
  /** Row versions (`versionKey`) the sender may write but that fail the row rules: left out and reported back. */
  invalid: Map<string, Msg>
  /** Row versions pointing at rows not here yet: the apply stage checks them once earlier rows are in. */
  unresolved: Set<string>
  maxHlc: string
  /**
   * The sections as read and checked, kept when the bundle is small enough to hold (up to
   * KEEP_ROWS rows, some 40 MB): the apply stage then writes exactly these rows instead of
   * decrypting, inflating and parsing the file a second time. Larger bundles stream twice.
   */
  kept: { head: SectionHead; rows: unknown[][] }[] | null
}

/** Bundles of up to this many rows are held in memory between the check and the apply (a kabupaten bundle: ~10,000; national ones stream twice). */
export const KEEP_ROWS = 100_000

export const rowKey = (table: string, id: string) => `${table}:${id}`
/** One version of a row: a bundle could carry the same id twice, and each version is judged alone. */
export const versionKey = (table: string, k: { id: string; rev: number; hlc: string }) => `${table}:${k.id}:${k.rev}:${k.hlc}`

/**
 * Stage 4 — check each row against the table policy, reading only: its section names a
 * known table and columns, its clock is not ahead of ours, the sender may create or change
 * it in the scope STORED here (an incoming scope never moves a row), and it passes the same
 * schema and rules a local write must. Also proves the manifest's counts.
 */
export interface CheckOptions extends StreamOptions {
  /**
   * Leave `unresolved` empty (the verdict is reached all the same): the warehouse decides every
   * reference in PostgreSQL, and its SQLite holds no row, so nearly every row would be noted.
   */
  skipUnresolved?: boolean
  /**
   * What the caller keeps of the rows the check lets through, made while each row's values are
   * at hand (the warehouse: their CSV lines, and which references the bundle settles itself).
   * With it, `kept` stays null.
   */
  keep?: RowKeeper
}

/** Told of every section as it opens, and of every row the check lets through (valid, or waiting for a reference). */
export interface RowKeeper {
  section(s: Section): void
  row(values: unknown[], keys: RowKeys): void
}

export async function checkRows(ctx: Ctx, file: string, checked: CheckedBundle, opts: CheckOptions = {}): Promise<RowCheck> {
  const noteUnresolved = !opts.skipUnresolved
  const sqlite = ctx.sqlite
  const me = officeParty(sqlite)
  const names = rowNamer(sqlite)
  // With this office as the receiver: a province's bundle to the national office relays rows from below.
  const sender = senderParty(checked.peer, me)
  const m = checked.header.manifest
  const latest = formatHlc(ctx.clock.now().getTime() + MAX_CLOCK_SKEW_MS, 999999)
  const out: RowCheck = { rows: 0, unauthorised: [], unauthorisedTotal: 0, refused: new Map(), invalid: new Map(), unresolved: new Set(), maxHlc: HLC_ZERO, kept: m.rows <= KEEP_ROWS && !opts.keep ? [] : null }
  const keeper = opts.keep
  let keep: unknown[][] | null = null
  const seen = new Map<string, number>()
  // The check stage only reads, so a table empty at its start stays empty to its end.
  const empty = emptyTables(sqlite)
  let cur: { section: Section; stored: Statement | null; toRow: (values: unknown[]) => Record<string, unknown>; complete: IncomingContext; rows: number } | null = null
  // Rows are counted per section and added up when the next one opens (one Map update a section, not a row).
  const count = () => cur && seen.set(cur.section.name, (seen.get(cur.section.name) ?? 0) + cur.rows)
  await streamRows(
    file,
    checked,
    {
      head(h) {
        count()
        const section = openSection(sqlite, h, me)
        seen.set(section.name, seen.get(section.name) ?? 0)
        // Reads only: a table that holds no row yet has no stored version of any of these.
        cur = {
          section,
          stored: empty(section.name) ? null : sqlite.prepare(`SELECT scope, deleted_at FROM "${section.name}" WHERE id = ?`),
          // Each row is built once, as it will be stored (defaults of the columns the bundle lacks included).
          toRow: sectionRowBuilder(sqlite, section.name, section.columns),
          complete: { sent: [...section.hidden].filter((k) => section.columns.includes(k)), empty, said: null, passes: rowPassesTest(sqlite, section.policy, section.hidden) },
          rows: 0,
        }
        if (out.kept) out.kept.push({ head: h, rows: (keep = []) })
        keeper?.section(section)
      },
      row(values) {
        if (!cur) throw bundleRefusal.tampered('baris tanpa tabel')
        const { section: s, stored, toRow, complete } = cur
        const k = rowKeys(s, values)
        cur.rows++
        if (k.hlc > out.maxHlc) out.maxHlc = k.hlc
        keep?.push(values)
        const verdict = checkIncoming(sqlite, s.policy, sender, toRow(values), stored?.get(k.id) as { scope: string; deleted_at: string | null } | undefined, s.hidden, complete)
        if (keeper && (!verdict || verdict.kind === 'unresolved')) keeper.row(values, k)
        if (!verdict) return
        if (verdict.kind === 'unauthorised') {
          if (out.unauthorised.length < 50) out.unauthorised.push({ table: s.name, id: k.id, label: describeRow(s, values, names), reason: verdict.reason })
          out.unauthorisedTotal++
          out.refused.set(rowKey(s.name, k.id), verdict.reason)
        } else if (verdict.kind === 'unresolved') {
          if (noteUnresolved) out.unresolved.add(versionKey(s.name, k))
        }
        else out.invalid.set(versionKey(s.name, k), verdict.reason)
      },
    },
    opts,
  ).then((n) => (out.rows = n))
  count()
  if (out.maxHlc > latest) checkClaimedTime(ctx, checked.peer, out.maxHlc)
  // The manifest's counts must match what was inside.
  const declared = Object.entries(m.counts).filter(([, n]) => n > 0).sort()
  const found = [...seen.entries()].filter(([, n]) => n > 0).sort()
  if (out.rows !== m.rows || JSON.stringify(found) !== JSON.stringify(declared)) throw bundleRefusal.tampered('jumlah baris tidak cocok dengan manifes')
  return out
}
