import { describe, expect, it } from 'vitest'
import { contract, opNames, type OpName } from '../../src/shared/contract'
import { allowed, opRoles, ROLES } from '../../src/shared/contract/roles'
import { addUser, dispatch, makeCtx } from '../helpers/db'

/**
 * The role matrix, generated from the contract: every operation × every role is either
 * allowed (the dispatcher lets it through to input validation or the handler) or refused
 * with FORBIDDEN, exactly as shared/contract/roles.ts declares. A new operation is in
 * this matrix automatically (and without a roles entry it does not compile).
 */
/** No operation's schema accepts a number as its whole input. */
const BAD_INPUT = 42

describe('role matrix', () => {
  it('every operation of the contract declares its roles, and no role table entry names a missing operation', () => {
    expect(Object.keys(opRoles).sort()).toEqual([...opNames].sort())
    for (const op of opNames) {
      const rule = opRoles[op]
      expect(rule === 'public' || (Array.isArray(rule) && rule.length > 0 && rule.every((r) => (ROLES as readonly string[]).includes(r))), op).toBe(true)
    }
  })

  it('each role is allowed or refused for each operation as declared', async () => {
    const ctx = makeCtx({ office: '12.18.04' })
    const callers = Object.fromEntries(ROLES.map((r) => [r, addUser(ctx, r, `u-${r}`)]))
    // Calls with an input no schema accepts: an allowed call stops at validation (or a public
    // op's handler), a refused one before it, so nothing is written while the matrix runs.
    const before = ctx.sqlite.prepare('SELECT count(*) AS n FROM audit_log').get()
    let checked = 0
    for (const op of opNames) {
      for (const role of ROLES) {
        if (op === 'people.logout' || op === 'people.login') continue
        const res = await dispatch(ctx, op, BAD_INPUT, callers[role])
        const refused = !res.ok && res.error.code === 'FORBIDDEN'
        expect(refused, `${op} as ${role}: ${JSON.stringify(res).slice(0, 200)}`).toBe(!allowed(role, op))
        if (refused) expect(res.ok || res.error.message).toMatch(/^Anda masuk sebagai .+; peran ini tidak boleh menjalankan ".+"\. Yang boleh: .+\.$/)
        checked++
      }
    }
    expect(checked).toBeGreaterThan(opNames.length * 6)
    expect(ctx.sqlite.prepare('SELECT count(*) AS n FROM audit_log').get()).toEqual(before)
  })

  it('without a session only public operations answer', async () => {
    const ctx = makeCtx({ office: '12.18.04' })
    for (const op of opNames) {
      const res = await dispatch(ctx, op, {}, { userId: null })
      if (opRoles[op as OpName] !== 'public') expect(res, op).toMatchObject({ ok: false, error: { code: 'UNAUTHENTICATED', message: 'Silakan masuk (login) terlebih dahulu.' } })
      else expect(res.ok || res.error.code !== 'UNAUTHENTICATED', op).toBe(true)
    }
    // A session of a deactivated user is nobody.
    const op = addUser(ctx, 'operator', 'budi')
    expect((await dispatch(ctx, 'registry.posyanduList', {}, op)).ok).toBe(true)
    ctx.sqlite.prepare('UPDATE app_user SET active = 0 WHERE id = ?').run(op.userId)
    expect(await dispatch(ctx, 'registry.posyanduList', {}, op)).toMatchObject({ ok: false, error: { code: 'UNAUTHENTICATED' } })
    expect(Object.keys(contract).length).toBe(opNames.length)
  })
})
