export { SupervisorConsole } from './supervisor-console';
export type { SupervisorClient } from './supervisor-actions';
