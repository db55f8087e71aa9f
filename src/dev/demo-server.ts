/**
 * Serves the built browser demo (dist-demo/, from `npm run build:demo`) on this machine only;
 * `npm run demo` runs it through scripts/demo-server.ts.
 *
 * Binds 127.0.0.1 and nothing else; serves files, GET and HEAD only, never outside dist-demo/.
 * The end-to-end tests start it in-process with startDemoServer({ port: 0 }).
 */
import * as fs from "fs";
import * as http from "http";
import * as path from "path";

const DEFAULT_ROOT = path.resolve(__dirname, "..", "..", "dist-demo");
export const DEFAULT_PORT = 3100;
const HOST = "127.0.0.1";

/** Content-Type by extension: what dist-demo/ needs (docs/deploy.md lists the same for other servers). */
export const TYPES: Record<string, string> = {
  ".html": "text/html; charset=utf-8",
  ".js": "text/javascript; charset=utf-8",
  ".css": "text/css; charset=utf-8",
  ".map": "application/json; charset=utf-8",
  ".json": "application/json; charset=utf-8",
  ".txt": "text/plain; charset=utf-8",
  ".png": "image/png",
  ".svg": "image/svg+xml",
  ".ico": "image/x-icon",
  ".xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
};

export interface DemoServerOptions {
  /** The folder served; dist-demo/ by default. */
  root?: string;
  /** 0 for any free port; DEFAULT_PORT by default. */
  port?: number;
  /** When the port is taken: false (default) takes any free port instead, true fails. */
  strictPort?: boolean;
}

export interface DemoServer {
  url: string;
  port: number;
  close(): Promise<void>;
}

/** The file a request path names inside `root`, or null when it names nothing there. */
export function resolveRequestPath(root: string, urlPath: string): string | null {
  let decoded: string;
  try {
    decoded = decodeURIComponent(urlPath.split("?")[0].split("#")[0]);
  } catch {
    return null;
  }
  if (decoded.includes("\0")) return null;
  const relative = decoded === "/" || decoded === "" ? "index.html" : decoded.replace(/^\/+/, "");
  const file = path.resolve(root, relative);
  const inside = path.relative(root, file);
  if (inside === "" || inside.startsWith("..") || path.isAbsolute(inside)) return null;
  return file;
}

function handler(root: string): http.RequestListener {
  return (request, response) => {
    const send = (status: number, text: string) => {
      response.writeHead(status, { "Content-Type": "text/plain; charset=utf-8", "X-Content-Type-Options": "nosniff" });
      response.end(request.method === "HEAD" ? undefined : text);
    };
    if (request.method !== "GET" && request.method !== "HEAD") {
      response.setHeader("Allow", "GET, HEAD");
      send(405, "method not allowed\n");
      return;
    }
    const file = resolveRequestPath(root, request.url ?? "/");
    if (!file) {
      send(404, "not found\n");
      return;
    }
    fs.stat(file, (error, stat) => {
      if (error || !stat.isFile()) {
        send(404, "not found\n");
        return;
      }
      response.writeHead(200, {
        "Content-Type": TYPES[path.extname(file).toLowerCase()] ?? "application/octet-stream",
        "Content-Length": stat.size,
        "Cache-Control": "no-cache",
        "X-Content-Type-Options": "nosniff",
        "Referrer-Policy": "no-referrer",
      });
      if (request.method === "HEAD") {
        response.end();
        return;
      }
      fs.createReadStream(file)
        .on("error", () => response.destroy())
        .pipe(response);
    });
  };
}

function listen(server: http.Server, port: number): Promise<number> {
  return new Promise((resolve, reject) => {
    const onError = (error: Error) => {
      server.off("listening", onListening);
      reject(error);
    };
    const onListening = () => {
      server.off("error", onError);
      resolve((server.address() as { port: number }).port);
    };
    server.once("error", onError);
    server.once("listening", onListening);
    server.listen(port, HOST);
  });
}

/** Starts serving; resolves once it listens. */
export async function startDemoServer(options: DemoServerOptions = {}): Promise<DemoServer> {
  const root = path.resolve(options.root ?? DEFAULT_ROOT);
  if (!fs.existsSync(path.join(root, "index.html"))) {
    throw new Error(`${path.relative(process.cwd(), root) || root}/index.html does not exist: run \`npm run build:demo\` first`);
  }
  const server = http.createServer(handler(root));
  let port: number;
  const wanted = options.port ?? DEFAULT_PORT;
  try {
    port = await listen(server, wanted);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== "EADDRINUSE" || options.strictPort || wanted === 0) throw error;
    port = await listen(server, 0);
  }
  const sockets = new Set<import("net").Socket>();
  server.on("connection", (socket) => {
    sockets.add(socket);
    socket.on("close", () => sockets.delete(socket));
  });
  return {
    url: `http://${HOST}:${port}/`,
    port,
    close: () =>
      new Promise<void>((resolve) => {
        for (const socket of sockets) socket.destroy();
        server.close(() => resolve());
      }),
  };
}
