/**
 * Serves the built browser demo (src/dev/demo-server.ts) on 127.0.0.1:
 *
 *   npm run demo                          build, then serve on http://127.0.0.1:3100/
 *   tsx scripts/demo-server.ts --port 0   any free port (PORT=… works too)
 */
import { DEFAULT_PORT, startDemoServer } from "../src/dev/demo-server";

function parsePort(argv: string[]): { port: number; strict: boolean } {
  const index = argv.indexOf("--port");
  const text = index >= 0 ? argv[index + 1] : process.env.PORT;
  if (text === undefined || text === "") return { port: DEFAULT_PORT, strict: false };
  const port = Number(text);
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new Error(`invalid port "${text}"`);
  return { port, strict: port !== 0 };
}

async function main(): Promise<void> {
  const { port, strict } = parsePort(process.argv.slice(2));
  const server = await startDemoServer({ port, strictPort: strict });
  process.stdout.write(
    [
      `KPI報告チェッカー ブラウザ版デモ / browser demo: ${server.url}`,
      `  English: ${server.url}?lang=en`,
      "  Ctrl+C で終了 / Ctrl+C to stop",
      "",
    ].join("\n"),
  );
  const stop = () => {
    void server.close().then(() => process.exit(0));
  };
  process.on("SIGINT", stop);
  process.on("SIGTERM", stop);
}

main().catch((error: unknown) => {
  process.stderr.write(`demo-server: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});
