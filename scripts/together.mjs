// Runs npm scripts side by side and fails when any fails: `npm test` overlaps the type check
// (one core) with the renderer build, which the 2-core CI machine would otherwise run in turn.
import { spawn } from 'node:child_process'

const names = process.argv.slice(2)
const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm'
const codes = await Promise.all(
  names.map((name) => new Promise((done) => spawn(npm, ['run', '-s', name], { stdio: 'inherit', shell: process.platform === 'win32' }).on('close', (code) => done(code ?? 1)))),
)
const failed = names.filter((_, i) => codes[i] !== 0)
if (failed.length) {
  console.error(`Gagal: ${failed.join(', ')}`)
  process.exit(1)
}
