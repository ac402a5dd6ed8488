// Self time of a .cpuprofile by function and by file, largest first:
//   npx tsx bench/profile-summary.ts /tmp/prof/import-0.cpuprofile [top=40]
import { readFileSync } from 'node:fs'

interface Node {
  id: number
  callFrame: { functionName: string; url: string; lineNumber: number }
  children?: number[]
}
const [file, topArg] = process.argv.slice(2)
const p = JSON.parse(readFileSync(file, 'utf8')) as { nodes: Node[]; samples: number[]; timeDeltas: number[] }
const byId = new Map(p.nodes.map((n) => [n.id, n]))
const self = new Map<number, number>()
p.samples.forEach((id, i) => self.set(id, (self.get(id) ?? 0) + (p.timeDeltas[i] ?? 0)))
const total = [...self.values()].reduce((a, b) => a + b, 0)
const short = (url: string) => url.replace(/^file:\/\/.*?\/(src|bench|tests|node_modules)\//, '$1/')
const add = (m: Map<string, number>, k: string, v: number) => m.set(k, (m.get(k) ?? 0) + v)
const fn = new Map<string, number>()
const files = new Map<string, number>()
for (const [id, us] of self) {
  const n = byId.get(id)!.callFrame
  add(fn, `${n.functionName || '(anonymous)'} ${short(n.url)}:${n.lineNumber + 1}`, us)
  add(files, short(n.url) || '(native)', us)
}
const print = (title: string, m: Map<string, number>, top: number) => {
  console.log(`— ${title}`)
  for (const [k, us] of [...m].sort((a, b) => b[1] - a[1]).slice(0, top)) console.log(`${(us / 1000).toFixed(1).padStart(8)} ms  ${k}`)
}
console.log(`total ${(total / 1000).toFixed(0)} ms sampled`)
print('self time by function', fn, Number(topArg ?? 40))
print('self time by file', files, 20)
