import { readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import i18next from 'i18next'
import { beforeAll, describe, expect, it } from 'vitest'
import { policyOf, refusalMsg, rowProblemList, TABLE_POLICIES } from '../../src/core/policy'
import * as col from '../../src/core/policy/columns'
import { insertRow, withDefaults } from '../../src/core/write'
import { refusalText } from '../../src/renderer/i18n/errors'
import { messages } from '../../src/renderer/i18n/messages'
import { issueMsg, MESSAGES_ID, msg, sayId, schemaTextCount, templateOf, type Msg } from '../../src/shared/messages'
import { fail } from '../../src/shared/result'
import { decodeNik, compareNik } from '../../src/shared/nik'
import { nipProblem } from '../../src/shared/nip'
import { emptyMonth, validateMonthly, type MonthlyValues } from '../../src/shared/evaluation/fields'
import { CATALOGUES, flatten, indonesianOnly, INDONESIAN_WORDS } from '../e2e/support/catalogue'
import { addUser, dispatch, makeCtx, tempDir } from '../helpers/db'
import { makeOffices, receive, resignedCopy, send } from '../helpers/exchange'
import { newId } from '../../src/core/sync/ids'
import { enrolOffice, makeCard } from '../../src/core/exchange/peers'
import { LOCKOUT, login } from '../../src/core/people/users'
import { restoreInContext } from '../../src/core/db/restore'
import { submitMonth } from '../../src/core/evaluation/approval'
import { addKader, addPosyandu, workbook } from '../helpers/registry'
import { FIXTURES, form, set, travel } from '../helpers/rows'
import { applyImport, previewImport } from '../../src/core/registry/xlsx'
import { checkPeriod } from '../../src/core/forms/reports'
import { relationProblemMsg } from '../../src/core/exchange/peers'
import { setupOffice } from '../../src/core/office/service'
import { checkForm, type FormDef } from '../../src/shared/forms/form'
import { offerDefinitionProblems } from '../../src/shared/province/offers'

// Core's messages go out by key (src/shared/messages.ts) with the Indonesian sentence; the
// renderer's catalogues must know every key in both languages, and an English screen must
// read them without an Indonesian word.
const ROOT = join(import.meta.dirname, '..', '..')
const SEI_RAMPAH = '12.18.04.2006'
const INDONESIAN = [...indonesianOnly(), ...INDONESIAN_WORDS]
const indonesianIn = (s: string) => INDONESIAN.filter((w) => new RegExp(`(^|[^\\p{L}])${w.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}($|[^\\p{L}])`, 'iu').test(s))
/** English knows a key as itself or as its plural forms. */
const inEnglish = (en: Map<string, string>, key: string) => en.has(key) || en.has(`${key}_one`) || en.has(`${key}_other`)

function sourceFiles(dir: string, out: string[] = []): string[] {
  for (const f of readdirSync(dir)) {
    const p = join(dir, f)
    if (statSync(p).isDirectory()) sourceFiles(p, out)
    else if (/\.tsx?$/.test(f)) out.push(p)
  }
  return out
}

beforeAll(async () => {
  await i18next.init({ resources: {}, lng: 'en', defaultNS: 'common', interpolation: { escapeValue: false } })
})

/** The English of a keyed message, as an English screen shows it. */
const english = (m: Msg) => refusalText('X', sayId(m), undefined, 'en', m)

describe('the catalogues', () => {
  it('every Indonesian text of every catalogue has an English text under the same key', () => {
    const missing: string[] = []
    for (const c of CATALOGUES) {
      const en = flatten(c.en)
      for (const key of flatten(c.id).keys()) if (!inEnglish(en, key)) missing.push(key)
    }
    expect(missing).toEqual([])
  })

  it('every message key core and the shared schemas emit is in both catalogues', () => {
    const en = flatten(messages.en)
    const id = flatten(MESSAGES_ID)
    const keys = new Set<string>()
    for (const f of [...sourceFiles(join(ROOT, 'src/core')), ...sourceFiles(join(ROOT, 'src/shared'))]) {
      for (const m of readFileSync(f, 'utf8').matchAll(/\b(?:msg|zm)\(\s*'([\w.]+)'/g)) keys.add(m[1])
      // Keys built from a code (`nik.${code}`, `policy.${op}`): every key of their group must exist.
      for (const m of readFileSync(f, 'utf8').matchAll(/\b(?:msg|zm)\(\s*`([\w.]+)\.\$\{/g)) for (const k of id.keys()) if (k.startsWith(`${m[1]}.`)) keys.add(k)
    }
    expect(keys.size).toBeGreaterThan(40)
    expect([...keys].filter((k) => !id.has(k))).toEqual([])
    expect([...keys].filter((k) => !inEnglish(en, k))).toEqual([])
    // And the other way: no English text for a key core does not have (a typo there shows nothing).
    expect([...en.keys()].map((k) => k.replace(/_(one|other)$/, '')).filter((k) => !id.has(k))).toEqual([])
  })
})

describe('messages by key', () => {
  it('NIK and NIP problems keep their Indonesian sentence and read English by key, with the count in the right form', () => {
    const cases: [Msg, RegExp][] = [
      [decodeNik('1218', '2026-12-01').errors[0].msg!, /^A NIK has 16 digits \(4 characters typed\)\.$/],
      [decodeNik('1', '2026-12-01').errors[0].msg!, /^A NIK has 16 digits \(1 character typed\)\.$/],
      [decodeNik('12a8', '2026-12-01').errors[0].msg!, /^A NIK has digits only\.$/],
      [decodeNik('1218040013900001', '2026-12-01').errors[0].msg!, /^The birth date inside the NIK is impossible \(00-13-90\)\.$/],
      [decodeNik('1218044508900000', '2026-12-01').errors[0].msg!, /^The serial number/],
      [decodeNik('1.21805E+15', '2026-12-01').errors[0].msg!, /^NIK "1\.21805E\+15" is written in scientific notation/],
      [compareNik(decodeNik('1218044508900001', '2026-12-01').decoded!, { sex: 'L' })[0].msg!, /^Sex male differs from the NIK \(female\)\.$/],
      [nipProblem('19850817')!.msg, /^A NIP has 18 digits \(8 typed\)$/],
      [nipProblem('198508172010013003')!.msg, /^Digit 15 of a NIP is the sex \(1 or 2\)$/],
    ]
    for (const [m, en] of cases) {
      const text = english(m)
      expect(text, sayId(m)).toMatch(en)
      expect(indonesianIn(text), text).toEqual([])
    }
    // The Indonesian sentences are the ones core always wrote (the CLI and tests read them).
    expect(decodeNik('1218', '2026-12-01').errors[0].message).toBe('NIK harus 16 digit (tertulis 4 karakter).')
    expect(nipProblem('19850817')!.message).toBe('NIP terdiri dari 18 angka (tertulis 8)')
    expect(compareNik(decodeNik('1218044508900001', '2026-12-01').decoded!, { sex: 'L' })[0].message).toBe('Jenis kelamin laki-laki berbeda dengan NIK (perempuan).')
  })

  it('the column messages of the policies carry their key through zod', () => {
    const cases: [unknown, unknown, RegExp][] = [
      [col.text(5, 2), 'a', /^at least 2 letters$/],
      [col.text(5, 2), 'abcdefg', /^at most 5 letters$/],
      [col.date, '2026-13-01', /^the date must be YYYY-MM-DD$/],
      [col.date, '2026-02-30', /^this date does not exist/],
      [col.month, '2026-1', /^the month must be YYYY-MM$/],
      [col.count(10), 11, /^at most 10$/],
      [col.count(), -1, /^cannot be negative$/],
      [col.rupiah(), 1.5, /^rupiah must be a whole number$/],
      [col.rupiah(100), 101, /^the amount is not plausible$/],
      [col.flag, 2, /^must be 0 or 1$/],
      [col.phone, '123', /^not a valid mobile number$/],
      [col.npwp, '12a', /^an NPWP has only digits/],
      [col.npwp, '1234', /^an NPWP has 15 or 16 digits$/],
      [col.accountNumber, 'x', /^not a valid account number$/],
      [col.nik, '1218', /^A NIK has 16 digits \(4 characters typed\)\.$/],
      [col.nip, '19850817', /^A NIP has 18 digits \(8 typed\)$/],
      [col.nip, '', /^A NIP has 18 digits \(0 typed\)$/],
      [col.sex, 'X', /^sex must be L \(male\) or P \(female\)$/],
    ]
    for (const [schema, value, en] of cases) {
      const r = (schema as { safeParse(v: unknown): { success: boolean; error?: { issues: { message: string; params?: Record<string, unknown> }[] } } }).safeParse(value)
      expect(r.success, String(value)).toBe(false)
      const issue = r.error!.issues[0]
      const m = issueMsg(issue)
      expect(m, issue.message).not.toBeNull()
      expect(sayId(m!)).toBe(issue.message)
      expect(english(m!)).toMatch(en)
      expect(indonesianIn(english(m!)), english(m!)).toEqual([])
    }
  })

  it('policy refusals read English for every table, operation and level', () => {
    const offices = [{ wilayahCode: '12.18', level: 'kabupaten' as const }, { wilayahCode: '12.18.04', level: 'kecamatan' as const }, { wilayahCode: '12', level: 'provinsi' as const }]
    let seen = 0
    for (const p of TABLE_POLICIES) {
      for (const office of offices) {
        for (const scope of ['12.18', '12.18.04', '12.18.05', '12.18.04.2006']) {
          for (const op of ['create', 'change', 'delete'] as const) {
            const m = refusalMsg(p, office, scope, op)
            if (!m) continue
            seen++
            const text = english(m)
            expect(text).not.toMatch(/\{\{|undefined/)
            expect(indonesianIn(text), text).toEqual([])
          }
        }
      }
    }
    expect(seen).toBeGreaterThan(50)
  })
})

describe('the table policies\' own rules', () => {
  it('each is provoked on a stored row, keeps its Indonesian sentence and reads English by key', () => {
    const ctx = makeCtx({ office: '33.25' })
    // [table, what breaks the valid fixture row, the Indonesian problem, its English]
    const cases: [string, Record<string, unknown>, string, RegExp][] = [
      ['posyandu', { rt: '3a' }, 'rt: RT berupa angka', /^the RT is a number$/],
      ['posyandu', { rw: 'x' }, 'rw: RW berupa angka', /^the RW is a number$/],
      ['posyandu', { latitude: 20 }, 'latitude: lintang di luar Indonesia', /^latitude outside Indonesia$/],
      ['posyandu', { longitude: 50 }, 'longitude: bujur di luar Indonesia', /^longitude outside Indonesia$/],
      ['posyandu', { status: 'tutup' }, 'status: status harus aktif atau nonaktif', /^the status must be active or inactive$/],
      ['posyandu', { desa_code: '33.25.02.2001' }, 'desa 33.25.02.2001 tidak berada di kecamatan 33.25.01', /^village 33\.25\.02\.2001 is not in subdistrict 33\.25\.01$/],
      ['posyandu', { year_founded: 1990.5 }, 'year_founded: tahun tidak masuk akal', /^the year is not plausible$/],
      ['kader', { role: 'ketu' }, 'role: peran harus ketua, sekretaris, bendahara atau anggota', /^the role must be chair, secretary, treasurer or member$/],
      ['kader', { active_from: '2024-01-01', active_to: '2023-01-01' }, 'tanggal selesai aktif sebelum tanggal mulai', /^the active-until date is before the active-from date$/],
      ['duplicate_review', { decision: 'sama' }, 'decision: keputusan tinjauan harus "berbeda"', /^the review decision must be "different people"$/],
      ['pendamping_person', { golongan: 'V' }, 'golongan: golongan harus I, II, III atau IV', /^the civil-service grade must be I, II, III or IV$/],
      ['pendamping_person', { tax_rule: 'lain' }, 'tax_rule: aturan pajak harus bukan pegawai, PNS (final) atau tanpa potongan', /^the tax rule must be non-employee/],
      ['pendamping_assignment', { to_date: '2025-01-01' }, 'tanggal selesai sebelum tanggal mulai', /^the end date is before the start date$/],
      ['honor_list', { period_kind: 'tahun' }, 'period_kind: jenis periode harus bulan, triwulan atau kustom', /^the period kind must be month, quarter or custom$/],
      ['honor_list', { status: 'lunas' }, 'status: status daftar honor harus draf, terverifikasi, final, dibayar atau dibatalkan', /^the honor list status must be draft, verified/],
      ['honor_list', { partial_month_rule: 'half' }, 'partial_month_rule: aturan bulan sebagian harus penuh atau prorata', /^the partial-month rule must be full or prorated$/],
      ['honor_line', { months: 40 }, 'months: jumlah bulan 0 sampai 36', /^months from 0 to 36$/],
      ['honor_line', { net: 700_000 }, 'netto tidak sama dengan bruto dikurangi pajak', /^net is not gross minus tax$/],
      ['evaluation_period', { status: 'closed' }, 'status: status periode harus dibuka atau dikunci', /^the period status must be open or locked$/],
      ['evaluation_period', { area_code: '33.26.01' }, 'wilayah 33.26.01 di luar kabupaten 33.25', /^area 33\.26\.01 is outside district 33\.25$/],
      ['evaluation_score', { score: 2000 }, 'score: nilai 0 sampai 1000', /^a score from 0 to 1000$/],
      ['report_approval', { status: 'sent' }, 'status: status persetujuan harus draf, diajukan atau disetujui', /^the approval status must be draft, submitted or approved$/],
      ['report_acceptance', { status: 'ok' }, 'status: status penerimaan harus diterima atau dikembalikan', /^the acceptance status must be accepted or returned$/],
      ['report_acceptance', { kecamatan_code: '33.26.01' }, 'kecamatan 33.26.01 di luar kabupaten 33.25', /^subdistrict 33\.26\.01 is outside district 33\.25$/],
      ['kader_count', { male: 3 }, 'jumlah laki-laki dan perempuan tidak sama dengan jumlah kader', /^men plus women is not the number of cadres$/],
      ['kader_count', { anggota: 1 }, 'jumlah per peran tidak sama dengan jumlah kader', /^the counts per role do not add up/],
      ['kader_count', { trained: 6, total: 5 }, 'kader terlatih lebih banyak daripada jumlah kader', /^more trained cadres than cadres$/],
      ['form_definition', { period_type: 'weekly' }, 'period_type: jenis periode formulir harus bulanan atau tahunan', /^the form period type must be monthly or yearly$/],
      ['form_definition', { definition_json: '[1' }, 'definition_json: bukan JSON yang sah', /^not valid JSON$/],
      ['form_definition', { definition_json: '"x"' }, 'kode, versi atau periode tidak sama dengan isi formulir', /^code, version or period differ from the form itself$/],
      ['form_definition', { definition_json: JSON.stringify({ code: form.code, version: form.version, periodType: form.periodType, name: form.name, source: 'x', sections: form.sections }) }, 'definisi formulir tidak lengkap atau rusak', /^the form definition is incomplete or damaged$/],
      ['form_report', { period: '2026-3' }, 'periode harus TTTT atau TTTT-BB', /^the period must be YYYY or YYYY-MM$/],
      ['form_report', { values_json: '[]' }, 'isian laporan harus berupa objek', /^the report values must be an object$/],
      ['form_report', { values_json: '{"S":1}' }, 'kode isian "S" tidak sah', /^field code "S" is not valid$/],
      ['form_report', { values_json: '{"s":[1]}' }, 'isian s tidak sah', /^the value of s is not valid$/],
      ['quality_mark', { period: '26' }, 'period: periode harus TTTT atau TTTT-BB', /^the period must be YYYY or YYYY-MM$/],
      ['quality_mark', { kind: 'x' }, 'kind: jenis temuan harus aturan atau pencilan', /^the finding kind must be rule or outlier$/],
      ['quality_mark', { status: 'x' }, 'status: tanda harus: sudah dicek, diperbaiki, atau perlu tindak lanjut', /^the mark must be: checked, corrected, or needs follow-up$/],
      ['province_offer', { kind: 'x' }, 'kind: jenis tawaran harus set indikator atau formulir', /^the offer kind must be indicator set or form$/],
      ['offer_decision', { decision: 'x' }, 'decision: keputusan harus diadopsi atau memakai milik sendiri', /^the decision must be adopted or kept their own$/],
      ['monthly_report', { k: 95 }, 'K (95) tidak boleh lebih dari S (90)', /^K \(95\) cannot be more than S \(90\)$/],
      // A forged kabupaten set, or a period's copy of one: a set row's own wording, not an offer's ("tawaran").
      ['indicator_set', { code: 'longgar', definition_json: JSON.stringify({ ...set, code: 'longgar' }) }, 'set indikator "longgar" bukan set bawaan Simpul; set indikator kabupaten dan salinannya pada periode evaluasi hanya boleh mengubah ambang dan nama set bawaan', /^indicator set "longgar" is not a set built into Simpul; a district's indicator set/],
      ['indicator_set', { code: 'lain' }, `kode di dalam definisi set indikator tidak sama dengan kode set "lain"`, /^the code inside the indicator set definition differs from the set code "lain"$/],
      ['evaluation_period', { indicator_set_code: 'longgar', indicator_set_json: JSON.stringify({ ...set, code: 'longgar', edited: null }) }, 'set indikator "longgar" bukan set bawaan Simpul; set indikator kabupaten dan salinannya pada periode evaluasi hanya boleh mengubah ambang dan nama set bawaan', /^indicator set "longgar" is not a set built into Simpul/],
    ]
    for (const [table, patch, id, en] of cases) {
      const p = policyOf(table)!
      const row = withDefaults(ctx.sqlite, table, { ...travel(p, 0), ...FIXTURES[table], ...patch })
      const problems = rowProblemList(ctx.sqlite, p, row)
      const problem = problems.find((x) => x.text === id)
      expect(problem, `${table} ${JSON.stringify(patch)}: ${problems.map((x) => x.text).join(' | ')}`).toBeDefined()
      // Each problem comes with its key ("column: sentence" is op.problem, the column the stored name, as in Indonesian).
      const m = problem!.msg
      expect(m, id).not.toBeNull()
      expect(sayId(m!), id).toBe(id)
      const inner = m!.key === 'op.problem' ? (m!.params!.text as Msg) : m!
      expect(english(m!).endsWith(english(inner)), id).toBe(true)
      const text = english(inner)
      expect(text, id).toMatch(en)
      expect(indonesianIn(text), text).toEqual([])
      if (table === 'indicator_set' || table === 'evaluation_period') expect(id).not.toMatch(/tawar/)
    }
    ctx.close()
  })
})

describe('the monthly report checks', () => {
  it('carry their key; English names the fields by their English labels', () => {
    const v = { ...emptyMonth(), held: false, open_date: '2025-04-02', s: 50, k: 55, d: -1, kader_on_duty: 99, programmes: ['xyz'] } as MonthlyValues
    const issues = validateMonthly(v, '2025-03')
    expect(issues.length).toBeGreaterThan(4)
    for (const i of issues) {
      expect(i.msg, i.message).toBeDefined()
      expect(sayId(i.msg!)).toBe(i.message)
      const text = english(i.msg!)
      expect(text).not.toMatch(/\{\{|undefined/)
      expect(indonesianIn(text), text).toEqual([])
    }
    expect(issues.map((i) => english(i.msg!))).toEqual(expect.arrayContaining(['K (55) cannot be more than S (50)', 'The open date 2025-04-02 is outside the month 2025-03']))
  })
})

describe('real refusals from core carry their key', () => {
  it('not allowed, not found, forbidden, unauthenticated, invalid input and NIK, an invalid row, the cadre warnings, database busy', async () => {
    const ctx = makeCtx({ office: '12.18.04' })
    const melati = addPosyandu(ctx, 'Posyandu Melati', SEI_RAMPAH)
    const refusals: { code: string; message: string; details?: unknown; msg?: Msg }[] = []
    const refused = async (p: Promise<{ ok: boolean; error?: { code: string; message: string; details?: unknown; msg?: Msg } }>) => {
      const r = await p
      expect(r.ok).toBe(false)
      refusals.push(r.error!)
      return r.error!
    }
    // A kecamatan office writing another kecamatan's row: the write path refuses by policy.
    let notAllowed: unknown
    try {
      insertRow(ctx, 'posyandu', { name: 'Posyandu Lain', desa_code: '12.18.05.2001' }, { scope: '12.18.05' })
    } catch (e) {
      notAllowed = e
    }
    const na = notAllowed as { code: string; message: string; msg?: Msg }
    expect(na.code).toBe('NOT_ALLOWED')
    expect(na.message).toMatch(/^Tidak diizinkan: kantor 12\.18\.04 tidak berwenang menambah posyandu milik wilayah 12\.18\.05\.$/)
    expect(refusalText(na.code, na.message, undefined, 'en', na.msg)).toBe('Not allowed: office 12.18.04 may not add posyandu of area 12.18.05.')

    const nf = await refused(dispatch(ctx, 'registry.kaderGet', { id: '0190a000-0000-7000-8000-000000000000' }))
    expect(nf.code).toBe('NOT_FOUND')
    expect(nf.msg?.key).toMatch(/^(notFound|op)\./)

    const bad = await refused(dispatch(ctx, 'registry.kaderSave', { data: { nik: '1218', name: 'Sri', sex: 'P', birthDate: '1990-08-05', posyanduId: melati.id } }))
    expect(bad.code).toBe('INVALID_NIK')
    expect(bad.message).toBe('NIK harus 16 digit (tertulis 4 karakter).')
    expect(refusalText(bad.code, bad.message, bad.details, 'en', bad.msg)).toBe('A NIK has 16 digits (4 characters typed).')

    addKader(ctx, { nik: '1218044508900001', name: 'Sri Wahyuni', sex: 'P', birthDate: '1990-08-05', posyanduId: melati.id })
    const warn = await refused(dispatch(ctx, 'registry.kaderSave', { data: { nik: '1218044508900001', name: 'Sri Lestari', sex: 'L', birthDate: '1990-08-05', posyanduId: melati.id } }))
    expect(warn.code).toBe('NEEDS_CONFIRMATION')
    const msgs = (warn.details as { msgs: Msg[]; warnings: string[] }).msgs
    expect(msgs.map(sayId)).toEqual((warn.details as { warnings: string[] }).warnings)
    const en = msgs.map(english)
    expect(en.join(' ')).toMatch(/Sex male differs from the NIK \(female\)\./)
    expect(en.join(' ')).toMatch(/This NIK is already used by cadre Sri Wahyuni \(Subdistrict Sei Rampah\)/)
    // The joined sentence itself is keyed too (the CLI and a notification show it).
    expect(warn.message).toBe(`Periksa dulu: ${(warn.details as { warnings: string[] }).warnings.join(' ')}`)
    expect(warn.msg?.key).toBe('registry.checkFirst')
    expect(refusalText(warn.code, warn.message, warn.details, 'en', warn.msg)).toBe(`Check first: ${en.join(' ')}`)

    const reader = addUser(ctx, 'readonly', 'baca')
    refusals.push((await refused(dispatch(ctx, 'registry.posyanduSave', { data: { name: 'Posyandu Baru', desaCode: SEI_RAMPAH } }, reader))))
    const invalid = await refused(dispatch(ctx, 'registry.posyanduBulk', { action: 'moveDesa', ids: [], desaCode: '' }))
    refusals.push(invalid)
    // Each field message of the contract's schema carries its key beside the Indonesian sentence.
    const fields = invalid.details as { path: string[]; message: string; msg?: Msg }[]
    expect(fields.map((d) => [d.path[0], d.message, d.msg && english(d.msg)])).toEqual([
      ['ids', 'Pilih minimal satu posyandu', 'Choose at least one posyandu'],
      ['desaCode', 'Pilih desa/kelurahan tujuan', 'Choose the target village'],
    ])
    refusals.push(await refused(dispatch(ctx, 'registry.posyanduSave', { data: {} })))
    const unauth = await refused(dispatch(ctx, 'registry.posyanduSave', { data: {} }, {}))
    expect(unauth.msg?.key).toBe('op.unauthenticated')

    // An invalid stored row (a name and a year no form would let through): the write path's own check, by key.
    let invalidRow: unknown
    try {
      insertRow(ctx, 'posyandu', { name: 'Ab', desa_code: SEI_RAMPAH, year_founded: 1800, is_phi_model: 0, is_ilp: 0, is_spm_pilot: 0, status: 'aktif' })
    } catch (e) {
      invalidRow = e
    }
    const ir = invalidRow as { code: string; message: string; msg?: Msg }
    expect(ir.code).toBe('INVALID_ROW')
    expect(ir.message).toBe('Posyandu "Ab" tidak dapat disimpan: name: minimal 3 huruf; year_founded: tahun tidak masuk akal.')
    expect(sayId(ir.msg!)).toBe(ir.message)
    expect(refusalText(ir.code, ir.message, undefined, 'en', ir.msg)).toBe('Posyandu "Ab" cannot be saved: name: at least 3 letters; year_founded: the year is not plausible.')

    // The database-busy answer (another connection holds the write lock) is keyed like the rest.
    const busy = fail('DB_BUSY', msg('op.dbBusy'))
    if (!busy.ok) refusals.push(busy.error)
    expect(refusalText('DB_BUSY', busy.ok ? '' : busy.error.message, undefined, 'en', busy.ok ? undefined : busy.error.msg)).toMatch(/^The database is busy/)

    for (const e of refusals) {
      const text = refusalText(e.code, e.message, e.details, 'en', e.msg)
      expect(indonesianIn(text), `${e.code}: ${text}`).toEqual([])
      if (e.msg) {
        expect(templateOf(MESSAGES_ID, e.msg.key), e.msg.key).toBeDefined()
        expect(sayId(e.msg)).toBe(e.message)
      }
    }
    ctx.close()
  })
})

describe('what operators meet most: bundle, login and backup refusals', () => {
  /** The refusal a call throws, checked: keyed, Indonesian sentence from the key, English without Indonesian words. */
  async function keyed(run: () => unknown, code: string): Promise<{ id: string; en: string }> {
    let err: unknown
    try {
      await run()
    } catch (e) {
      err = e
    }
    const e = err as { code?: string; message: string; msg?: Msg }
    expect(e?.code, String(e?.message)).toBe(code)
    expect(e.msg, e.message).toBeDefined()
    expect(sayId(e.msg!)).toBe(e.message)
    const en = refusalText(e.code!, e.message, undefined, 'en', e.msg)
    expect(en).not.toMatch(/\{\{|undefined/)
    expect(indonesianIn(en), en).toEqual([])
    return { id: e.message, en }
  }

  it('a bundle that is not Simpul, tampered, addressed elsewhere, from an unknown sender, imported twice', async () => {
    const { kab, kec, outDir } = makeOffices()
    const [kec04] = kec
    addPosyandu(kec04, 'Posyandu Melati', SEI_RAMPAH)
    const file = send(kec04, kab, outDir)

    const junk = join(tempDir('simpul-junk-'), 'junk.simpul')
    writeFileSync(junk, 'ini bukan bundel'.repeat(20))
    expect((await keyed(() => receive(kab, junk), 'BUNDLE_NOT_SIMPUL')).en).toBe('This file is not a Simpul bundle (.simpul).')

    const broken = `${file}.broken.simpul`
    const b = readFileSync(file)
    b[b.length - 100] ^= 0xff
    writeFileSync(broken, b)
    const t = await keyed(() => receive(kab, broken), 'BUNDLE_TAMPERED')
    expect(t.id).toMatch(/^Berkas bundel rusak atau telah diubah \(.+\)\. Berkas ditolak; tidak ada data yang diubah\. Minta kiriman ulang\.$/)
    expect(t.en).toMatch(/^The bundle file is damaged or was changed \(.+\)\. It was refused; nothing was changed\./)

    const elsewhere = resignedCopy(file, kec04.dataDir, (m) => ((m.to as { code: string }).code = '12.18.05'))
    expect((await keyed(() => receive(kab, elsewhere), 'BUNDLE_WRONG_RECEIVER')).en).toMatch(/^This bundle is addressed to .+ \(12\.18\.05\), not to this office \(12\.18\)\. It was not imported\.$/)

    const stranger = makeCtx({ office: '12.18' })
    expect((await keyed(() => receive(stranger, file), 'BUNDLE_UNKNOWN_SENDER')).en).toMatch(/^The sender of this bundle, .+ \(12\.18\.04\), is not enrolled at this office\./)

    await receive(kab, file)
    expect((await keyed(() => receive(kab, file), 'BUNDLE_ALREADY_IMPORTED')).en).toMatch(/^Bundle number 1 from .+ has already been imported; there is nothing to do\.$/)

    const card = JSON.stringify(makeCard(kec04))
    expect((await keyed(() => enrolOffice(stranger, card, 'AAAA-BBBB'), 'FINGERPRINT_MISMATCH')).en).toMatch(/^The fingerprint does not match: this card has .+, typed was .+\. Do not enrol this office; call its operator again\.$/)
  })

  it('wrong password, then locked; a backup that is not there; an empty month submitted', async () => {
    const ctx = makeCtx({ office: '12.18.04' })
    addUser(ctx, 'operator', 'sri')
    const seen: string[] = []
    for (let i = 0; i < LOCKOUT.freeTries + 1; i++) {
      const r = await keyed(() => login(ctx, 'sri', 'salah-terus'), i < LOCKOUT.freeTries - 1 ? 'LOGIN_FAILED' : 'LOGIN_LOCKED')
      seen.push(r.en)
    }
    expect(seen[0]).toBe('Wrong username or password.')
    expect(seen.join('\n')).toMatch(/After \d+ wrong tries the account is locked for \d+ seconds\.|The account "sri" is locked; try again in \d+ seconds?\./)
    expect((await keyed(() => restoreInContext(ctx, join(tempDir('simpul-nobackup-'), 'gone.db')), 'NOT_FOUND')).en).toMatch(/^The backup file .+ does not exist\.$/)
    // The monthly report's submission: a month without reports, with the month in words in each language.
    const empty = await keyed(() => submitMonth(ctx, '2025-03'), 'REPORT_EMPTY')
    expect(empty.id).toBe('Belum ada laporan posyandu untuk Maret 2025; isi laporan dulu sebelum diajukan.')
    expect(empty.en).toBe('There are no posyandu reports for March 2025 yet; fill them in before submitting.')
  })
})

/** A kader sheet with the usual header over `rows`, at Sei Rampah with Posyandu Anggrek, previewed. */
async function kaderSheet(rows: string[][]) {
  const ctx = makeCtx({ office: '12.18.04' })
  addPosyandu(ctx, 'Posyandu Anggrek', SEI_RAMPAH)
  const file = await workbook([['Nama Kader', 'NIK', 'JK', 'Tgl Lahir', 'Jabatan', 'Nama Posyandu', 'Desa/Kelurahan'], ...rows])
  return { ctx, file, p: await previewImport(ctx, 'kader', file) }
}
/** A preview row's reasons in English, by key where the row has one. */
const englishReasons = (r: Awaited<ReturnType<typeof previewImport>>['rows'][number]) => r.reasons.map((x, i) => (r.reasonMsgs?.[i] ? english(r.reasonMsgs[i]!) : x))

describe('spreadsheet import preview', () => {
  it('row reasons carry their key; the preview reads them in English', async () => {
    const { p } = await kaderSheet([
      ['', '1218045506920004', 'X', '15/06/1992', 'Anggota', 'Posyandu Anggrek', 'Sei Rampah'],
      ['Sri Rahayu', '1218', 'P', '15/06/1992', 'Anggota', 'Posyandu Anggrek', 'Sei Rampah'],
    ])
    const [noName, shortNik] = p.rows
    expect(noName.reasons).toEqual(expect.arrayContaining(['Nama kader kosong', 'Jenis kelamin "X" tidak dikenal (L/P)']))
    expect(shortNik.reasons).toContain('NIK harus 16 digit (tertulis 4 karakter).')
    expect(englishReasons(noName)).toEqual(expect.arrayContaining(['The cadre name is empty', 'Sex "X" is not known (L = male / P = female)']))
    expect(englishReasons(shortNik)).toContain('A NIK has 16 digits (4 characters typed).')
    for (const text of [...englishReasons(noName), ...englishReasons(shortNik)]) expect(indonesianIn(text), text).toEqual([])
  })
})

describe('a long-running worker', () => {
  it('still reads refusals made from new input by key after more than 20,000 distinct invalid NIKs', () => {
    const ctx = makeCtx({ office: '12.18.04' })
    const before = schemaTextCount()
    // 21,000 NIKs with distinct impossible birth dates (month 13–99): each refusal a sentence never seen before.
    const niks = Array.from({ length: 21_000 }, (_, i) => `121804${String(i % 40).padStart(2, '0')}${13 + (Math.floor(i / 40) % 87)}${String(Math.floor(i / 3480)).padStart(2, '0')}0001`)
    expect(new Set(niks).size).toBe(21_000)
    const last: { message: string; msg?: Msg }[] = []
    for (const [i, nik] of niks.entries()) {
      let err: unknown
      try {
        insertRow(ctx, 'kader', { nik, name: 'Siti Aminah', sex: 'P', role: 'anggota', birth_date: '1984-05-12' }, { scope: '12.18.04' })
      } catch (e) {
        err = e
      }
      const e = err as { code: string; message: string; msg?: Msg }
      expect(e?.code, nik).toBe('INVALID_ROW')
      if (i >= niks.length - 3) last.push(e)
    }
    // The last ones, made long after 20,000 others, are still keyed and read English.
    for (const e of last) {
      expect(e.msg, e.message).toBeDefined()
      expect(sayId(e.msg!)).toBe(e.message)
      expect(english(e.msg!)).toMatch(/^Cadres "Siti Aminah \(NIK 1218\*+0001\)" cannot be saved: nik: The birth date inside the NIK is impossible \(\d\d-\d\d-\d\d\)\.\.?$/)
    }
    // Input never adds to the texts kept for zod's built-in checks.
    expect(schemaTextCount()).toBe(before)
    ctx.close()
  }, 120_000)
})

describe('the rarer refusals of core', () => {
  /** An operation's refusal, checked: keyed, its Indonesian sentence from the key, English without Indonesian words. */
  async function refusedEnglish(p: Promise<{ ok: boolean; error?: { code: string; message: string; msg?: Msg } }>, code: string): Promise<{ id: string; en: string }> {
    const r = await p
    expect(r.ok, JSON.stringify(r)).toBe(false)
    return checked(r.error!, code)
  }
  function thrownEnglish(run: () => unknown, code: string): { id: string; en: string } {
    let err: unknown
    try {
      run()
    } catch (e) {
      err = e
    }
    return checked(err as { code: string; message: string; msg?: Msg }, code)
  }
  function checked(e: { code: string; message: string; msg?: Msg }, code: string): { id: string; en: string } {
    expect(e?.code, e?.message).toBe(code)
    expect(e.msg, e.message).toBeDefined()
    expect(templateOf(MESSAGES_ID, e.msg!.key), e.msg!.key).toBeDefined()
    expect(sayId(e.msg!)).toBe(e.message)
    const en = refusalText(e.code, e.message, undefined, 'en', e.msg)
    expect(en).not.toMatch(/\{\{|undefined/)
    expect(indonesianIn(en), en).toEqual([])
    return { id: e.message, en }
  }

  it('regulation, evaluation period, office setup, form period, card relation: Indonesian as before, English by key', async () => {
    const kab = makeCtx({ office: '12.18' })
    const reg = { kind: 'Perbup', number: '12', year: 2024, title: 'Posyandu Terintegrasi', dateSigned: '2024-03-10' }
    const made = await dispatch(kab, 'regulation.create', reg)
    expect(made.ok).toBe(true)
    const again = await refusedEnglish(dispatch(kab, 'regulation.create', reg), 'REGULATION_EXISTS')
    expect(again.id).toBe('Perbup nomor 12 tahun 2024 sudah terdaftar.')
    expect(again.en).toBe('Perbup number 12 of 2024 is already registered.')
    const id = (made as { data: { id: string } }).data.id
    const self = await refusedEnglish(dispatch(kab, 'regulation.setStatus', { id, status: 'dicabut', byId: id }), 'REGULATION_SELF')
    expect(self.id).toBe('Sebuah regulasi tidak dapat mencabut dirinya sendiri.')
    expect(self.en).toBe('A regulation cannot revoke itself.')
    const wrongYear = await refusedEnglish(dispatch(kab, 'regulation.create', { ...reg, number: '13', dateSigned: '2023-12-31' }), 'REGULATION_DATE_YEAR')
    expect(wrongYear.en).toBe('The signing date 2023-12-31 does not fall in 2024.')

    const period = { name: 'Monev 2025', year: 2025, indicatorSetCode: 'strata-2011' }
    expect((await dispatch(kab, 'evaluation.periodCreate', period)).ok).toBe(true)
    const dup = await refusedEnglish(dispatch(kab, 'evaluation.periodCreate', period), 'PERIOD_EXISTS')
    expect(dup.id).toBe('Periode "Monev 2025" tahun 2025 sudah ada.')
    expect(dup.en).toBe('Period "Monev 2025" of 2025 already exists.')
    const unknownSet = await refusedEnglish(dispatch(kab, 'evaluation.periodCreate', { ...period, name: 'Monev Lain', indicatorSetCode: 'no-such-set' }), 'RULES_UNKNOWN')
    expect(unknownSet.en).toMatch(/^Indicator set "no-such-set" is not known\. Choices: strata-2011/)

    const province = await refusedEnglish(dispatch(kab, 'province.offer', { kind: 'indicator_set', code: 'strata-2011', thresholds: {} }), 'PROVINCE_ONLY')
    expect(province.id).toBe('Hanya kantor provinsi yang menawarkan set indikator dan formulir kepada kabupaten/kota.')

    const monthly = { code: 'F', periodType: 'monthly' } as never
    const period2 = thrownEnglish(() => checkPeriod(monthly, '2026'), 'PERIOD_INVALID')
    expect(period2.id).toBe('Periode "2026" tidak cocok dengan formulir F (bulanan: YYYY-MM).')
    expect(period2.en).toBe('Period "2026" does not fit form F (monthly: YYYY-MM).')

    const own = relationProblemMsg({ wilayahCode: '12.18', level: 'kabupaten' }, { wilayahCode: '12.19.01', level: 'kecamatan' })!
    expect(sayId(own)).toBe('Kantor kabupaten 12.18 hanya dapat mendaftarkan kantor kecamatan di wilayahnya (12.18.xx); kartu ini milik 12.19.01.')
    expect(english(own)).toBe('District office 12.18 can only enrol subdistrict offices in its area (12.18.xx); this card belongs to 12.19.01.')
    kab.close()

    const fresh = makeCtx({ office: '12.18' })
    const level = thrownEnglish(() => setupOffice(fresh, { wilayahCode: '12.18', level: 'kecamatan', name: 'Kantor' } as never), 'OFFICE_EXISTS')
    expect(level.en).toBe('The office has already been set up in this database.')
    fresh.close()
  })

  it('an expression own error (parse, unknown field, wrong type) reads English by key inside formCheck.expr', () => {
    const rules = ['d <= (s', 'd + s', 'd <= x', '(d < s) + 1', 'd < s < n', 'foo(d)', 'min(d)', 'd <= s #', 'prev.x.y', 'if(d, 1, 2) > 0', 'd == (s > 1)', 'and d']
    for (const expr of rules) {
      const problems = checkForm({ ...form, rules: [{ ...form.rules[0], id: 'uji', expr }] } as FormDef)
      const p = problems.find((x) => x.path.endsWith('.expr'))
      expect(p, expr).toBeDefined()
      expect(sayId(p!.msg)).toBe(p!.message)
      const text = english(p!.msg)
      expect(text, expr).toMatch(/^Rule "uji": ".*" is not valid: /)
      expect(indonesianIn(text), `${expr}: ${text}`).toEqual([])
      expect(text).not.toMatch(/diharapkan|isian|tertulis|harus|bukan|fungsi|angka/)
    }
    const field = checkForm({ ...form, rules: [{ ...form.rules[0], id: 'uji', expr: 'd <= x' }] } as FormDef).find((x) => x.path.endsWith('.expr'))!
    expect(field.message).toMatch(/isian "x" tidak ada dalam formulir \(yang ada: /)
    expect(english(field.msg)).toMatch(/^Rule "uji": "d <= x" is not valid: the field "x" is not in the form \(fields: /)
    const paren = checkForm({ ...form, rules: [{ ...form.rules[0], id: 'uji', expr: 'd <= (s' }] } as FormDef).find((x) => x.path.endsWith('.expr'))!
    expect(paren.message).toBe('Aturan "uji": "d <= (s" tidak sah: diharapkan ")", tertulis akhir ekspresi')
    expect(english(paren.msg)).toBe('Rule "uji": "d <= (s" is not valid: ")" expected, found the end of the expression')
    const sum = checkForm({ ...form, rules: [{ ...form.rules[0], id: 'uji', expr: 'd + s' }] } as FormDef).find((x) => x.path.endsWith('.expr'))!
    expect(english(sum.msg)).toBe('Rule "uji": "d + s" is not valid: a rule must give yes/no (for example "d <= s"), not a number')
  })

  it('form definition and province offer problems read English by key', () => {
    const broken = { ...form, code: 'x', sections: [], fields: [], rules: [], indicators: [] } as FormDef
    const problems = checkForm(broken)
    expect(problems.length).toBeGreaterThan(2)
    for (const p of problems) {
      expect(sayId(p.msg)).toBe(p.message)
      expect(indonesianIn(english(p.msg)), english(p.msg)).toEqual([])
    }
    expect(problems.map((p) => english(p.msg))).toEqual(expect.arrayContaining(['A form needs at least one section', 'A form needs at least one field']))
    const offer = offerDefinitionProblems('indicator_set', 'lain', JSON.stringify({ code: 'lain' }))
    expect(offer.map(sayId)).toEqual(['set indikator "lain" bukan set bawaan Simpul; provinsi hanya dapat menawarkan ambang baru untuk set bawaan'])
    expect(english(offer[0])).toBe('indicator set "lain" is not a set built into Simpul; a province can only offer new thresholds for built-in sets')
    // The whole-bundle refusal, as the import builds it.
    const whole = msg('bundle.refusedAll', { n: 1, name: 'Kecamatan Sei Rampah', code: '12.18.04', rows: [msg('bundle.refusedRow', { table: policyOf('posyandu')!.label, label: 'Posyandu Melati', reason: 'x' })], more: '' })
    expect(sayId(whole)).toBe('Bundel ditolak seluruhnya: 1 baris di luar wewenang Kecamatan Sei Rampah (12.18.04): Posyandu "Posyandu Melati" (x).')
    expect(english(whole)).toBe('The whole bundle was refused: 1 row outside the authority of Kecamatan Sei Rampah (12.18.04): Posyandu "Posyandu Melati" (x).')
  })

  it('spreadsheet reasons under a column name and the sheet refusals read English', async () => {
    const { ctx, file, p } = await kaderSheet([
      ['Sri Rahayu', '1218045506920004', 'P', '31/02/1992', 'Anggota', 'Posyandu Anggrek', 'Sei Rampah'],
      ['Ani', '1218045506920005', 'P', '15/06/1992', 'Anggota', 'Posyandu Mawar', 'Desa Entah'],
    ])
    const [badDate, badPlace] = p.rows
    expect(badDate.reasons).toContain('Tgl lahir: "31/02/1992" bukan tanggal yang mungkin (dibaca hari/bulan/tahun)')
    expect(englishReasons(badDate)).toContain('Birth date: "31/02/1992" is not a possible date (read as day/month/year)')
    expect(englishReasons(badPlace)).toContain('Village "Desa Entah" is not in the area of this office')
    for (const text of [...englishReasons(badDate), ...englishReasons(badPlace)]) expect(indonesianIn(text), text).toEqual([])
    let refused: unknown
    try {
      await applyImport(ctx, 'kader', file, undefined, false)
    } catch (e) {
      refused = e
    }
    const all = checked(refused as { code: string; message: string; msg?: Msg }, 'IMPORT_HAS_ERRORS')
    expect(all.id).toBe('2 baris bermasalah; tidak ada yang diimpor. Perbaiki berkasnya, atau pilih "impor baris yang benar saja".')
    expect(all.en).toBe('2 rows have problems; nothing was imported. Correct the file, or choose "import the valid rows only".')
    ctx.close()
  })
})

describe('a bundle\'s per-row reasons', () => {
  it('read English by key: a row left out for the data rules (a forged set, a leaked column) and a row refused whole', async () => {
    const { craft, edited, kabupatenWorld, op, rowOf } = await import('../helpers/adversary')
    const { refusal } = await import('../helpers/exchange')
    const w = await kabupatenWorld()
    const [a] = w.kec
    const saved = await op(w.kab, 'evaluation.indicatorSetSave', { code: 'strata-2011', thresholds: { kader: 6 } })
    await receive(a, send(w.kab, a, w.outDir))
    const stored = rowOf(w.kab, 'indicator_set', saved.edited!.id)!
    const def = JSON.parse(String(stored.definition_json))
    // The code inside the definition differs from the row's: left out, the reason in a set row's words.
    const forged = edited(stored, { definition_json: JSON.stringify({ ...def, code: 'longgar' }) })
    const report = await receive(a, craft(w.kab, a, w.outDir, 'indicator_set', [forged]), { dryRun: true })
    const item = report.items.find((i) => i.action === 'rejected')!
    expect(item.note).toBe('tidak memenuhi aturan data: kode di dalam definisi set indikator tidak sama dengan kode set "strata-2011"')
    expect(sayId(item.noteMsg!)).toBe(item.note)
    expect(english(item.noteMsg!)).toBe('does not meet the data rules: the code inside the indicator set definition differs from the set code "strata-2011"')

    // A kecamatan's bundle with the kabupaten's set: refused whole, each row's reason in English.
    const own = { ...stored, id: newId(), scope: '12.18', rev: 1, code: 'strata-2011', name: 'Longgar' }
    const e = await refusal(receive(w.kab, craft(a, w.kab, w.outDir, 'indicator_set', [own])))
    expect(e.code).toBe('BUNDLE_UNAUTHORISED')
    const en = refusalText(e.code, e.message, e.details, 'en', e.msg)
    expect(en).toMatch(/office 12\.18\.04 may not add indicator sets of area 12\.18/)
    expect(indonesianIn(en), en).toEqual([])
  })
})
