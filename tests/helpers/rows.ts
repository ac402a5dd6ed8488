import { BUILTIN_SETS } from '../../src/shared/evaluation/strata'
import { BUILTIN_FORMS } from '../../src/shared/forms/builtin'
import { encodeNik } from '../../src/shared/nik'
import type { TablePolicy } from '../../src/core/policy'

/** Valid stored rows for every travelling table (tests/core/fast-check.test.ts mutates them; tests/core/messages.test.ts breaks them one way each). */
export const U = (n: number) => `0194${String(n).padStart(4, '0')}-7c00-7137-aced-${String(n).padStart(12, '0')}`
export const NIK = encodeNik('33.25.01', '1984-05-12', 'P', 17)
export const form = BUILTIN_FORMS[0]
export const set = BUILTIN_SETS[0]
export const T = '2026-11-24T02:00:00.000Z'

/** One valid row per table, beyond the travelling columns (the demo fills a few tables only). */
export const FIXTURES: Record<string, Record<string, unknown>> = {
  posyandu: { name: 'Posyandu Mawar', desa_code: '33.25.01.2001', is_phi_model: 0, is_ilp: 1, is_spm_pilot: 0, status: 'aktif', latitude: -6.9, longitude: 109.7, rt: '003', rw: '01', year_founded: 1990 },
  kader: { nik: NIK, name: 'Siti Aminah', sex: 'P', role: 'ketua', birth_date: '1984-05-12', phone: '081234567890', active_from: '2020-01-01', active_to: '2024-12-31' },
  kader_posyandu: { kader_id: U(1), posyandu_id: U(2), from_date: '2020-01-01' },
  kader_training: { kader_id: U(1), name: 'Pelatihan Dasar', year: 2021 },
  duplicate_review: { group_key: 'nik:3325015205840017', members_hash: 'ab12', decision: 'berbeda', note: 'dua orang' },
  monthly_report: { posyandu_id: U(2), month: '2024-03', held: 1, open_date: '2024-03-12', s: 90, k: 80, d: 70, n: 50, t: 10, o: 5, b: 5, bgm: 1, kader_on_duty: 5, form_version: 1 },
  posyandu_activity: { posyandu_id: U(2), date: '2024-02-29', what: 'Penyuluhan gizi', participants: 40 },
  puskesos_service: { posyandu_id: U(2), date: '2024-03-01', category: 'kesehatan', person_name: 'Budi', nik: NIK, follow_up_status: 'selesai' },
  pendamping_person: { nik: NIK, name: 'Rina Lestari', sex: 'P', nik_as_npwp: 0, is_pns: 1, golongan: 'III', nip: '198405122010012003', npwp: '09.876.543.1-012.000', account_number: '7700000001', tax_rule: 'pns_final', phone: '+6281234567890' },
  pendamping_assignment: { person_id: U(3), posyandu_id: U(2), role: 'pendamping', from_date: '2026-01-01', to_date: '2026-12-31' },
  honor_rate: { role: 'pendamping', amount: 750_000, valid_from: '2026-01-01' },
  honor_list: { title: 'Honor Maret', period_kind: 'bulan', month_from: '2026-03', month_to: '2026-03', fiscal_year: 2026, sub_kegiatan_code: '5.01', sub_kegiatan_name: 'Koordinasi', status: 'draft', revision_no: 0, partial_month_rule: 'full', total_gross: 750_000 },
  honor_line: {
    list_id: U(4), person_id: U(3), posyandu_id: U(2), person_name: 'Rina', nik: NIK, posyandu_name: 'Mawar', desa_name: 'Kalisalak', kecamatan_code: '33.25.01', kecamatan_name: 'Wonotunggal',
    month_from: '2026-03', month_to: '2026-03', months: 1, rate: 750_000, gross: 750_000, tax: 37_500, net: 712_500, tax_rule: 'bukan_pegawai', tax_basis: 'pph21', sort_no: 1,
  },
  indicator_set: { code: set.code, name: set.name, definition_json: JSON.stringify(set) },
  evaluation_period: { name: 'Evaluasi 2026', year: 2026, indicator_set_code: set.code, area_code: '33.25.01', status: 'open' },
  evaluation_score: { period_id: U(5), posyandu_id: U(2), item: 'ds', score: 3 },
  report_approval: { month: '2026-03', status: 'submitted', submitted_at: T },
  report_acceptance: { kecamatan_code: '33.25.01', month: '2026-03', status: 'accepted', decided_at: T, decided_by_name: 'Kabid' },
  ref_item: { kind: 'phi', code: 'sehat', name: 'Sehat', sort_order: 1, active: 1 },
  skpd: { code: 'DINKES', name: 'Dinas Kesehatan', short_name: 'Dinkes', sort_order: 1, active: 1 },
  programme: { skpd_id: U(6), fiscal_year: 2026, name: 'PMT Balita', target_groups: 'balita', funding_source: 'APBD', budget: 1_000_000, realisation: 0 },
  programme_posyandu: { programme_id: U(7), posyandu_id: U(2) },
  regulation: { kind: 'Perbup', number: '12/2024', year: 2024, title: 'Posyandu', status: 'berlaku', date_signed: '2024-02-29' },
  kader_count: { posyandu_id: U(2), total: 5, male: 1, female: 4, trained: 3, ketua: 1, sekretaris: 1, bendahara: 1, anggota: 2 },
  posyandu_stratum: { posyandu_id: U(2), year: 2026, stratum: 'Purnama', aktif: 1, set_code: set.code, set_name: set.name },
  form_definition: { code: form.code, version: form.version, period_type: form.periodType, name: 'SKDN', definition_json: JSON.stringify(form) },
  form_report: { form_code: 'skdn', form_version: 1, posyandu_id: U(2), period: '2026-03', values_json: '{"s":10,"ok":true,"catatan":"baik"}' },
  province_offer: { kind: 'indicator_set', code: set.code, version: 1, name: 'Strata provinsi', definition_json: JSON.stringify(set) },
  offer_decision: { offer_id: U(8), offer_version: 1, decision: 'adopted', adopted_as: 'strata' },
  quality_mark: { form_code: 'skdn', posyandu_id: U(2), period: '2026-03', kind: 'rule', subject: 'D<=S', status: 'checked', finding: 'D lebih dari S', marked_at: T, marked_by_name: 'Operator' },
}

export const SCOPE = { kecamatan: '33.25.01', kabupaten: '33.25', provinsi: '33', nasional: 'ID', any: '33.25' } as const
export const travel = (p: TablePolicy, n: number) => ({ id: U(100 + n), scope: SCOPE[p.scopeLevel], rev: 1, hlc: '001795485600000-000002', origin: U(9), deleted_at: null, created_at: T, updated_at: T })

