import { readFileSync, existsSync } from 'node:fs'
import { dirname, join, resolve } from 'node:path'
import { generateDemo, type DemoScale } from '../../core/demo'
import { generateProvinceDemo } from '../../core/demo/province'
import { generateNationalDemo } from '../../core/demo/national'
import { checkNik } from '../../core/registry/nik'
import { applyImport, FIELDS, mappingFromPairs, previewImport } from '../../core/registry/xlsx'
import { AppError } from '../../shared/result'
import { countUsers, createUser } from '../../core/people/users'
import { protectAndTell } from '../login'
import { EXIT, UsageError, type Command, withCtx } from '../command'


export const registryCommands: Command[] = [
  {
    name: 'check nik',
    summary: 'uraikan NIK: wilayah, tanggal lahir, jenis kelamin, kesalahan, peringatan',
    usage: 'check nik <NIK> [--birth TTTT-BB-HH] [--sex L|P]',
    access: 'none',
    options: { birth: { type: 'string' }, sex: { type: 'string' } },
    run: (r) =>
      withCtx(r, (ctx) => {
        const nik = r.args[0]
        if (!nik) throw new UsageError('sebutkan NIK')
        const sex = r.values.sex as string | undefined
        if (sex && sex !== 'L' && sex !== 'P') throw new UsageError('--sex harus L atau P')
        const rep = checkNik(ctx.sqlite, ctx.clock, nik, { birthDate: (r.values.birth as string) ?? null, sex: (sex as 'L' | 'P') ?? null })
        r.print(rep, () => {
          const lines: string[] = []
          if (rep.decoded) {
            const d = rep.decoded
            lines.push(`NIK ${d.nik}`)
            lines.push(`  wilayah      ${d.kecamatanCode}  ${[rep.region?.kecamatan, rep.region?.kabupaten, rep.region?.provinsi].filter(Boolean).join(', ') || '(tidak dikenal)'}`)
            lines.push(`  lahir        ${d.birthDate}`)
            lines.push(`  kelamin      ${d.sex === 'L' ? 'laki-laki' : 'perempuan'}`)
            lines.push(`  nomor urut   ${d.serial}`)
          }
          for (const e of rep.errors) lines.push(`KESALAHAN: ${e.message}`)
          for (const w of rep.warnings) lines.push(`Peringatan: ${w.message}`)
          return lines.join('\n')
        })
        return rep.valid ? EXIT.ok : EXIT.refused
      }),
  },
  {
    name: 'demo',
    summary: 'buat data demo yang realistis (deterministik per seed)',
    usage: 'demo --scale kecamatan|kabupaten|provinsi|nasional|national [--seed N] [--admin <nama pengguna>] [--size 0.1] [--work <folder kantor kabupaten/provinsi>]',
    access: { ops: ['registry.posyanduSave', 'registry.kaderSave', 'honor.personSave', 'evaluation.monthlySave'], bootstrap: true },
    options: { scale: { type: 'string' }, seed: { type: 'string' }, admin: { type: 'string' }, size: { type: 'string' }, work: { type: 'string' }, years: { type: 'string' } },
    run: (r) =>
      withCtx(r, async (ctx) => {
        const scale = r.values.scale as string | undefined
        if (!scale || !['kecamatan', 'kabupaten', 'provinsi', 'nasional', 'national'].includes(scale)) throw new UsageError('--scale harus kecamatan, kabupaten, provinsi, nasional atau national: provinsi dan nasional membuat kantor provinsi atau nasional dari bundel kantor di bawahnya; national membuat satu registri seukuran nasional (300.000 posyandu) untuk uji beban')
        const seed = Number(r.values.seed ?? 1)
        if (!Number.isInteger(seed)) throw new UsageError('--seed harus bilangan bulat')
        const admin = r.values.admin as string | undefined
        // The demos built from offices below (provinsi, nasional): their size, years and work folder.
        const officesOptions = (defaultSize: number, sizeHint: string, workName: string) => {
          const size = Number(r.values.size ?? defaultSize)
          if (!(size > 0 && size <= 1)) throw new UsageError(`--size harus bilangan antara 0 dan 1 (${sizeHint})`)
          const years = Number(r.values.years ?? 2)
          if (!Number.isInteger(years) || years < 1 || years > 10) throw new UsageError('--years harus 1 sampai 10')
          return { size, years, workDir: resolve((r.values.work as string | undefined) ?? join(dirname(ctx.dataFile), workName)) }
        }
        // --admin on a database without people: that person, as the administrator, who encrypts
        // the database at once and is told the recovery code (as `init` and `user add` do), so the
        // window can be logged into — at every scale alike.
        const firstAdmin = async () => {
          if (!admin || countUsers(ctx.sqlite) !== 0) return
          const password = await r.password(`Kata sandi administrator ${admin}`)
          const user = await createUser(ctx, { username: admin, displayName: admin, role: 'admin', password })
          await protectAndTell(ctx, user, password, r.note)
        }
        if (scale === 'nasional') {
          // A national office (ID) fed by two province offices, each fed by its own kabupaten/kota offices: real bundles all the way.
          const { size, years, workDir } = officesOptions(0.1, 'bagian dari provinsi seukuran Kepulauan Riau, per provinsi', 'kantor-provinsi')
          r.note(`Membuat data demo skala nasional (seed ${seed}, ukuran ${size}); kantor provinsi dan kabupaten/kota di ${workDir}…`)
          const n = await generateNationalDemo(ctx, { seed, size, workDir, years })
          await firstAdmin()
          r.print(n, () =>
            [
              `Data demo untuk ${n.office.name} (${n.office.wilayahCode}) selesai dalam ${(n.ms / 1000).toFixed(1)} detik: ${n.provinces.length} kantor provinsi, masing-masing meneruskan data kantor kabupaten/kotanya dalam bundel bertanda tangan.`,
              ...n.provinces.map((p) => `  ${p.code} ${p.name.padEnd(28)} ${p.kabupaten} kab/kota  posyandu ${String(p.counts.posyandu ?? 0).padStart(5)}  kader ${String(p.counts.kader ?? 0).padStart(6)}  bundel ${p.bundle.rows.toLocaleString('id-ID')} baris (${(p.bundle.sizeBytes / 1024).toFixed(0)} KB)`),
              `  jumlah: posyandu ${(n.counts.posyandu ?? 0).toLocaleString('id-ID')}, kader ${(n.counts.kader ?? 0).toLocaleString('id-ID')}, laporan bulanan ${(n.counts.monthly_report ?? 0).toLocaleString('id-ID')}`,
            ].join('\n'),
          )
          return EXIT.ok
        }
        if (scale === 'provinsi') {
          // Kabupaten/kota offices of their own, beside the province database (or in --work); their bundles come in through the import stages.
          const { size, years, workDir } = officesOptions(1, '1 = seukuran Kepulauan Riau: 1.463 posyandu', 'kantor-kabupaten')
          r.note(`Membuat data demo skala provinsi (seed ${seed}, ukuran ${size}); kantor kabupaten/kota di ${workDir}…`)
          const p = await generateProvinceDemo(ctx, { seed, size, workDir, years })
          await firstAdmin()
          r.print(p, () =>
            [
              `Data demo untuk ${p.office.name} (${p.office.wilayahCode}) selesai dalam ${(p.ms / 1000).toFixed(1)} detik: ${p.kabupaten.length} kantor kabupaten/kota, masing-masing dengan basis datanya sendiri, mengirim bundel bertanda tangan ke provinsi.`,
              ...p.kabupaten.map((k) => `  ${k.code} ${k.name.padEnd(28)} posyandu ${String(k.posyandu).padStart(5)}  kader ${String(k.kader).padStart(6)}  laporan ${String(k.monthlyReports).padStart(6)}  bundel ${k.bundle.rows.toLocaleString('id-ID')} baris (${(k.bundle.sizeBytes / 1024).toFixed(0)} KB)`),
              `  jumlah: posyandu ${p.counts.posyandu.toLocaleString('id-ID')}, kader ${p.counts.kader.toLocaleString('id-ID')}, laporan bulanan ${p.counts.monthly_report.toLocaleString('id-ID')}`,
            ].join('\n'),
          )
          return EXIT.ok
        }
        r.note(`Membuat data demo skala ${scale} (seed ${seed})…`)
        const s = generateDemo(ctx, { scale: scale as DemoScale, seed })
        await firstAdmin()
        r.print(s, () =>
          [`Data demo untuk ${s.office.name} (${s.office.wilayahCode}) selesai dalam ${(s.ms / 1000).toFixed(1)} detik:`, ...Object.entries(s.counts).map(([k, v]) => `  ${k.padEnd(14)} ${v.toLocaleString('id-ID')}`)].join('\n'),
        )
        return EXIT.ok
      }),
  },
  {
    name: 'import xlsx',
    summary: 'impor kader atau posyandu dari .xlsx dengan laporan per baris',
    usage: 'import xlsx --kind kader|posyandu <berkas> [--map "Kolom=field"]... [--dry-run] [--valid-only]',
    access: { ops: ['registry.importApply'] },
    options: { kind: { type: 'string' }, map: { type: 'string', multiple: true }, 'dry-run': { type: 'boolean' }, 'valid-only': { type: 'boolean' } },
    run: (r) =>
      withCtx(r, async (ctx) => {
        const kind = r.values.kind as string | undefined
        if (kind !== 'kader' && kind !== 'posyandu') throw new UsageError('--kind harus kader atau posyandu')
        const file = r.args[0]
        if (!file) throw new UsageError('sebutkan berkas .xlsx')
        if (!existsSync(resolve(file))) throw new AppError('NOT_FOUND', `Berkas ${file} tidak ada.`)
        const data = readFileSync(resolve(file))
        const dry = Boolean(r.values['dry-run'])
        // "--map 'Lokasi / Nama Posyandu=posyandu'": the column (its text or its letter) for a field.
        const pairs = (r.values.map as string[] | undefined) ?? []
        const mapping = pairs.length ? mappingFromPairs(kind, pairs) : undefined
        const res = dry ? await previewImport(ctx, kind, data, mapping) : await applyImport(ctx, kind, data, mapping, Boolean(r.values['valid-only']))
        const used = new Set(Object.values(res.mapping))
        const label = (key: string) => FIELDS[kind].find((x) => x.key === key)?.label ?? key
        r.print(res, () =>
          [
            `Lembar "${res.sheet}", judul kolom di baris ${res.headerRows.from}${res.headerRows.to > res.headerRows.from ? `–${res.headerRows.to}` : ''}.`,
            `Kolom: ${Object.entries(res.mapping).filter(([, h]) => h).map(([k, h]) => `"${h}" → ${k} (${label(k)})`).join(', ')}`,
            ...(res.headers.some((h) => h && !used.has(h)) ? [`Tidak dipakai: ${res.headers.filter((h) => h && !used.has(h)).map((h) => `"${h}"`).join(', ')}`] : []),
            ...res.notices,
            ...res.rows.map((x) => `baris ${String(x.row).padStart(4)}  ${x.status.padEnd(9)} ${x.label}${x.reasons.length ? ` — ${x.reasons.join('; ')}` : ''}${x.warnings.length ? ` (peringatan: ${x.warnings.join('; ')})` : ''}`),
            `baru ${res.counts.new}, berubah ${res.counts.changed}, sama ${res.counts.unchanged}, salah ${res.counts.error}`,
            dry ? 'Uji coba: tidak ada yang ditulis.' : `Ditulis: ${'written' in res ? res.written : 0} baris.`,
          ].join('\n'),
        )
        return dry && res.counts.error > 0 ? EXIT.refused : EXIT.ok
      }),
  },
]
