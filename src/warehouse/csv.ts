import type { RowKeeper } from '../core/exchange/stages/check'
import type { Section } from '../core/exchange/stages/section'

/**
 * Rows as the CSV that COPY reads. A small bundle's rows are made into CSV by the check stage
 * itself (`csvKeeper`, a RowKeeper), while each row's values are at hand, and kept as bytes:
 * the copy then sends those bytes as they are, and no row's values outlive its check.
 */

/** A quoted CSV field (a text with no quote in it, the usual case, is taken as it is). */
const csvField = (s: string) => (s.indexOf('"') === -1 ? '"' + s + '"' : '"' + s.replaceAll('"', '""') + '"')

/** One row as a CSV line: null is an unquoted empty field, every text is quoted (so "" stays an empty text). */
export function csvLine(values: unknown[]): string {
  let line = ''
  for (let i = 0; i < values.length; i++) {
    const v = values[i]
    if (i) line += ','
    if (v === null || v === undefined) continue
    if (typeof v === 'string') line += csvField(v)
    else if (typeof v === 'number' || typeof v === 'boolean') line += String(v)
    else line += csvField(JSON.stringify(v))
  }
  return line + '\n'
}

/** One section of a bundle as CSV: the section, how many rows, and their lines in byte chunks. */
export interface CsvSection {
  section: Section
  rows: number
  chunks: Buffer[]
}

/** The CSV is written into byte chunks of this size. */
const CHUNK_BYTES = 256 * 1024

/**
 * Chunks whose bundle is loaded, kept for the next bundles: each new 256 KB buffer is external
 * memory, and V8 starts a full collection for every few dozen MB of it — most of the loader's
 * full collections. A folder load needs two bundles' chunks at a time (one prepared while the
 * one before is copied), so a few MB are kept at most.
 */
const pool: Buffer[] = []
const POOL_MAX = 32
const takeChunk = () => pool.pop() ?? Buffer.allocUnsafe(CHUNK_BYTES)

/**
 * Gives a bundle's chunks back once PostgreSQL has taken its COPY and the transaction is over
 * (nothing refers to them any more: their bytes were sent and the server answered after them).
 */
export function releaseChunks(chunks: Buffer[]): void {
  for (const c of chunks) if (c.length === CHUNK_BYTES && pool.length < POOL_MAX) pool.push(c)
  chunks.length = 0
}

/**
 * A RowKeeper that keeps every section and the CSV lines of the rows the check lets through.
 * Each line is encoded into the current chunk at once, so it dies young with the values it
 * was made of (lines gathered in a list until a chunk is full would each be copied again by
 * every young-generation collection meanwhile).
 */
export function csvKeeper(): RowKeeper & { sections: CsvSection[]; buffers: Buffer[]; end(): void } {
  const sections: CsvSection[] = []
  /** The whole buffers the chunks lie in (for releaseChunks). */
  const buffers: Buffer[] = []
  let cur: CsvSection | null = null
  let chunk = takeChunk()
  let at = 0
  const flush = () => {
    if (!at || !cur) return
    cur.chunks.push(chunk.subarray(0, at))
    buffers.push(chunk)
    chunk = takeChunk()
    at = 0
  }
  return {
    sections,
    buffers,
    section(section) {
      flush()
      sections.push((cur = { section, rows: 0, chunks: [] }))
    },
    row(values) {
      const c = cur as CsvSection
      const line = csvLine(values)
      c.rows++
      // UTF-8 takes at most three bytes per UTF-16 unit.
      if (at + 3 * line.length > CHUNK_BYTES) {
        flush()
        if (3 * line.length > CHUNK_BYTES) return void c.chunks.push(Buffer.from(line))
      }
      at += chunk.write(line, at)
    },
    /** The last chunk, once the check is done (the unused one goes back to the pool). */
    end() {
      flush()
      releaseChunks([chunk])
    },
  }
}
