import type { KeyObject } from 'node:crypto'
import { AppError } from '../../../shared/result'
import type { Ctx } from '../../context'
import { bundleRefusal, type BundleHeader } from '../format'
import { boxKeysById, fingerprint, publicKeyFromText, verifyBytes } from '../keys'
import { followRekeys, peerRow, type PeerRow } from '../peers'
import { checkClaimedTime } from './clock'

export interface CheckedBundle {
  header: BundleHeader
  peer: PeerRow
  /** The sender's keys after following its re-key statements, when they changed. */
  newKeys: { sign: string; box: string } | null
  boxPrivate: KeyObject
}

/**
 * Stage 2 — signature, sender, receiver, replay: every check that needs no decryption, in
 * the order a person would want to hear about them. Throws an AppError with a Bahasa
 * Indonesia message; writes nothing. (The replay check is repeated inside the write
 * transaction, where it is decisive.)
 */
export function checkSender(ctx: Ctx, header: BundleHeader, opts: { lastSeq?: number } = {}): CheckedBundle {
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
  // A warehouse keeps its record of loaded bundles in PostgreSQL and passes its last sequence.
  assertNotReplayed(opts.lastSeq === undefined ? peer : { name: peer.name, last_received_seq: opts.lastSeq }, m.seq)
  checkClaimedTime(ctx, peer, m.highHlc)
  const boxPrivate = boxKeysById(ctx.dataDir).get(m.to.boxKeyId)
  if (!boxPrivate) {
    throw new AppError('BUNDLE_KEY_UNKNOWN', 'Bundel ini dikunci untuk kunci kantor yang tidak ada di komputer ini. Kirim kartu kantor terbaru ke pengirim, lalu minta bundel baru.')
  }
  return { header, peer, newKeys, boxPrivate }
}

/** A bundle already imported, or older than one imported, changes nothing. */
export function assertNotReplayed(peer: Pick<PeerRow, 'name' | 'last_received_seq'>, seq: number): void {
  if (seq === peer.last_received_seq) {
    throw new AppError('BUNDLE_ALREADY_IMPORTED', `Bundel nomor ${seq} dari ${peer.name} sudah pernah diimpor; tidak ada yang perlu dilakukan.`)
  }
  if (seq < peer.last_received_seq) {
    throw new AppError(
      'BUNDLE_OLDER',
      `Bundel nomor ${seq} dari ${peer.name} lebih lama daripada bundel yang sudah diimpor (nomor ${peer.last_received_seq}); isinya sudah termasuk di sana, tidak ada yang perlu dilakukan.`,
    )
  }
}

export const senderFingerprint = (c: CheckedBundle) => (c.newKeys ? fingerprint(c.peer.wilayah_code, c.newKeys.sign, c.newKeys.box) : c.peer.fingerprint)
