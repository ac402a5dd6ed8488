import { createCipheriv, createHash, diffieHellman, generateKeyPairSync, hkdfSync, randomBytes } from 'node:crypto'
import { closeSync, openSync, renameSync, rmSync, statSync, writeSync } from 'node:fs'
import { join } from 'node:path'
import { Deflate } from 'fflate'
import type { ExportResult } from '../../shared/contract/exchange'
import { AppError } from '../../shared/result'
import { msg } from '../../shared/messages'
import { isoDate } from '../clock'
import { APP_VERSION, type Ctx } from '../context'
import { ensurePrivateDir } from '../paths'
import { HLC_ZERO } from '../sync/hlc'
import { newId } from '../sync/ids'
import { encodeHead, forEachChunk, FORMAT_VERSION, type Manifest } from './format'
import { keyId, loadKeys, publicKeyFromText, publicKeyText, signBytes } from './keys'
import { peerRow, rekeyChain } from './peers'
import { refreshForProvince } from '../province/counts'
import { columnsOf, grantTo, hiddenColumns, levelBelow, levelOf, maskSql, TABLE_POLICIES, type Party, type TablePolicy } from '../policy'
import { officeParty } from '../write'
import { isBelow, NATIONAL_CODE, OFFICE_LEVELS } from '../../shared/area'
import { reportProgress, throwIfCancelled } from '../jobs'

/** The key for one bundle: ephemeral X25519 with the receiver's key, through HKDF-SHA256. */
export function bundleKey(shared: Buffer, salt: Buffer, from: string, to: string, seq: number): Buffer {
  return Buffer.from(hkdfSync('sha256', shared, salt, `simpul-bundle-v${FORMAT_VERSION}|${from}|${to}|${seq}`, 32))
}

export const bundleFileName = (from: string, to: string, date: Date, seq: number) => `simpul_${from}_${to}_${isoDate(date)}_${seq}.simpul`

function readHlcLast(ctx: Ctx): string {
  return (ctx.sqlite.prepare(`SELECT value FROM meta WHERE key = 'hlc_last'`).get() as { value: string } | undefined)?.value ?? HLC_ZERO
}

export interface RowSource {
  name: string
  columns: string[]
  rows: Iterable<unknown[]>
  /** The section holds every row the receiver is granted (it drops the sender's rows not in it). */
  complete?: boolean
}

/** Does this office write rows of the table at all (so its silence about them means something)? */
function writesTable(policy: TablePolicy, me: Party): boolean {
  const rels = new Set([...policy.writers.create, ...policy.writers.change])
  if (policy.scopeLevel === 'any') return rels.has('owner')
  if (policy.scopeLevel === me.level) return rels.has('owner')
  return rels.has('above') && policy.scopeLevel === levelBelow(me.level)
}

/**
 * Does this office pass rows of the table on to `receiver` that it received from below (a
 * province to the national office: its kabupaten's and their kecamatan's rows)? Only upward,
 * only tables the receiver is granted and someone below may write (policy `relays`).
 */
function relaysTable(policy: TablePolicy, me: Party, receiver: Party): boolean {
  if (!isBelow(me.wilayahCode, receiver.wilayahCode) || grantTo(policy, receiver).rows === 'none') return false
  const rels = new Set([...policy.writers.create, ...policy.writers.change])
  return rels.size > 0 && policy.scopeLevel !== me.level && (policy.scopeLevel === 'any' || OFFICE_LEVELS.indexOf(policy.scopeLevel) > OFFICE_LEVELS.indexOf(me.level))
}

/**
 * The rows of each table the table policy lets us send to `receiver`: rows we may write,
 * that its grant covers, changed since `afterHlc` (or all of them, for a complete grant),
 * with the columns it is not granted sent empty. Data tables come before the tables that
 * are rules for them (locks, final lists).
 */
