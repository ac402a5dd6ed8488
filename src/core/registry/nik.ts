import type Database from 'better-sqlite3'
import { compareNik, decodeNik, type Sex } from '../../shared/nik'
import { msg, sayId } from '../../shared/messages'
import { isoDate, type Clock } from '../clock'
import { wilayahPath } from '../wilayah/service'
import type { NikReport } from '../../shared/contract/registry'

/** Decodes a NIK and checks its region against the wilayah reference and the entered values. */
export function checkNik(
  sqlite: Database.Database,
  clock: Clock,
  raw: string,
  entered: { birthDate?: string | null; sex?: Sex | null } = {},
): NikReport {
  const base = decodeNik(raw, isoDate(clock.now()))
  if (!base.decoded) return { ...base, region: null }
  const d = base.decoded
  const path = wilayahPath(sqlite, d.kecamatanCode)
  const name = (code: string) => path.find((w) => w.code === code)?.name ?? null
  const region = { provinsi: name(d.provinsiCode), kabupaten: name(d.kabupatenCode), kecamatan: name(d.kecamatanCode) }
  const warnings = [...base.warnings]
  if (!region.kecamatan) {
    const m = msg('nik.NIK_REGION_UNKNOWN', { code: d.kecamatanCode })
    warnings.push({ code: 'NIK_REGION_UNKNOWN', message: sayId(m), msg: m })
  }
  warnings.push(...compareNik(d, entered))
  return { ...base, warnings, region }
}
