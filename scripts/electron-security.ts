// Runs @doyensec/electronegativity over src/ and fails on any MEDIUM or higher finding
// that is not justified in security/electronegativity-justified.json.
import { execFileSync } from 'node:child_process'
import { mkdtempSync, readFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { parseCsv } from '../src/core/wilayah/reference'

const root = new URL('..', import.meta.url).pathname
const out = join(mkdtempSync(join(tmpdir(), 'eneg-')), 'findings.csv')
execFileSync(join(root, 'node_modules', '.bin', 'electronegativity'), ['-i', join(root, 'src'), '-r', '-v', 'false', '-e', '45.0.0', '-o', out], {
  stdio: ['ignore', 'ignore', 'inherit'],
})

const [, ...findings] = parseCsv(readFileSync(out, 'utf8'))
const justified = JSON.parse(readFileSync(join(root, 'security', 'electronegativity-justified.json'), 'utf8'))
const serious = findings.filter((f) => f.length > 4 && ['MEDIUM', 'HIGH', 'CRITICAL'].includes(f[1].trim()))
const open = serious.filter((f) => !justified.some((j: { check: string; file: string }) => j.check === f[0].trim() && f[3].trim() === j.file))
for (const f of serious) console.log(`${open.includes(f) ? 'TERBUKA ' : 'dibenarkan'}  ${f[0]} ${f[1]} ${f[3]}:${f[4]}`)
if (open.length) {
  console.error(`electronegativity: ${open.length} temuan MEDIUM/HIGH tanpa alasan di security/electronegativity-justified.json`)
  process.exit(1)
}
console.log(`electronegativity: ${findings.length} temuan, ${serious.length} MEDIUM+ semuanya dibenarkan`)
