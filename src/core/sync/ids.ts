import { v7 } from 'uuid'

/** Row ids are UUIDv7: unique across offices without coordination, and roughly time-ordered. */
export const newId = (): string => v7()
