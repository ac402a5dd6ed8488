#!/usr/bin/env node
// Signs a release installer for "update from a file":
//   node scripts/sign-release.mjs <installer> --version 0.2.0 --key <release-private-key.pem>
// writes <installer>.simpul-sig. Make a key once with:
//   openssl genpkey -algorithm ed25519 -out release-private-key.pem
//   openssl pkey -in release-private-key.pem -pubout -out resources/update/release-public-key.pem
// Keep the private key off this repository.
import { createHash, createPrivateKey, sign } from 'node:crypto'
import { readFileSync, writeFileSync } from 'node:fs'
import { basename } from 'node:path'
import { parseArgs } from 'node:util'

const { values, positionals } = parseArgs({ options: { version: { type: 'string' }, key: { type: 'string' } }, allowPositionals: true })
const [installer] = positionals
if (!installer || !values.version || !values.key) {
  console.error('Pemakaian: node scripts/sign-release.mjs <penginstal> --version X.Y.Z --key <kunci-privat.pem>')
  process.exit(2)
}
const bytes = readFileSync(installer)
const fields = { format: 'simpul-release-signature/1', file: basename(installer), version: values.version, size: bytes.length, sha256: createHash('sha256').update(bytes).digest('hex') }
const text = JSON.stringify([fields.format, fields.file, fields.version, fields.size, fields.sha256])
const signature = sign(null, Buffer.from(text), createPrivateKey(readFileSync(values.key))).toString('base64')
writeFileSync(`${installer}.simpul-sig`, JSON.stringify({ ...fields, signature }, null, 2))
console.log(`${installer}.simpul-sig`)
