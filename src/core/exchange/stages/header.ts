import { readHeader, type BundleHeader } from '../format'

/**
 * Stage 1 — read the header: the magic, the format version, the readable manifest and the
 * signature bytes. No key is needed; the import screen describes the file from this.
 */
export function readBundleHeader(file: string): BundleHeader {
  return readHeader(file)
}
