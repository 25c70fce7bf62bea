export { DisposablePostgres } from './disposable-postgres';
