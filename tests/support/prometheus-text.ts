/** One sample of the Prometheus text exposition format. */
export interface Sample {
  readonly name: string;
  readonly labels: Readonly<Record<string, string>>;
  readonly value: number;
}

export interface Exposition {
  readonly samples: ReadonlyArray<Sample>;
  /** `# TYPE` of each metric family. */
  readonly types: ReadonlyMap<string, string>;
  /** The one sample of `name` whose labels include `labels`; undefined when there is none. */
  value(name: string, labels?: Readonly<Record<string, string>>): number | undefined;
  /** Every sample of `name` whose labels include `labels`. */
  all(name: string, labels?: Readonly<Record<string, string>>): ReadonlyArray<Sample>;
}

const sampleLine = /^([a-zA-Z_:][a-zA-Z0-9_:]*)(?:\{(.*)\})?\s+(\S+)(?:\s+\d+)?$/;
const labelPair = /([a-zA-Z_][a-zA-Z0-9_]*)="((?:[^"\\]|\\.)*)"\s*,?/g;

const unescape = (value: string): string => value.replace(/\\(["\\n])/g, (_, c: string) => (c === 'n' ? '\n' : c));

/** Parses the text format strictly: a line that is neither a comment nor a sample throws. */
export const parseExposition = (text: string): Exposition => {
  const samples: Sample[] = [];
  const types = new Map<string, string>();
  for (const line of text.split('\n')) {
    if (line.trim() === '') continue;
    if (line.startsWith('#')) {
      const type = /^# TYPE (\S+) (counter|gauge|histogram|summary|untyped)$/.exec(line);
      if (type) types.set(type[1] as string, type[2] as string);
      else if (!line.startsWith('# HELP ')) throw new Error(`not a comment of the format: ${line}`);
      continue;
    }
    const match = sampleLine.exec(line);
    if (!match) throw new Error(`not a sample line: ${line}`);
    const labels: Record<string, string> = {};
    const rest = (match[2] ?? '').replace(labelPair, (_, key: string, value: string) => ((labels[key] = unescape(value)), ''));
    if (rest.trim() !== '') throw new Error(`bad labels: ${line}`);
    // The format's special values are case-insensitive (prom-client writes `Nan`).
    const raw = (match[3] as string).toLowerCase();
    const value = raw === '+inf' ? Infinity : raw === '-inf' ? -Infinity : Number(raw);
    if (Number.isNaN(value) && raw !== 'nan') throw new Error(`bad value: ${line}`);
    samples.push({ name: match[1] as string, labels, value });
  }
  const all = (name: string, labels: Readonly<Record<string, string>> = {}) =>
    samples.filter((s) => s.name === name && Object.entries(labels).every(([k, v]) => s.labels[k] === v));
  return {
    samples,
    types,
    all,
    value: (name, labels) => {
      const found = all(name, labels);
      if (found.length > 1) throw new Error(`${found.length} samples of ${name} match ${JSON.stringify(labels)}`);
      return found[0]?.value;
    },
  };
};
