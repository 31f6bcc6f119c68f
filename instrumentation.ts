// Runs once when a server process starts; the Node-only work lives in lib/server-startup.ts.
export async function register() {
  if (process.env.NEXT_RUNTIME === "nodejs") {
    const { startServer } = await import("./lib/server-startup");
    await startServer();
  }
}
