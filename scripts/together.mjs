// Runs npm scripts side by side and fails when any fails. `npm test` overlaps the type check
// (one thread), the security scan and the renderer build with the unit tests, which the 2-core
// CI machine would otherwise run in turn; the end-to-end tests come after them, alone (beside
// the unit tests a loaded machine pushed tests of both past their timeouts). While more than
// one runs, each output line is prefixed with its script's name.
import { spawn } from 'node:child_process'

const names = process.argv.slice(2)
const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm'
const width = Math.max(...names.map((n) => n.length))
const prefixed = names.length > 1

function run(name) {
  return new Promise((done) => {
    const child = spawn(npm, ['run', '-s', name], { stdio: prefixed ? ['inherit', 'pipe', 'pipe'] : 'inherit', shell: process.platform === 'win32' })
    if (prefixed) {
      for (const [from, to] of [[child.stdout, process.stdout], [child.stderr, process.stderr]]) {
        let rest = ''
        from.setEncoding('utf8')
        from.on('data', (text) => {
          const lines = (rest + text).split('\n')
          rest = lines.pop()
          for (const line of lines) to.write(`${name.padEnd(width)} │ ${line}\n`)
        })
        from.on('end', () => rest && to.write(`${name.padEnd(width)} │ ${rest}\n`))
      }
    }
    child.on('close', (code) => done(code ?? 1))
  })
}

const codes = await Promise.all(names.map(run))
const failed = names.filter((_, i) => codes[i] !== 0)
if (failed.length) {
  console.error(`Gagal: ${failed.join(', ')}`)
  process.exit(1)
}
