// Runs npm scripts side by side and fails when any fails. A name such as `build,test:e2e` is a
// chain: its scripts run one after another (the end-to-end tests need the renderer build), beside
// the others. `npm test` runs the type check, the security scan, the unit tests and the build
// with the end-to-end tests after it all at once: the 2-core CI machine was idle a third of the
// time when they ran in turn (the browser tests wait on pages, the type check is one thread).
// While more than one runs, each output line is prefixed with its script's name.
import { spawn } from 'node:child_process'

const chains = process.argv.slice(2).map((arg) => arg.split(',').filter(Boolean))
const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm'
const width = Math.max(...chains.flat().map((n) => n.length))
const prefixed = chains.length > 1

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

const failed = []
await Promise.all(
  chains.map(async (chain) => {
    for (const name of chain) {
      if ((await run(name)) !== 0) {
        failed.push(name)
        return // the rest of the chain needs this one
      }
    }
  }),
)
if (failed.length) {
  console.error(`Gagal: ${failed.join(', ')}`)
  process.exit(1)
}
