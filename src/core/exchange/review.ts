import type { BundleLogEntry, ConflictEntry } from '../../shared/contract/exchange'
import { AppError } from '../../shared/result'
import { msg } from '../../shared/messages'
import type { Ctx } from '../context'
import { getRow, insertRow, updateRow } from '../db/rows'
import { travellingTables } from './tables'

interface LogRow {
  id: string
  direction: 'out' | 'in'
  peer_code: string
  peer_name: string | null
  seq: number
  file_name: string
  created_at: string
  processed_at: string
  status: BundleLogEntry['status']
  rows: number
  size_bytes: number
  counts_json: string
  rejected_json: string | null
}

/** Bundles sent and received, newest first. */
export function bundleHistory(ctx: Ctx, limit = 200): BundleLogEntry[] {
  const rows = ctx.sqlite
    .prepare(`SELECT b.*, p.name AS peer_name FROM bundle_log b LEFT JOIN peer_office p ON p.wilayah_code = b.peer_code ORDER BY b.processed_at DESC, b.seq DESC LIMIT ?`)
    .all(limit) as LogRow[]
  return rows.map((r) => ({
    id: r.id,
    direction: r.direction,
    peerCode: r.peer_code,
    peerName: r.peer_name,
    seq: r.seq,
    fileName: r.file_name,
    createdAt: r.created_at,
    processedAt: r.processed_at,
    status: r.status,
    rows: r.rows,
    sizeBytes: r.size_bytes,
    counts: JSON.parse(r.counts_json) as Record<string, number>,
    rejected: r.rejected_json ? (JSON.parse(r.rejected_json) as { table: string; id: string }[]) : [],
  }))
}

interface ConflictRow {
  id: string
  table_name: string
  row_id: string
  peer_code: string
  kind: 'versi' | 'unik'
  detected_at: string
  winner_json: string | null
  loser_json: string
  status: ConflictEntry['status']
}

const toEntry = (r: ConflictRow): ConflictEntry => ({
  id: r.id,
  table: r.table_name,
  rowId: r.row_id,
  peerCode: r.peer_code,
  kind: r.kind,
  detectedAt: r.detected_at,
  status: r.status,
  winner: r.winner_json ? (JSON.parse(r.winner_json) as Record<string, unknown>) : null,
  loser: JSON.parse(r.loser_json) as Record<string, unknown>,
})

export function listConflicts(ctx: Ctx, status?: ConflictEntry['status']): ConflictEntry[] {
  const rows = status
    ? ctx.sqlite.prepare('SELECT * FROM exchange_conflict WHERE status = ? ORDER BY detected_at DESC, id').all(status)
    : ctx.sqlite.prepare('SELECT * FROM exchange_conflict ORDER BY detected_at DESC, id').all()
  return (rows as ConflictRow[]).map(toEntry)
}

function openConflict(ctx: Ctx, id: string): ConflictRow {
  const row = ctx.sqlite.prepare('SELECT * FROM exchange_conflict WHERE id = ?').get(id) as ConflictRow | undefined
  if (!row) throw new AppError('NOT_FOUND', msg('notFound.conflict'))
  if (row.status !== 'terbuka') throw new AppError('CONFLICT_CLOSED', msg('bundle.conflictClosed'))
  return row
}

const META = new Set(['id', 'scope', 'rev', 'hlc', 'origin', 'created_at', 'updated_at'])

/** Makes the losing version the current one again, as a new local change that travels. */
export function reapplyConflict(ctx: Ctx, id: string): ConflictEntry {
  const c = openConflict(ctx, id)
  if (!travellingTables(ctx.sqlite).has(c.table_name)) throw new AppError('NOT_FOUND', msg('bundle.tableUnknown', { table: c.table_name }))
  const loser = JSON.parse(c.loser_json) as Record<string, unknown>
  const patch = Object.fromEntries(Object.entries(loser).filter(([k]) => !META.has(k)))
  ctx.sqlite.transaction(() => {
    if (getRow(ctx.sqlite, c.table_name, c.row_id)) updateRow(ctx, c.table_name, c.row_id, patch)
    else insertRow(ctx, c.table_name, patch, { id: c.row_id, scope: String(loser.scope) })
    ctx.sqlite.prepare(`UPDATE exchange_conflict SET status = 'diterapkan', resolved_at = ? WHERE id = ?`).run(ctx.clock.now().toISOString(), id)
  })()
  return toEntry(ctx.sqlite.prepare('SELECT * FROM exchange_conflict WHERE id = ?').get(id) as ConflictRow)
}

export function dismissConflict(ctx: Ctx, id: string): ConflictEntry {
  openConflict(ctx, id)
  ctx.sqlite.prepare(`UPDATE exchange_conflict SET status = 'diabaikan', resolved_at = ? WHERE id = ?`).run(ctx.clock.now().toISOString(), id)
  return toEntry(ctx.sqlite.prepare('SELECT * FROM exchange_conflict WHERE id = ?').get(id) as ConflictRow)
}
