import type Database from 'better-sqlite3'
import { basename } from 'node:path'
import type { Ctx } from '../../context'
import { HLC_ZERO } from '../../sync/hlc'
import { newId } from '../../sync/ids'
import { fingerprint } from '../keys'
import type { PeerRow } from '../peers'
import type { CheckedBundle } from './sender'

const highHlcOf = (sqlite: Database.Database, direction: 'in' | 'out', peer: string, seq: number) =>
  seq
    ? ((sqlite.prepare(`SELECT high_hlc FROM bundle_log WHERE direction = ? AND peer_code = ? AND seq = ?`).get(direction, peer, seq) as { high_hlc: string } | undefined)?.high_hlc ?? HLC_ZERO)
    : HLC_ZERO

/**
 * Stage 8a — take the sender's receipt of OUR bundles: what it acknowledged (so the next
 * bundle starts after it) and which of our rows its operator or its rules rejected.
 * Returns the clocks that tell a concurrent edit from an old one.
 */
export function takeReceipt(sqlite: Database.Database, peer: PeerRow, checked: CheckedBundle): { ackedHlc: string; seenHlc: string } {
  const m = checked.header.manifest
  if (m.ack > peer.acked_seq) sqlite.prepare('UPDATE peer_office SET acked_seq = ? WHERE id = ?').run(Math.min(m.ack, peer.last_sent_seq), peer.id)
  sqlite.prepare(`UPDATE bundle_log SET status = 'diterima' WHERE direction = 'out' AND peer_code = ? AND seq <= ? AND status = 'dibuat'`).run(peer.wilayah_code, m.ack)
  if (m.rejected.length) {
    sqlite.prepare(`UPDATE bundle_log SET rejected_json = ? WHERE direction = 'out' AND peer_code = ? AND seq = ?`).run(JSON.stringify(m.rejected), peer.wilayah_code, m.ack)
  }
  const pending = peer.pending_rejects ? (JSON.parse(peer.pending_rejects) as { sinceSeq: number }) : null
  if (pending && m.ack >= pending.sinceSeq) sqlite.prepare('UPDATE peer_office SET pending_rejects = NULL WHERE id = ?').run(peer.id)
  const ackedSeq = Math.max(peer.acked_seq, Math.min(m.ack, peer.last_sent_seq))
  return { ackedHlc: highHlcOf(sqlite, 'out', peer.wilayah_code, ackedSeq), seenHlc: highHlcOf(sqlite, 'in', peer.wilayah_code, peer.last_received_seq) }
}

/**
 * Stage 8b — record OUR receipt of this bundle: its sequence (replays are refused from now
 * on), the rows we rejected (they travel back in our next bundle), the sender's new keys,
 * and the history entry.
 */
export function recordReceipt(ctx: Ctx, peer: PeerRow, checked: CheckedBundle, rejected: { table: string; id: string }[], fileName: string, file: string): void {
  const m = checked.header.manifest
  const keys = checked.newKeys
  ctx.sqlite
    .prepare(
      `UPDATE peer_office SET last_received_seq = ?, pending_rejects = COALESCE(?, pending_rejects),
         sign_public_key = COALESCE(?, sign_public_key), box_public_key = COALESCE(?, box_public_key), fingerprint = COALESCE(?, fingerprint) WHERE id = ?`,
    )
    .run(
      m.seq,
      rejected.length ? JSON.stringify({ sinceSeq: peer.last_sent_seq + 1, items: rejected }) : null,
      keys?.sign ?? null,
      keys?.box ?? null,
      keys ? fingerprint(peer.wilayah_code, keys.sign, keys.box) : null,
      peer.id,
    )
  ctx.sqlite
    .prepare(
      `INSERT INTO bundle_log(id, direction, peer_code, seq, file_name, created_at, processed_at, status, high_hlc, rows, size_bytes, counts_json, rejected_json) VALUES (?, 'in', ?, ?, ?, ?, ?, 'diimpor', ?, ?, ?, ?, ?)`,
    )
    .run(
      newId(),
      peer.wilayah_code,
      m.seq,
      fileName || basename(file),
      m.createdAt,
      ctx.clock.now().toISOString(),
      m.highHlc,
      m.rows,
      checked.header.fileSize,
      JSON.stringify(m.counts),
      rejected.length ? JSON.stringify(rejected) : null,
    )
}
