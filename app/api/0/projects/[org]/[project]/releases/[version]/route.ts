// One release addressed through a project, as sentry-cli 2.x does (`releases finalize` PUTs here): the same detail
// and update as the organization route; the release is resolved by organization and version among visible projects.
export { GET, PUT } from '@/app/api/0/organizations/[org]/releases/[version]/route';
