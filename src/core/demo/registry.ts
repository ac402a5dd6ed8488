import { encodeNik, type Sex } from '../../shared/nik'
import type { DemoRun, DemoStep } from './index'
import { BIRTH_TOWNS, personName, posyanduNamer, regionMix, TRAININGS, type Region } from './names'

const pad = (n: number) => String(n).padStart(2, '0')
type Education = 'SD' | 'SMP' | 'SMA/SMK' | 'D1-D3' | 'S1/D4' | 'Tidak sekolah'
/** Older kader went to school when fewer finished SMA. */
const EDUCATION_BY_AGE: { upTo: number; weights: readonly (readonly [Education, number])[] }[] = [
  { upTo: 34, weights: [['SD', 4], ['SMP', 14], ['SMA/SMK', 56], ['D1-D3', 12], ['S1/D4', 13], ['Tidak sekolah', 1]] },
  { upTo: 49, weights: [['SD', 14], ['SMP', 26], ['SMA/SMK', 45], ['D1-D3', 7], ['S1/D4', 7], ['Tidak sekolah', 1]] },
  { upTo: 200, weights: [['SD', 32], ['SMP', 28], ['SMA/SMK', 31], ['D1-D3', 3], ['S1/D4', 4], ['Tidak sekolah', 2]] },
]
/** The first three of a posyandu are its pengurus; ages as on real lists (ketua usually the eldest). */
const ROLES = [
  ['ketua', 38, 62],
  ['sekretaris', 24, 50],
  ['bendahara', 28, 56],
] as const
const MEMBER_AGES = [20, 64] as const
const SETTLEMENT = /^(Dusun|Banjar|Lingkungan|Jorong|Kampung|Jaga|Huta|Lorong|Pasar|Simpang) /

interface PosyanduPlan {
  id: string
  scope: string
  name: string
  desa: string
  year: number
  address: string
  desaName: string
  /** Naming customs of the desa; most of its kader follow them. */
  region: Region
}

/**
 * Posyandu spread over every desa of the area, 3–12 kader each (skewed so the totals meet
 * the scale's targets), valid NIK from the kecamatan code, birth date and sex, memberships
 * and some trainings. Raw prepared statements: the national scale is 3 million rows.
 */
