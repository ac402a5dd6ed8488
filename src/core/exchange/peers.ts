import { z } from 'zod'
import { levelOfCode, NATIONAL_CODE, OFFICE_CODE_RE, OFFICE_LEVELS, parentCode } from '../../shared/area'
import type { OfficeLevel } from '../../shared/contract/app'
import type { OfficeCardInfo, PeerOffice } from '../../shared/contract/exchange'
import { AppError } from '../../shared/result'
import { msg, type Msg, sayId } from '../../shared/messages'
import type { Ctx } from '../context'
import { getSetting, setSetting } from '../settings'
import { newId } from '../sync/ids'
import { wilayahGet } from '../wilayah/service'
import {
  canonicalJson,
  fingerprint,
  loadKeys,
  normaliseFingerprint,
  publicKeyFromText,
  publicKeyText,
  replaceKeys,
  signBytes,
  verifyBytes,
} from './keys'

/** The file two offices swap once to enrol each other. Self-signed, so a damaged card is noticed. */
const cardSchema = z.object({
  type: z.literal('simpul-kartu-kantor'),
  version: z.literal(1),
  wilayahCode: z.string().regex(OFFICE_CODE_RE),
  name: z.string().min(1).max(200),
  level: z.enum(OFFICE_LEVELS),
  signPublicKey: z.string().min(40).max(200),
  boxPublicKey: z.string().min(40).max(200),
  createdAt: z.string().max(40),
  signature: z.string().max(200),
})
export type OfficeCard = z.infer<typeof cardSchema>

/** A re-key statement: the old signing key vouches for the new keys. Travels in every bundle. */
export const rekeySchema = z.object({
  oldSignPublicKey: z.string().max(200),
  newSignPublicKey: z.string().max(200),
  newBoxPublicKey: z.string().max(200),
  at: z.string().max(40),
  signature: z.string().max(200),
})
export type RekeyStatement = z.infer<typeof rekeySchema>

const REKEY_CHAIN = 'exchange.rekey_chain'

const unsigned = <T extends { signature: string }>(o: T) => Buffer.from(canonicalJson({ ...o, signature: undefined }))

export function makeCard(ctx: Ctx): OfficeCard {
  const office = ctx.requireOffice()
  const keys = loadKeys(ctx.dataDir)
  const body = {
    type: 'simpul-kartu-kantor' as const,
    version: 1 as const,
    wilayahCode: office.wilayahCode,
    name: office.name,
    level: office.level,
    signPublicKey: publicKeyText(keys.signPublic),
    boxPublicKey: publicKeyText(keys.boxPublic),
    createdAt: ctx.clock.now().toISOString(),
    signature: '',
  }
  return { ...body, signature: signBytes(keys.signPrivate, unsigned(body)).toString('base64') }
}

export const cardFileName = (card: OfficeCard) => `kartu-kantor_${card.wilayahCode}.simpulkartu`

export function selfCardInfo(ctx: Ctx): OfficeCardInfo {
  const card = makeCard(ctx)
  return { wilayahCode: card.wilayahCode, name: card.name, level: card.level, fingerprint: fingerprint(card.wilayahCode, card.signPublicKey, card.boxPublicKey) }
}

/** Parses and checks a card file; refuses what is not a card or was altered. */
export function readCard(text: string): OfficeCard & { fingerprint: string } {
  let raw: unknown
  try {
    raw = JSON.parse(text)
  } catch {
    throw new AppError('CARD_INVALID', msg('bundle.cardInvalid'))
  }
  const parsed = cardSchema.safeParse(raw)
  if (!parsed.success) throw new AppError('CARD_INVALID', msg('bundle.cardIncomplete'))
  const card = parsed.data
  let ok = false
  try {
    ok = verifyBytes(publicKeyFromText(card.signPublicKey, 'ed25519'), unsigned(card), Buffer.from(card.signature, 'base64'))
    publicKeyFromText(card.boxPublicKey, 'x25519')
  } catch {
    ok = false
  }
  if (!ok) throw new AppError('CARD_TAMPERED', msg('bundle.cardTampered'))
  return { ...card, fingerprint: fingerprint(card.wilayahCode, card.signPublicKey, card.boxPublicKey) }
}

