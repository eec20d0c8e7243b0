export * from './contracts/catalog.js';
export * from './contracts/errors.js';
export * from './contracts/identity.js';
export * from './contracts/platform.js';
export * from './geo/units.js';
export * from './identity/credit-code.js';
export * from './identity/id-number.js';
export * from './identity/roles.js';