function* grantedRows(ctx: Ctx, receiver: Party, acked: AckedCut): Generator<RowSource> {
  const afterHlc = acked.hlc
  const me = officeParty(ctx.sqlite)
  const ordered = [...TABLE_POLICIES].sort((a, b) => Number(!!a.appliesAfterData) - Number(!!b.appliesAfterData))
  const ancestors = receiver.wilayahCode.split('.').map((_, i, segs) => segs.slice(0, i).join('.')).filter(Boolean)
  const params: Record<string, string | number> = { arrival: acked.arrival ?? 0, me: me.wilayahCode, meDot: `${me.wilayahCode}.`, receiver: receiver.wilayahCode, receiverDot: `${receiver.wilayahCode}.`, after: afterHlc }
  ancestors.forEach((a, i) => (params[`a${i}`] = a))
  for (const policy of ordered) {
    const relaying = relaysTable(policy, me, receiver)
    if (!writesTable(policy, me) && !relaying) continue
    const grant = grantTo(policy, receiver)
    const cols = columnsOf(ctx.sqlite, policy.table)
    const names = cols.map((c) => c.name)
    if (grant.rows === 'none') {
      yield { name: policy.table, columns: names, rows: [], complete: true }
      continue
    }
    const mine: string[] = []
    const rels = new Set([...policy.writers.create, ...policy.writers.change, ...policy.writers.delete])
    if (rels.has('owner')) mine.push('t.scope = @me')
    if (rels.has('above') || relaying) mine.push(`substr(t.scope, 1, ${me.wilayahCode.length + 1}) = @meDot`)
    const theirs =
      grant.rows === 'scope' && receiver.wilayahCode === NATIONAL_CODE
        ? '1 = 1' // the root's area holds every scope
        : grant.rows === 'scope'
        ? [`t.scope = @receiver`, `substr(t.scope, 1, ${receiver.wilayahCode.length + 1}) = @receiverDot`, ...ancestors.map((_, i) => `t.scope = @a${i}`)].join(' OR ')
        : grant.where
    // Relayed rows (sinceArrival): only those that arrived here after the acknowledged cut, while the grant is the same.
    const byArrival = grant.rows === 'where' && !!grant.sinceArrival && acked.arrival !== null && acked.grants[policy.table] === grantFingerprint(policy, receiver, names)
    const complete = grant.rows === 'where' && !!grant.complete && !byArrival
    const hidden = hiddenColumns(policy, receiver)
    const select = cols.map((c) => (hidden.has(c.name) ? `${maskSql(c)} AS "${c.name}"` : `t."${c.name}"`)).join(', ')
    const cut = complete ? '' : byArrival ? ` AND t.id IN (SELECT a.row_id FROM row_arrival a WHERE a.table_name = '${policy.table}' AND a.seq > @arrival)` : ' AND t.hlc > @after'
    const sql = `SELECT ${select} FROM "${policy.table}" t WHERE (${mine.join(' OR ')}) AND (${theirs})${cut} ORDER BY t.hlc`
    const stmt = ctx.sqlite.prepare(sql).raw(true)
    const used = Object.fromEntries(Object.entries(params).filter(([k]) => sql.includes(`@${k}`)))
    yield { name: policy.table, columns: names, rows: stmt.iterate(used) as Iterable<unknown[]>, complete }
  }
}

/** Where the last acknowledged bundle was cut: its HLC, its arrival number and the grants it was made under. */
interface AckedCut {
  hlc: string
  arrival: number | null
  grants: Record<string, string>
}

/** A table's grant to a receiver as it stands (rows, hidden columns, the column list): a change makes the next section complete. */
export function grantFingerprint(policy: TablePolicy, receiver: Party, columns: string[]): string {
  const g = grantTo(policy, receiver)
  return createHash('sha256').update(JSON.stringify({ g, columns })).digest('hex').slice(0, 16)
}

function grantsFor(ctx: Ctx, receiver: Party): Record<string, string> {
  return Object.fromEntries(TABLE_POLICIES.map((p) => [p.table, grantFingerprint(p, receiver, columnsOf(ctx.sqlite, p.table).map((c) => c.name))]))
}