/**
 * Offices enrol the office directly above and the offices directly below them: the national
 * office its provinces, a province its kabupaten/kota and the national office, a kabupaten its
 * kecamatan and its province, a kecamatan its kabupaten. A card's level must be its code's.
 */
export function relationProblem(me: { wilayahCode: string; level: OfficeLevel }, other: { wilayahCode: string; level: OfficeLevel }): string | null {
  const m = relationProblemMsg(me, other)
  return m && sayId(m)
}

/** The same by key (bundle.relation.*). */
export function relationProblemMsg(me: { wilayahCode: string; level: OfficeLevel }, other: { wilayahCode: string; level: OfficeLevel }): Msg | null {
  const p = { me: me.wilayahCode, other: other.wilayahCode }
  if (other.wilayahCode === me.wilayahCode) return msg('bundle.relation.own')
  if (levelOfCode(other.wilayahCode) !== other.level) return msg('bundle.relation.levelMismatch', { level: msg(`policy.level.${other.level}`), other: other.wilayahCode })
  const below = parentCode(other.wilayahCode) === me.wilayahCode
  const above = parentCode(me.wilayahCode) === other.wilayahCode
  if (me.level === 'nasional') {
    if (!below) return msg('bundle.relation.nasional', p)
  } else if (me.level === 'provinsi' && other.level === 'nasional') {
    if (!above) return msg('bundle.relation.provinsiUp', { ...p, up: NATIONAL_CODE })
  } else if (me.level === 'provinsi') {
    if (other.level !== 'kabupaten' || !below) return msg('bundle.relation.provinsi', p)
  } else if (me.level === 'kabupaten' && other.level === 'provinsi') {
    if (!above) return msg('bundle.relation.kabupatenUp', { ...p, up: me.wilayahCode.split('.')[0] })
  } else if (me.level === 'kabupaten') {
    if (other.level !== 'kecamatan' || !below) return msg('bundle.relation.kabupatenDown', p)
  } else if (other.level !== 'kabupaten' || !above) {
    return msg('bundle.relation.kecamatan', { ...p, up: me.wilayahCode.split('.').slice(0, 2).join('.') })
  }
  return null
}

interface PeerRow {
  id: string
  wilayah_code: string
  name: string
  level: OfficeLevel
  sign_public_key: string
  box_public_key: string
  fingerprint: string
  status: 'active' | 'revoked'
  enrolled_at: string
  revoked_at: string | null
  last_sent_seq: number
  last_received_seq: number
  acked_seq: number
  pending_rejects: string | null
}
export type { PeerRow }

export function peerRow(ctx: Ctx, code: string): PeerRow | null {
  return (ctx.sqlite.prepare('SELECT * FROM peer_office WHERE wilayah_code = ?').get(code) as PeerRow | undefined) ?? null
}

const toPeer = (r: PeerRow): PeerOffice => ({
  wilayahCode: r.wilayah_code,
  name: r.name,
  level: r.level,
  fingerprint: r.fingerprint,
  status: r.status,
  enrolledAt: r.enrolled_at,
  revokedAt: r.revoked_at,
  lastSentSeq: r.last_sent_seq,
  lastReceivedSeq: r.last_received_seq,
  ackedSeq: r.acked_seq,
})

export function listPeers(ctx: Ctx): PeerOffice[] {
  return (ctx.sqlite.prepare('SELECT * FROM peer_office ORDER BY wilayah_code').all() as PeerRow[]).map(toPeer)
}

