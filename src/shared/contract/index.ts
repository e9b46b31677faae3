export * from './api';
export * from './auth';
export * from './events';
export * from './method';
export * from './permissions';
export * from './protocol';
export * from './schemas';
export * from './wall';
