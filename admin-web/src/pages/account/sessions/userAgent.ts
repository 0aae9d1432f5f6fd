// The sessions page names a device the way people recognise it ("Chrome 131 · Windows", "微信 · iPhone")
// from the User-Agent the server stored. Order matters: Edge and Opera also say "Chrome", Chrome also
// says "Safari", and the WeChat browser says everything.

export interface DeviceLabel {
  /** Browser and its major version, or the client program ("curl"); undefined when unknown. */
  browser?: string;
  /** Operating system or device; undefined when unknown. */
  os?: string;
}

const browsers: { name: string; pattern: RegExp }[] = [
  { name: 'WeChat', pattern: /MicroMessenger\/(\d+)/ },
  { name: 'DingTalk', pattern: /DingTalk\/(\d+)/ },
  { name: 'Edge', pattern: /Edg(?:e|A|iOS)?\/(\d+)/ },
  { name: 'Opera', pattern: /OPR\/(\d+)/ },
  { name: 'Samsung Internet', pattern: /SamsungBrowser\/(\d+)/ },
  { name: 'QQ Browser', pattern: /MQQBrowser\/(\d+)|QQBrowser\/(\d+)/ },
  { name: 'UC Browser', pattern: /UCBrowser\/(\d+)/ },
  { name: 'Firefox', pattern: /(?:Firefox|FxiOS)\/(\d+)/ },
  { name: 'Chrome', pattern: /(?:Chrome|CriOS)\/(\d+)/ },
  { name: 'Safari', pattern: /Version\/(\d+)[^ ]* (?:Mobile\/\S+ )?Safari\// },
];

const systems: { name: string; pattern: RegExp }[] = [
  { name: 'iPhone', pattern: /iPhone/ },
  { name: 'iPad', pattern: /iPad/ },
  { name: 'HarmonyOS', pattern: /HarmonyOS|OpenHarmony/ },
  { name: 'Android', pattern: /Android/ },
  { name: 'Windows', pattern: /Windows NT/ },
  { name: 'macOS', pattern: /Mac OS X|Macintosh/ },
  { name: 'ChromeOS', pattern: /CrOS/ },
  { name: 'Linux', pattern: /Linux/ },
];

export function describeUserAgent(userAgent: string | null | undefined): DeviceLabel {
  const ua = userAgent?.trim() ?? '';
  if (!ua) return {};
  const label: DeviceLabel = {};
  for (const { name, pattern } of browsers) {
    const match = pattern.exec(ua);
    if (match) {
      const version = match.slice(1).find(Boolean);
      label.browser = version ? `${name} ${version}` : name;
      break;
    }
  }
  for (const { name, pattern } of systems) {
    if (pattern.test(ua)) {
      label.os = name;
      break;
    }
  }
  // Scripts and integrations (curl/8.5.0, node-fetch, okhttp): the program's own name.
  if (!label.browser && !label.os) {
    const program = /^([A-Za-z][\w.-]*)(?:\/([\d.]+))?/.exec(ua);
    if (program) label.browser = program[2] ? `${program[1]} ${program[2].split('.')[0]}` : program[1];
  }
  return label;
}

/** One line for the table; `unknown` when nothing could be read. */
export function deviceLabel(userAgent: string | null | undefined, unknown: string): string {
  const { browser, os } = describeUserAgent(userAgent);
  const parts = [browser, os].filter(Boolean);
  return parts.length > 0 ? parts.join(' · ') : unknown;
}
