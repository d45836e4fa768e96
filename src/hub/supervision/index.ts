export { registerSupervision, type SupervisionHandle } from './register-supervision';
export type { SupervisionDeps, SupervisionOptions, SupervisionStore } from './supervision-deps';
