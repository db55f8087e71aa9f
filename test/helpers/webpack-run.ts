/** Runs a webpack configuration through webpack's Node API, as the build tests need it. */
import webpack, { type Configuration, type Stats } from "webpack";

/** Builds `config` into `outDir`, quietly; resolves with the stats (errors included, not thrown). */
export function runWebpack(config: Configuration, outDir: string): Promise<Stats> {
  config.output = { ...config.output, path: outDir };
  config.infrastructureLogging = { level: "error" };
  return new Promise<Stats>((resolve, reject) => {
    webpack(config, (error, stats) => (error || !stats ? reject(error ?? new Error("no stats")) : resolve(stats)));
  });
}

/** Runs `work` with these environment variables set (undefined: unset), then puts the old values back. */
export async function withEnv<T>(vars: Record<string, string | undefined>, work: () => Promise<T>): Promise<T> {
  const saved = Object.fromEntries(Object.keys(vars).map((k) => [k, process.env[k]]));
  const apply = (values: Record<string, string | undefined>) => {
    for (const [k, v] of Object.entries(values)) {
      if (v === undefined) delete process.env[k];
      else process.env[k] = v;
    }
  };
  apply(vars);
  try {
    return await work();
  } finally {
    apply(saved);
  }
}

export function errorsOf(stats: Stats): string {
  return stats.toString({ all: false, errors: true, errorDetails: true, colors: false });
}