export const registryStep: DemoStep = {
  name: 'registry',
  run(d: DemoRun) {
    const { rng, ctx } = d
    const desa = d.kecamatan.flatMap((k) => d.desaOf(k.code).map((v) => ({ ...v, kec: k.code })))
    if (!desa.length) return { posyandu: 0, kader: 0 }
    const base = Math.floor(d.targets.posyandu / desa.length)
    const extra = new Set<number>()
    while (extra.size < d.targets.posyandu - base * desa.length) extra.add(rng.int(0, desa.length - 1))
    // Mean of 3 + floor(10 r^k) is about 2.5 + 10/(k+1): choose k to meet the kader target.
    const mean = d.targets.kader / d.targets.posyandu
    const k = Math.max(0.2, 10 / Math.max(mean - 2.5, 0.6) - 1)

    const insPosyandu = ctx.sqlite.prepare(
      `INSERT INTO posyandu (id, scope, rev, hlc, origin, deleted_at, name, desa_code, address, rt, rw, year_founded, kemendagri_number,
        is_phi_model, phi_decree, is_ilp, is_spm_pilot, status, status_date, status_reason, created_at, updated_at)
       VALUES (@id, @scope, @rev, @hlc, @origin, @deleted_at, @name, @desa_code, @address, @rt, @rw, @year_founded, @kemendagri_number,
        @is_phi_model, @phi_decree, @is_ilp, @is_spm_pilot, @status, @status_date, @status_reason, @now, @now)`,
    )
    const insMember = ctx.sqlite.prepare(
      `INSERT INTO kader_posyandu (id, scope, rev, hlc, origin, deleted_at, kader_id, posyandu_id, from_date, to_date)
       VALUES (@id, @scope, @rev, @hlc, @origin, @deleted_at, @kader_id, @posyandu_id, @from_date, NULL)`,
    )
    const insKader = ctx.sqlite.prepare(
      `INSERT INTO kader (id, scope, rev, hlc, origin, deleted_at, nik, name, sex, birth_date, birth_place, phone, education, role, active_from, active_to, notes, created_at, updated_at)
       VALUES (@id, @scope, @rev, @hlc, @origin, @deleted_at, @nik, @name, @sex, @birth_date, @birth_place, @phone, @education, @role, @active_from, NULL, NULL, @now, @now)`,
    )
    const insTraining = ctx.sqlite.prepare(
      `INSERT INTO kader_training (id, scope, rev, hlc, origin, deleted_at, kader_id, name, year, organiser)
       VALUES (@id, @scope, @rev, @hlc, @origin, @deleted_at, @kader_id, @name, @year, @organiser)`,
    )

    const phiDone = new Set<string>()
    const serial = new Map<string, number>()
    const counts = { posyandu: 0, kader: 0, kaderPosyandu: 0, kaderTraining: 0 }
    const posyanduOf = function* () {
      for (let i = 0; i < desa.length; i++) {
        const v = desa[i]
        const region = rng.weighted(regionMix(v.code))
        const nextName = posyanduNamer(rng, region, v)
        for (let j = 0; j < base + (extra.has(i) ? 1 : 0); j++) {
          const { name, dusun } = nextName()
          const address = dusun ? (SETTLEMENT.test(dusun) ? dusun : `Dusun ${dusun}`) : `Dusun ${rng.pick(['I', 'II', 'III', 'IV', 'V', 'VI'])}`
          yield { id: d.id(), scope: v.kec, name, desa: v.code, desaName: v.name, year: rng.int(1986, 2022), address, region } satisfies PosyanduPlan
        }
      }
    }
    const thisYear = Number(d.now.slice(0, 4))
    const mixOf = new Map<string, readonly (readonly [Region, number])[]>()
    const kecName = new Map(d.kecamatan.map((k) => [k.code, k.name]))

    d.batched(posyanduOf(), (p: PosyanduPlan) => {
      const phi = !phiDone.has(p.scope) && rng.chance(0.2)
      if (phi) phiDone.add(p.scope)
      const inactive = rng.chance(0.03)
      insPosyandu.run({
        ...d.travel(p.scope),
        id: p.id,
        name: p.name,
        desa_code: p.desa,
        address: p.address,
        rt: `00${rng.int(1, 9)}`,
        rw: `00${rng.int(1, 5)}`,
        year_founded: p.year,
        kemendagri_number: rng.chance(0.4) ? `${p.desa.replaceAll('.', '')}${pad(rng.int(1, 20))}` : null,
        is_phi_model: phi ? 1 : 0,
        phi_decree: phi ? 'Kepbup 154/060/2014' : null,
        is_ilp: rng.chance(0.15) ? 1 : 0,
        is_spm_pilot: rng.chance(0.05) ? 1 : 0,
        status: inactive ? 'nonaktif' : 'aktif',
        status_date: inactive ? `20${pad(rng.int(15, 25))}-${pad(rng.int(1, 12))}-01` : null,
        status_reason: inactive ? rng.pick(['Tidak ada kader aktif', 'Digabung dengan posyandu lain', 'Tempat kegiatan tidak tersedia']) : null,
        now: d.now,
      })
      counts.posyandu++
      const n = Math.min(12, 3 + Math.floor(10 * rng.next() ** k))
      for (let j = 0; j < n; j++) {
        const sex: Sex = rng.chance(0.95) ? 'P' : 'L'
        const [role, lo, hi] = ROLES[j] ?? ['anggota', ...MEMBER_AGES]
        // Members' ages bunch around 40: the mean of two uniform draws.
        const age = j < ROLES.length ? rng.int(lo, hi) : Math.round(lo + ((rng.next() + rng.next()) / 2) * (hi - lo))
        const birthYear = thisYear - age
        const birth = `${birthYear}-${pad(rng.int(1, 12))}-${pad(rng.int(1, 28))}`
        const next = ((serial.get(p.scope) ?? 0) % 9999) + 1
        serial.set(p.scope, next)
        if (!mixOf.has(p.scope)) mixOf.set(p.scope, regionMix(p.scope))
        const region = rng.chance(0.75) ? p.region : rng.weighted(mixOf.get(p.scope)!)
        const name = personName(rng, region, sex)
        // Most were born in the desa or kecamatan they serve; some elsewhere; a few lists leave it out.
        const place = rng.weighted([['desa', 40], ['kecamatan', 30], ['town', 22], ['none', 8]] as const)
        const birthPlace = place === 'desa' ? p.desaName : place === 'kecamatan' ? (kecName.get(p.scope) ?? p.desaName) : place === 'town' ? rng.pick(BIRTH_TOWNS[region]) : null
        const firstYear = Math.max(p.year, 2000, birthYear + 18)
        const since = `${rng.int(Math.min(firstYear, thisYear - 1), thisYear - 1)}-${pad(rng.int(1, 12))}-01`
        const kaderId = d.id()
        // Membership first: the kader insert trigger then indexes its posyandu for search once.
        insMember.run({ ...d.travel(p.scope), id: d.id(), kader_id: kaderId, posyandu_id: p.id, from_date: since })
        insKader.run({
          ...d.travel(p.scope),
          id: kaderId,
          nik: encodeNik(p.scope, birth, sex, next),
          name,
          sex,
          birth_date: birth,
          birth_place: birthPlace,
          phone: rng.chance(0.7) ? `08${rng.pick(['12', '13', '21', '22', '52', '53', '77', '78', '95'])}${String(rng.int(0, 99_999_999)).padStart(8, '0')}` : null,
          education: rng.weighted(EDUCATION_BY_AGE.find((e) => age <= e.upTo)!.weights),
          role,
          active_from: since,
          now: d.now,
        })
        counts.kader++
        counts.kaderPosyandu++
        for (let t = rng.weighted([[0, 50], [1, 35], [2, 15]] as const); t > 0; t--) {
          const [tname, organiser] = rng.pick(TRAININGS)
          insTraining.run({ ...d.travel(p.scope), id: d.id(), kader_id: kaderId, name: tname, year: rng.int(Number(since.slice(0, 4)), thisYear - 1), organiser })
          counts.kaderTraining++
        }
      }
    }, d.scale === 'national' ? 5_000 : 2_000)
    return counts
  },
}
