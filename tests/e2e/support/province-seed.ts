// npx tsx tests/e2e/support/province-seed.ts <db file> — after `simpul demo --scale provinsi`:
// the province office's letterhead and the Ketua Tim Pembina Posyandu provinsi as signatory,
// set through dispatch as the settings screen would.
import { openContext } from '../../../src/core/context'
import { keyFor } from '../../helpers/raw-db'
import { dispatch } from '../../../src/core/handlers'

const [dbFile] = process.argv.slice(2)
const ctx = openContext({ dataFile: dbFile, host: 'cli', key: keyFor(dbFile) })
const admin = (ctx.sqlite.prepare(`SELECT id FROM app_user WHERE role = 'admin' AND active = 1 LIMIT 1`).get() as { id: string }).id
const settings: Record<string, string> = {
  'letterhead.government': 'PEMERINTAH PROVINSI KEPULAUAN RIAU',
  'letterhead.office': 'TIM PEMBINA POSYANDU PROVINSI KEPULAUAN RIAU',
  'letterhead.address': 'Jl. Basuki Rahmat No. 1, Tanjungpinang, Kepulauan Riau',
  'letterhead.place': 'Tanjungpinang',
  'sign.ketua_pembina_prov_name': 'Hj. Dewi Kumalasari Ansar',
  'sign.ketua_pembina_prov_nip': '197205151998032004',
}
for (const [key, value] of Object.entries(settings)) {
  const r = await dispatch(ctx, 'settings.set', { key, value }, { userId: admin })
  if (!r.ok) throw new Error(`${key}: ${r.error.message}`)
}
ctx.close()