/** Accepts a card only when the fingerprint read over the phone matches it. */
export function enrolOffice(ctx: Ctx, cardText: string, typedFingerprint: string): PeerOffice {
  const me = ctx.requireOffice()
  const card = readCard(cardText)
  const typed = normaliseFingerprint(typedFingerprint)
  if (typed !== card.fingerprint) {
    throw new AppError('FINGERPRINT_MISMATCH', msg('bundle.fingerprintMismatch', { card: card.fingerprint, typed: typed || msg('bundle.empty') }))
  }
  const problem = relationProblemMsg(me, card)
  if (problem) throw new AppError('CARD_RELATION', problem)
  if (!wilayahGet(ctx.sqlite, card.wilayahCode)) throw new AppError('WILAYAH_UNKNOWN', msg('bundle.wilayahUnknown', { code: card.wilayahCode }))
  const existing = peerRow(ctx, card.wilayahCode)
  const now = ctx.clock.now().toISOString()
  if (!existing) {
    ctx.sqlite
      .prepare(
        `INSERT INTO peer_office(id, wilayah_code, name, level, sign_public_key, box_public_key, fingerprint, status, enrolled_at) VALUES (?, ?, ?, ?, ?, ?, ?, 'active', ?)`,
      )
      .run(newId(), card.wilayahCode, card.name, card.level, card.signPublicKey, card.boxPublicKey, card.fingerprint, now)
  } else {
    const sameKeys = existing.sign_public_key === card.signPublicKey && existing.box_public_key === card.boxPublicKey
    // New keys by enrolment means a new install over there: its bundle numbers start again.
    ctx.sqlite
      .prepare(
        `UPDATE peer_office SET name = ?, sign_public_key = ?, box_public_key = ?, fingerprint = ?, status = 'active', revoked_at = NULL, enrolled_at = ?,
           last_received_seq = CASE WHEN ? THEN last_received_seq ELSE 0 END, acked_seq = CASE WHEN ? THEN acked_seq ELSE 0 END WHERE id = ?`,
      )
      .run(card.name, card.signPublicKey, card.boxPublicKey, card.fingerprint, now, sameKeys ? 1 : 0, sameKeys ? 1 : 0, existing.id)
  }
  return toPeer(peerRow(ctx, card.wilayahCode)!)
}

export function revokeOffice(ctx: Ctx, code: string): PeerOffice {
  const peer = peerRow(ctx, code)
  if (!peer) throw new AppError('PEER_UNKNOWN', msg('bundle.peerUnknown', { code }))
  ctx.sqlite.prepare(`UPDATE peer_office SET status = 'revoked', revoked_at = ? WHERE id = ?`).run(ctx.clock.now().toISOString(), peer.id)
  return toPeer(peerRow(ctx, code)!)
}

/** New key pairs for this office; the old signing key vouches for them in every later bundle. */
export function rekeySelf(ctx: Ctx): OfficeCardInfo {
  ctx.requireOffice()
  const { previous, current } = replaceKeys(ctx.dataDir, ctx.clock)
  const body = {
    oldSignPublicKey: publicKeyText(previous.signPublic),
    newSignPublicKey: publicKeyText(current.signPublic),
    newBoxPublicKey: publicKeyText(current.boxPublic),
    at: ctx.clock.now().toISOString(),
    signature: '',
  }
  const statement = { ...body, signature: signBytes(previous.signPrivate, unsigned(body)).toString('base64') }
  setSetting(ctx.sqlite, REKEY_CHAIN, JSON.stringify([...rekeyChain(ctx), statement]))
  return selfCardInfo(ctx)
}

export function rekeyChain(ctx: Ctx): RekeyStatement[] {
  const text = getSetting(ctx.sqlite, REKEY_CHAIN)
  return text ? (JSON.parse(text) as RekeyStatement[]) : []
}

/**
 * Follows a sender's re-key statements from the signing key we know to its newest keys.
 * Returns null when the chain does not start at (or pass through) the known key.
 */
export function followRekeys(knownSign: string, chain: RekeyStatement[]): { sign: string; box: string } | null {
  let sign = knownSign
  let box: string | null = null
  for (const s of chain) {
    if (s.oldSignPublicKey !== sign) continue
    let ok = false
    try {
      ok = verifyBytes(publicKeyFromText(s.oldSignPublicKey, 'ed25519'), unsigned(s), Buffer.from(s.signature, 'base64'))
    } catch {
      ok = false
    }
    if (!ok) return null
    sign = s.newSignPublicKey
    box = s.newBoxPublicKey
  }
  return box ? { sign, box } : null
}
