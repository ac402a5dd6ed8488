import { execFileSync } from 'node:child_process'
import { existsSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { gzipSync } from 'node:zlib'
import { appRoot } from '../../src/core/paths'
import type { Benchmark } from '../types'

/** What an old office PC must load before the first screen: the files index.html references. */
export const bundleSize: Benchmark = {
  name: 'renderer-bundle',
  run() {
    const dir = join(appRoot(), 'out', 'renderer')
    if (!existsSync(join(dir, 'index.html'))) execFileSync('npx', ['electron-vite', 'build'], { cwd: appRoot(), stdio: 'ignore' })
    const html = readFileSync(join(dir, 'index.html'), 'utf8')
    const refs = [...html.matchAll(/(?:src|href)="\.?\/?(assets\/[^"]+)"/g)].map((m) => m[1])
    let raw = 0
    let gz = 0
    for (const r of refs) {
      const bytes = readFileSync(join(dir, r))
      raw += bytes.length
      gz += gzipSync(bytes, { level: 9 }).length
    }
    const kb = (n: number) => Math.round(n / 1024)
    return [
      { name: `renderer initial bundle, gzip (${refs.length} files)`, figure: kb(gz), unit: 'KB', baseline: kb(raw), baselineLabel: 'same files uncompressed', goal: '≤ 600 KB', pass: kb(gz) <= 600 },
    ]
  },
}
