import { excel } from '../excel'
import type { PuskesosRow } from '../../shared/contract/programme'
import { formatDateLong } from '../../shared/format'
import { AppError } from '../../shared/result'
import type { Ctx } from '../context'
import { insertRow, requireRow, updateRow } from '../db/rows'
import { requirePosyandu } from './posyandu'
import { requireRefCode, requireSkpd, scopeOf } from './reference'
import { msg } from '../../shared/messages'

const SELECT = `SELECT x.id, x.posyandu_id AS posyanduId, coalesce(p.name, '?') AS posyanduName, x.date, x.category,
    coalesce(c.name, x.category) AS categoryName, x.person_name AS personName, x.nik, x.complaint,
    x.referred_skpd_id AS referredSkpdId, coalesce(s.short_name, x.referred_other) AS referredTo, x.referred_other AS referredOther,
    x.follow_up_status AS followUpStatus, x.follow_up_note AS followUpNote,
    p.desa_code AS desaCode, d.name AS desaName, k.name AS kecamatanName
  FROM puskesos_service x
  LEFT JOIN posyandu p ON p.id = x.posyandu_id
  LEFT JOIN wilayah d ON d.code = p.desa_code LEFT JOIN wilayah k ON k.code = d.parent_code
  LEFT JOIN ref_item c ON c.kind = 'puskesos_category' AND c.code = x.category AND c.scope = @scope AND c.deleted_at IS NULL
  LEFT JOIN skpd s ON s.id = x.referred_skpd_id`

type Raw = PuskesosRow & { desaCode: string | null; desaName: string | null; kecamatanName: string | null }
const strip = ({ desaCode: _a, desaName: _b, kecamatanName: _c, ...r }: Raw): PuskesosRow => r

function query(ctx: Ctx, f: { posyanduId?: string; status?: string; from?: string; to?: string; referredOnly?: boolean }): Raw[] {
  return ctx.sqlite
    .prepare(
      `${SELECT} WHERE x.deleted_at IS NULL AND (@posyandu IS NULL OR x.posyandu_id = @posyandu) AND (@status IS NULL OR x.follow_up_status = @status)
        AND (@from IS NULL OR x.date >= @from) AND (@to IS NULL OR x.date <= @to)
        AND (@referred = 0 OR x.referred_skpd_id IS NOT NULL OR x.referred_other IS NOT NULL)
       ORDER BY x.date DESC, p.name LIMIT 5000`,
    )
    .all({ scope: scopeOf(ctx), posyandu: f.posyanduId ?? null, status: f.status ?? null, from: f.from ?? null, to: f.to ?? null, referred: f.referredOnly ? 1 : 0 }) as Raw[]
}

export const listPuskesos = (ctx: Ctx, f: { posyanduId?: string; status?: string; from?: string; to?: string }) => query(ctx, f).map(strip)

export interface PuskesosFields {
  id?: string
  posyanduId: string
  date: string
  category: string
  personName?: string | null
  nik?: string | null
  complaint?: string | null
  referredSkpdId?: string | null
  referredOther?: string | null
  followUpStatus: PuskesosRow['followUpStatus']
  followUpNote?: string | null
}

/** A service record at the Puskesos desk of a posyandu (its kecamatan's scope: it holds a NIK). */
export function savePuskesos(ctx: Ctx, f: PuskesosFields): PuskesosRow {
  const posyandu = requirePosyandu(ctx, f.posyanduId)
  if (f.date > ctx.clock.now().toISOString().slice(0, 10)) throw new AppError('DATE_FUTURE', msg('refusal.serviceFuture'))
  requireRefCode(ctx, 'puskesos_category', f.category)
  if (f.referredSkpdId) requireSkpd(ctx, f.referredSkpdId)
  const referred = !!(f.referredSkpdId || f.referredOther)
  if (f.followUpStatus !== 'baru' && f.followUpStatus !== 'selesai' && !referred) {
    throw new AppError('PUSKESOS_REFERRAL', msg('programme.referralTo'))
  }
  const values = {
    posyandu_id: f.posyanduId,
    date: f.date,
    category: f.category,
    person_name: f.personName || null,
    nik: f.nik || null,
    complaint: f.complaint || null,
    referred_skpd_id: f.referredSkpdId || null,
    referred_other: f.referredOther || null,
    follow_up_status: f.followUpStatus,
    follow_up_note: f.followUpNote || null,
  }
  let id = f.id
  if (id) {
    const old = requireRow(ctx.sqlite, 'puskesos_service', id)
    if (old.deleted_at) throw new AppError('NOT_FOUND', msg('programme.serviceDeleted'))
    updateRow(ctx, 'puskesos_service', id, values)
  } else id = insertRow(ctx, 'puskesos_service', values, { scope: posyandu.scope }).id
  return strip(ctx.sqlite.prepare(`${SELECT} WHERE x.id = @id`).get({ scope: scopeOf(ctx), id }) as Raw)
}

export const DTSEN_COLUMNS = [
  'No', 'NIK', 'Nama', 'Kode Desa/Kelurahan', 'Desa/Kelurahan', 'Kecamatan', 'Posyandu', 'Tanggal Layanan',
  'Kategori Keluhan', 'Uraian Keluhan', 'Dirujuk ke', 'Status Tindak Lanjut', 'Catatan Tindak Lanjut', 'Keterangan',
]

/**
 * Referrals made at Puskesos desks as an .xlsx the social affairs office can use to update
 * DTSEN (Inpres 4/2025). One row per referral; records without a NIK are marked.
 */
export async function exportReferrals(ctx: Ctx, f: { from?: string; to?: string }): Promise<{ fileName: string; base64: string; rows: number }> {
  const rows = query(ctx, { ...f, referredOnly: true }).reverse()
  const wb = new (await excel()).Workbook()
  wb.creator = 'Simpul'
  wb.created = ctx.clock.now()
  const ws = wb.addWorksheet('Rujukan Puskesos')
  const office = ctx.requireOffice()
  ws.addRow([`Rujukan layanan Puskesos di Posyandu untuk pemutakhiran DTSEN — ${office.name}`])
  ws.addRow([`Periode: ${f.from ? formatDateLong(f.from) : 'awal'} s.d. ${f.to ? formatDateLong(f.to) : formatDateLong(ctx.clock.now().toISOString().slice(0, 10))}`])
  ws.addRow([])
  const header = ws.addRow(DTSEN_COLUMNS)
  header.font = { bold: true }
  rows.forEach((r, i) => {
    ws.addRow([
      i + 1, r.nik ?? '', r.personName ?? '', r.desaCode ?? '', r.desaName ?? '', r.kecamatanName ?? '', r.posyanduName, r.date,
      r.categoryName, r.complaint ?? '', r.referredTo ?? '', r.followUpStatus, r.followUpNote ?? '', r.nik ? '' : 'NIK belum tercatat',
    ])
  })
  // NIK as text: Excel would otherwise turn 16 digits into 1.21801E+15.
  ws.getColumn(2).numFmt = '@'
  ws.columns.forEach((c, i) => (c.width = [5, 19, 24, 14, 20, 18, 20, 12, 26, 30, 20, 16, 30, 18][i]))
  const buf = Buffer.from(await wb.xlsx.writeBuffer())
  const stamp = ctx.clock.now().toISOString().slice(0, 10)
  return { fileName: `rujukan-puskesos-dtsen-${stamp}.xlsx`, base64: buf.toString('base64'), rows: rows.length }
}
