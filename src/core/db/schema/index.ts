// Every area's tables, in one place for drizzle and for the schema-vs-migration test.
export * from './foundation'
export * from './registry'
export * from './regulation'
export * from './exchange'
export * from './evaluation'
export * from './honor'
export * from './programme'
export * from './province'
