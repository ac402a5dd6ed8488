/**
 * Test helper: registers posyandu straight into a database (the registry screens are built
 * elsewhere) and fills the letterhead and signatories, as an office would once.
 * Usage: node --import tsx seed.ts <db> <name>@<desa code> ...   Prints the new ids as JSON.
 */
import { openContext } from '../../../src/core/context'
// The database is encrypted; its key is unwrapped with the test administrator's password.
import { keyFor } from '../../helpers/raw-db'
import { insertRow } from '../../../src/core/db/rows'
import { setSetting } from '../../../src/core/settings'

const [dataFile, ...specs] = process.argv.slice(2)
const ctx = openContext({ dataFile, host: 'cli', key: keyFor(dataFile) })
const ids = specs.map((s) => {
  const [name, desa] = s.split('@')
  return insertRow(ctx, 'posyandu', { name, desa_code: desa }, { scope: desa.split('.').slice(0, 3).join('.') }).id
})
const settings: Record<string, string> = {
  'letterhead.government': 'PEMERINTAH KABUPATEN SERDANG BEDAGAI',
  'letterhead.office': 'BADAN PERENCANAAN PEMBANGUNAN DAERAH',
  'letterhead.address': 'Jl. Negara No. 300, Sei Rampah 20695',
  'letterhead.place': 'Sei Rampah',
  'sign.pa_name': 'Ir. Ahmad Sofyan, M.Si',
  'sign.pa_nip': '197001011995031001',
  'sign.ketua_tim_name': 'Hj. Nuraini Siregar',
  'sign.ketua_tim_nip': '197505052000032002',
}
for (const [k, v] of Object.entries(settings)) setSetting(ctx.sqlite, k, v)
ctx.close()
process.stdout.write(`${JSON.stringify(ids)}\n`)
