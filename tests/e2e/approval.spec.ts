import { execFileSync } from 'node:child_process'
import { fileURLToPath } from 'node:url'
import { ADMIN, expect, login, setupKecamatan, shot, test } from './fixtures'
import { tsScript } from './support/ts-script'

const ROOT = fileURLToPath(new URL('../..', import.meta.url))
const tsx = (script: string, ...args: string[]) => execFileSync(process.execPath, [...tsScript(script), ...args], { cwd: ROOT, encoding: 'utf8' })

test('the operator submits a month, the camat approves it (locking is tested in tests/core/report-approval.test.ts)', async ({ page, host }) => {
  await setupKecamatan(page, host)
  const [melati] = tsx('tests/e2e/helpers/seed-posyandu.ts', host.dbFile, '12.18.04.2001', 'Melati').trim().split('\n')
  tsx('tests/e2e/helpers/seed-monthly.ts', host.dbFile, melati, '2026-03')
  const camat = { username: 'camat', password: ADMIN.password }
  expect((await host.cli(['user', 'add', 'camat', '--role', 'pptk', '--name', 'Drs. Ahmad Camat'])).code).toBe(0)

  await login(page, host, ADMIN, 'evaluasi/persetujuan')
  await page.getByLabel('Tahun').fill('2026')
  const march = page.getByTestId('approvals').getByRole('row', { name: /Maret 2026/ })
  await expect(march).toContainText('Belum diajukan')
  // The administrator enters data and submits; approving is the camat's.
  await march.getByRole('button', { name: 'Ajukan' }).click()
  await expect(march).toContainText('Diajukan')
  await expect(march.getByRole('button', { name: 'Setujui' })).toHaveCount(0)

  await login(page, host, camat, 'evaluasi/persetujuan')
  await page.getByLabel('Tahun').fill('2026')
  await march.getByRole('button', { name: 'Setujui' }).click()
  await expect(march).toContainText('Disetujui kecamatan')
  await expect(march).toContainText('oleh Drs. Ahmad Camat')
  await shot(page, 'report-approval')
})
