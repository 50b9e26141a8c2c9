export * from './record.ts';
export type * from './core/contracts.ts';
