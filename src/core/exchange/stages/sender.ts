import type { KeyObject } from 'node:crypto'
import { AppError } from '../../../shared/result'
import { msg } from '../../../shared/messages'
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
    throw new AppError('BUNDLE_UNKNOWN_SENDER', msg('bundle.unknownSender', { name: m.from.name, code: m.from.code }))
  }
  if (peer.status === 'revoked') throw new AppError('BUNDLE_REVOKED_SENDER', msg('bundle.revokedSender', { name: peer.name, code: peer.wilayah_code }))
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
    throw new AppError('BUNDLE_WRONG_RECEIVER', msg('bundle.wrongReceiver', { name: m.to.name, code: m.to.code, me: me.wilayahCode }))
  }
  if (m.schemaVersion > ctx.schemaVersion) throw bundleRefusal.newer()
  // A warehouse keeps its record of loaded bundles in PostgreSQL and passes its last sequence.
  assertNotReplayed(opts.lastSeq === undefined ? peer : { name: peer.name, last_received_seq: opts.lastSeq }, m.seq)
  checkClaimedTime(ctx, peer, m.highHlc)
  const boxPrivate = boxKeysById(ctx.dataDir).get(m.to.boxKeyId)
  if (!boxPrivate) {
    throw new AppError('BUNDLE_KEY_UNKNOWN', msg('bundle.keyUnknown'))
  }
  return { header, peer, newKeys, boxPrivate }
}

/** A bundle already imported, or older than one imported, changes nothing. */
export function assertNotReplayed(peer: Pick<PeerRow, 'name' | 'last_received_seq'>, seq: number): void {
  if (seq === peer.last_received_seq) {
    throw new AppError('BUNDLE_ALREADY_IMPORTED', msg('bundle.alreadyImported', { seq, name: peer.name }))
  }
  if (seq < peer.last_received_seq) {
    throw new AppError('BUNDLE_OLDER', msg('bundle.older', { seq, name: peer.name, last: peer.last_received_seq }))
  }
}

export const senderFingerprint = (c: CheckedBundle) => (c.newKeys ? fingerprint(c.peer.wilayah_code, c.newKeys.sign, c.newKeys.box) : c.peer.fingerprint)
