// The account and admin forms use the dashboard's one JSON client.
export { apiFetch } from '../hooks/api';
