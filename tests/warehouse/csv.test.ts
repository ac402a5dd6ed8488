import { describe, expect, it } from 'vitest'
import { csvLine } from '../../src/warehouse/csv'

describe('csvLine (the rows COPY reads)', () => {
  it('quotes every text (doubling its quotes), leaves null an empty field, numbers as they print, anything else as quoted JSON', () => {
    expect(csvLine(['Posyandu "Melati"', null, '', 'a,b\nc', 12, -3.5, 0, true, { x: '"' }])).toBe('"Posyandu ""Melati""",,"","a,b\nc",12,-3.5,0,true,"{""x"":""\\""""}"\n')
    expect(csvLine([])).toBe('\n')
    expect(csvLine(['"', '""'])).toBe('"""",""""""\n')
  })
})