const readArrivalLast = (ctx: Ctx) => (ctx.sqlite.prepare(`SELECT coalesce(max(seq), 0) AS n FROM row_arrival`).get() as { n: number }).n

/**
 * Makes the next bundle for one enrolled office: what the table policy grants it, changed
 * since the last bundle it acknowledged.
 */
export function exportBundle(ctx: Ctx, toCode: string, opts: { outFile?: string; outDir?: string } = {}): ExportResult {
  // A province is sent counts and strata, not kader rows: bring them up to date first (a
  // province relays its kabupaten's own to the national office: nothing to count there).
  if (levelOf(toCode) === 'provinsi' || levelOf(toCode) === 'nasional') refreshForProvince(ctx)
  return writeBundle(ctx, toCode, nextBundleRows(ctx, toCode), opts)
}

/** The sections of the next bundle to an enrolled office: what it is granted and has not acknowledged. */
export function nextBundleRows(ctx: Ctx, toCode: string): Generator<RowSource> {
  const peer = requirePeer(ctx, toCode)
  const log = peer.acked_seq
    ? (ctx.sqlite.prepare(`SELECT high_hlc, high_arrival, grants_json FROM bundle_log WHERE direction = 'out' AND peer_code = ? AND seq = ?`).get(toCode, peer.acked_seq) as
        | { high_hlc: string | null; high_arrival: number | null; grants_json: string | null }
        | undefined)
    : undefined
  const acked: AckedCut = {
    hlc: log?.high_hlc ?? HLC_ZERO,
    // A bundle from before drizzle/0017 has no arrival cut: its successor is complete.
    arrival: log?.high_arrival ?? null,
    grants: log?.grants_json ? (JSON.parse(log.grants_json) as Record<string, string>) : {},
  }
  return grantedRows(ctx, { wilayahCode: peer.wilayah_code, level: peer.level }, acked)
}

function requirePeer(ctx: Ctx, toCode: string) {
  const peer = peerRow(ctx, toCode)
  if (!peer) throw new AppError('PEER_UNKNOWN', msg('bundle.peerUnknownSend', { code: toCode }))
  if (peer.status !== 'active') throw new AppError('PEER_REVOKED', msg('bundle.peerRevokedSend', { code: toCode }))
  return peer
}

/**
 * Writes a bundle of the given rows to an enrolled office: the payload goes through
 * deflate and AES-GCM to a temp file (never whole in memory), then the signed file;
 * the sequence and history are recorded.
 */
