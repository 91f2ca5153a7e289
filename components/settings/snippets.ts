// SDK setup snippets for a DSN, one per platform the project settings page offers.
export interface Snippet {
  id: string;
  name: string;
  code: string;
}

/** Where an SDK posts, derived from a DSN (`scheme://public@host[/prefix]/projectId`). */
export function ingestUrlsFromDsn(dsn: string): { store: string; envelope: string } | null {
  try {
    const u = new URL(dsn);
    const parts = u.pathname.replace(/\/+$/, '').split('/');
    const projectId = parts.pop();
    const prefix = parts.join('/');
    const base = `${u.protocol}//${u.host}${prefix}/api/${projectId}`;
    return { store: `${base}/store/`, envelope: `${base}/envelope/` };
  } catch {
    return null;
  }
}

export function snippets(dsn: string, opts: { org?: string; project?: string; serverUrl?: string } = {}): Snippet[] {
  const q = JSON.stringify(dsn);
  const server =
    opts.serverUrl ??
    (() => {
      try {
        return new URL(dsn).origin;
      } catch {
        return '';
      }
    })();
  return [
    {
      id: 'javascript',
      name: 'JavaScript (browser)',
      code: `npm install @sentry/browser

import * as Sentry from '@sentry/browser';

Sentry.init({
  dsn: ${q},
  release: 'my-app@1.0.0',
  environment: 'production',
});`,
    },
    {
      id: 'node',
      name: 'Node.js',
      code: `npm install @sentry/node

// instrument.mjs, imported before anything else
import * as Sentry from '@sentry/node';

Sentry.init({
  dsn: ${q},
  release: 'my-app@1.0.0',
  environment: 'production',
});`,
    },
    {
      id: 'python',
      name: 'Python',
      code: `pip install sentry-sdk

import sentry_sdk

sentry_sdk.init(
    dsn=${q},
    release="my-app@1.0.0",
    environment="production",
)`,
    },
    {
      id: 'java',
      name: 'Java',
      code: `// build.gradle: implementation 'io.sentry:sentry:8.+'
import io.sentry.Sentry;

Sentry.init(options -> {
    options.setDsn(${q});
    options.setRelease("my-app@1.0.0");
    options.setEnvironment("production");
});`,
    },
    {
      id: 'go',
      name: 'Go',
      code: `go get github.com/getsentry/sentry-go

err := sentry.Init(sentry.ClientOptions{
    Dsn:         ${q},
    Release:     "my-app@1.0.0",
    Environment: "production",
})
if err != nil {
    log.Fatalf("sentry.Init: %s", err)
}
defer sentry.Flush(2 * time.Second)`,
    },
    {
      id: 'csharp',
      name: '.NET',
      code: `dotnet add package Sentry

using Sentry;

SentrySdk.Init(options =>
{
    options.Dsn = ${q};
    options.Release = "my-app@1.0.0";
    options.Environment = "production";
});`,
    },
    {
      id: 'php',
      name: 'PHP',
      code: `composer require sentry/sentry

\\Sentry\\init([
    'dsn' => ${JSON.stringify(dsn).replace(/^"|"$/g, "'")},
    'release' => 'my-app@1.0.0',
    'environment' => 'production',
]);`,
    },
    {
      id: 'ruby',
      name: 'Ruby',
      code: `gem install sentry-ruby

require 'sentry-ruby'

Sentry.init do |config|
  config.dsn = ${q}
  config.release = 'my-app@1.0.0'
  config.environment = 'production'
end`,
    },
    {
      id: 'sentry-cli',
      name: 'sentry-cli',
      code: `# Send a test event through this DSN
export SENTRY_DSN=${q}
sentry-cli send-event -m "Hello from sentry-cli"

# Releases and source maps (an API token from /settings/tokens/)
export SENTRY_URL=${JSON.stringify(server)}
export SENTRY_AUTH_TOKEN=sntryu_...
export SENTRY_ORG=${JSON.stringify(opts.org ?? 'my-org')}
export SENTRY_PROJECT=${JSON.stringify(opts.project ?? 'my-project')}
sentry-cli releases new my-app@1.0.0
sentry-cli releases finalize my-app@1.0.0`,
    },
  ];
}

/** The snippet to show first for a project's platform. */
export function snippetIdFor(platform: string | null | undefined): string {
  if (!platform) return 'javascript';
  if (platform.startsWith('javascript')) return 'javascript';
  if (platform.startsWith('node')) return 'node';
  if (platform.startsWith('python')) return 'python';
  if (platform.startsWith('java')) return 'java';
  if (platform.startsWith('go')) return 'go';
  if (platform.startsWith('csharp') || platform.startsWith('dotnet')) return 'csharp';
  if (platform.startsWith('php')) return 'php';
  if (platform.startsWith('ruby')) return 'ruby';
  return 'sentry-cli';
}
