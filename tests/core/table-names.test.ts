import { describe, expect, it } from 'vitest'
import { TABLE_POLICIES } from '../../src/core/policy'
import { TABLES } from '../../src/renderer/areas/pertukaran/tableNames'

describe('exchange screens name tables as the policy does', () => {
  it('every travelling table has the same person-facing label on the screens as in its policy', () => {
    expect(Object.fromEntries(TABLE_POLICIES.map((p) => [p.table, p.label]))).toEqual(TABLES)
  })
})
