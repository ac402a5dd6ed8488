#!/usr/bin/env node
// Runs @doyensec/electronegativity over src/ and fails on any MEDIUM or higher finding
// that is not justified in security/electronegativity-justified.json.
import { execFileSync } from 'node:child_process'
import { mkdtempSync, readFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'

const root = new URL('..', import.meta.url).pathname
const out = join(mkdtempSync(join(tmpdir(), 'eneg-')), 'findings.csv')
execFileSync(join(root, 'node_modules', '.bin', 'electronegativity'), ['-i', join(root, 'src'), '-r', '-v', 'false', '-e', '45.0.0', '-o', out], {
  stdio: ['ignore', 'ignore', 'inherit'],
})

function parseCsv(text) {
  const rows = []
  let row = [], field = '', quoted = false
  for (let i = 0; i < text.length; i++) {
    const c = text[i]
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') (field += '"'), i++
      else if (c === '"') quoted = false
      else field += c
    } else if (c === '"') quoted = true
    else if (c === ',') row.push(field), (field = '')
    else if (c === '\n') row.push(field), rows.push(row), (row = []), (field = '')
    else field += c
  }
  if (field || row.length) row.push(field), rows.push(row)
  return rows
}

const [, ...findings] = parseCsv(readFileSync(out, 'utf8'))
const justified = JSON.parse(readFileSync(join(root, 'security', 'electronegativity-justified.json'), 'utf8'))
const serious = findings.filter((f) => f.length > 4 && ['MEDIUM', 'HIGH', 'CRITICAL'].includes(f[1].trim()))
const open = serious.filter((f) => !justified.some((j) => j.check === f[0].trim() && f[3].trim() === j.file))
for (const f of serious) console.log(`${open.includes(f) ? 'TERBUKA ' : 'dibenarkan'}  ${f[0]} ${f[1]} ${f[3]}:${f[4]}`)
if (open.length) {
  console.error(`electronegativity: ${open.length} temuan MEDIUM/HIGH tanpa alasan di security/electronegativity-justified.json`)
  process.exit(1)
}
console.log(`electronegativity: ${findings.length} temuan, ${serious.length} MEDIUM+ semuanya dibenarkan`)
