export { DisposablePostgres } from './disposable-postgres';
export { listSchemas } from './list-schemas';
