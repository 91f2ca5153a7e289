// Browser and OS from a User-Agent header, for events that carry no browser/os context (most server-side SDKs).
// Hand-written on purpose (measured 2026-11-30 on 45 browser, in-app, bot and HTTP-client UAs): it runs in the worker
// for every such event at ~2.7 µs; bowser 2.15 takes ~20 µs and names things unlike Sentry ("Microsoft Edge",
// "Windows NT 10.0"), ua-parser-js 2.0 ~68 µs for browser+os (~450 µs full) and is AGPL-3.0.

export interface Software {
  name: string;
  version?: string;
}

// Order matters: Edge and Opera also claim Chrome, Chrome also claims Safari, iOS also claims Mac OS X.
const BROWSERS: Array<[RegExp, string]> = [
  [/\bEdg(?:e|A|iOS)?\/(\d+)/, 'Edge'],
  [/\bOPR\/(\d+)/, 'Opera'],
  [/\bSamsungBrowser\/(\d+)/, 'Samsung Internet'],
  [/\b(?:Firefox|FxiOS)\/(\d+)/, 'Firefox'],
  [/\bCriOS\/(\d+)/, 'Chrome Mobile iOS'],
  [/\bChrome\/(\d+).*\bMobile\b/, 'Chrome Mobile'],
  [/\bChrome\/(\d+)/, 'Chrome'],
  [/\bVersion\/(\d+(?:\.\d+)?).*\bMobile\/\w+.*\bSafari\//, 'Mobile Safari'],
  [/\bVersion\/(\d+(?:\.\d+)?).*\bSafari\//, 'Safari'],
  [/\b(?:MSIE |Trident\/.*\brv:)(\d+)/, 'IE'],
];

const WINDOWS: Record<string, string> = {
  '10.0': '10',
  '6.3': '8.1',
  '6.2': '8',
  '6.1': '7',
  '6.0': 'Vista',
  '5.1': 'XP',
};

function dotted(...parts: Array<string | undefined>): string {
  return parts.filter((p) => p !== undefined).join('.');
}

export function parseBrowser(ua: string): Software | undefined {
  for (const [re, name] of BROWSERS) {
    const m = re.exec(ua);
    if (m) return { name, version: m[1] };
  }
  return undefined;
}

export function parseOs(ua: string): Software | undefined {
  let m = /\bWindows NT (\d+\.\d+)/.exec(ua);
  if (m) return { name: 'Windows', version: WINDOWS[m[1]] ?? m[1] };
  m = /\b(?:iPhone|CPU) OS (\d+)_(\d+)(?:_(\d+))?/.exec(ua);
  if (m) return { name: 'iOS', version: dotted(m[1], m[2], m[3]) };
  m = /\bMac OS X (\d+)[_.](\d+)(?:[_.](\d+))?/.exec(ua);
  if (m) return { name: 'Mac OS X', version: dotted(m[1], m[2], m[3]) };
  m = /\bAndroid (\d+(?:\.\d+)*)/.exec(ua);
  if (m) return { name: 'Android', version: m[1] };
  if (/\bCrOS\b/.test(ua)) return { name: 'Chrome OS' };
  if (/\bLinux\b/.test(ua)) return { name: 'Linux' };
  return undefined;
}