export function writeBundle(ctx: Ctx, toCode: string, source: Iterable<RowSource>, opts: { outFile?: string; outDir?: string } = {}): ExportResult {
  const me = ctx.requireOffice()
  const peer = requirePeer(ctx, toCode)
  const keys = loadKeys(ctx.dataDir)
  const now = ctx.clock.now()
  const seq = peer.last_sent_seq + 1
  // The cut marks are read before any row is: a row changed while we read goes again next time, never lost.
  const highHlc = readHlcLast(ctx)
  const highArrival = readArrivalLast(ctx)
  const grants = grantsFor(ctx, { wilayahCode: peer.wilayah_code, level: peer.level })

  // Encryption: a fresh X25519 pair per bundle, agreed with the receiver's public key.
  const eph = generateKeyPairSync('x25519')
  const shared = diffieHellman({ privateKey: eph.privateKey, publicKey: publicKeyFromText(peer.box_public_key, 'x25519') })
  const salt = randomBytes(32)
  const iv = randomBytes(12)
  const cipher = createCipheriv('aes-256-gcm', bundleKey(shared, salt, me.wilayahCode, toCode, seq), iv)
  const hash = createHash('sha256')

  const outDir = ensurePrivateDir(opts.outDir ?? join(ctx.dataDir, 'outbox'))
  const fileName = bundleFileName(me.wilayahCode, toCode, now, seq)
  const finalFile = opts.outFile ?? join(outDir, fileName)
  const tmp = `${finalFile}.${newId()}.part`
  const fd = openSync(tmp, 'w', 0o600)
  let payloadSize = 0
  const emit = (bytes: Uint8Array) => {
    if (!bytes.length) return
    hash.update(bytes)
    writeSync(fd, bytes)
    payloadSize += bytes.length
  }
  const deflate = new Deflate({ level: 6 }, (chunk) => emit(cipher.update(chunk)))
  let pending: string[] = []
  let pendingLength = 0
  const push = (line: string, final = false) => {
    pending.push(line)
    pendingLength += line.length + 1
    if (pendingLength > 256 * 1024 || final) {
      deflate.push(Buffer.from(pending.join('\n') + '\n'), final)
      pending = []
      pendingLength = 0
    }
  }

  const counts: Record<string, number> = {}
  let rows = 0
  try {
    for (const t of source) {
      let n = 0
      if (t.complete) push(JSON.stringify({ t: t.name, c: t.columns, complete: true }))
      for (const values of t.rows) {
        if (n === 0 && !t.complete) push(JSON.stringify({ t: t.name, c: t.columns }))
        push(JSON.stringify(values))
        // In the job worker: how far it is, and a cancel (the part file is removed, nothing recorded).
        if (++n % 5000 === 0) (throwIfCancelled(), reportProgress({ phase: 'mengekspor', table: t.name, rows: rows + n }))
      }
      if (n) counts[t.name] = (counts[t.name] ?? 0) + n
      rows += n
    }
    push('', true)
    emit(cipher.final())
    emit(cipher.getAuthTag())
  } catch (e) {
    closeSync(fd)
    rmSync(tmp, { force: true })
    throw e
  }
  closeSync(fd)

  const pendingRejects = peer.pending_rejects ? (JSON.parse(peer.pending_rejects) as { items: { table: string; id: string }[] }).items : []
  const manifest: Manifest = {
    format: FORMAT_VERSION,
    schemaVersion: ctx.schemaVersion,
    appVersion: APP_VERSION,
    from: { code: me.wilayahCode, name: me.name, level: me.level, signKeyId: keyId(publicKeyText(keys.signPublic)) },
    to: { code: peer.wilayah_code, name: peer.name, boxKeyId: keyId(peer.box_public_key) },
    createdAt: now.toISOString(),
    seq,
    ack: peer.last_received_seq,
    rejected: pendingRejects,
    counts,
    rows,
    highHlc,
    payload: {
      size: payloadSize,
      sha256: hash.digest('hex'),
      compression: 'deflate',
      cipher: 'aes-256-gcm',
      ephemeralPublicKey: publicKeyText(eph.publicKey),
      salt: salt.toString('base64'),
      iv: iv.toString('base64'),
    },
    rekey: rekeyChain(ctx),
  }
  const head = encodeHead(Buffer.from(JSON.stringify(manifest)))
  const partial = `${finalFile}.${newId()}.tmp`
  const out = openSync(partial, 'w', 0o600)
  try {
    writeSync(out, head)
    writeSync(out, signBytes(keys.signPrivate, head))
    forEachChunk(tmp, 0, payloadSize, (chunk) => writeSync(out, chunk))
  } finally {
    closeSync(out)
    rmSync(tmp, { force: true })
  }
  renameSync(partial, finalFile)
  const sizeBytes = statSync(finalFile).size

  ctx.sqlite.transaction(() => {
    ctx.sqlite.prepare('UPDATE peer_office SET last_sent_seq = ? WHERE id = ?').run(seq, peer.id)
    ctx.sqlite
      .prepare(
        `INSERT INTO bundle_log(id, direction, peer_code, seq, file_name, created_at, processed_at, status, high_hlc, rows, size_bytes, counts_json, high_arrival, grants_json) VALUES (?, 'out', ?, ?, ?, ?, ?, 'dibuat', ?, ?, ?, ?, ?, ?)`,
      )
      .run(newId(), toCode, seq, fileName, manifest.createdAt, manifest.createdAt, highHlc, rows, sizeBytes, JSON.stringify(counts), highArrival, JSON.stringify(grants))
  })()
  return { fileName, file: finalFile, sizeBytes, seq, rows, counts }
}
