/**
 * The database schema (drizzle), one file per feature, named as the services, the contract and the renderer
 * name them. Conventions (docs/architecture.md §4): ids are UUID v7 text; areas are integers in 0.01 m²;
 * calendar dates are 'YYYY-MM-DD' text; instants are ISO UTC text. Foreign keys never cascade: deleting a
 * parent with children is refused, nothing disappears silently.
 *
 * The features stand on each other one way: register ← meetings ← votes ← treasury, office; system and the
 * rule overrides every feature records (rule-overrides.ts) stand on register. Each file imports the ones it
 * stands on directly, never this index. drizzle-kit reads this folder (drizzle.config.ts); `import * as
 * schema` of it gets every table.
 */
export * from './register';
export * from './meetings';
export * from './meetings-steps';
export * from './votes';
export * from './treasury';
export * from './office';
export * from './system';
export * from './rule-overrides';
export * from './reviews';
export * from './levels';
