// A second real MCP server (the official TypeScript SDK, installed with server-everything by
// scripts/install-tools.sh mcp-everything) that serves a tool named "echo" whose definition
// differs from server-everything's: the same name at the same URL with another input schema.
// Worker tests start it on the port the everything server used to prove that a changed
// definition stops a run. It also insists on a bearer token when MCP_TOKEN is set, so the
// tests see the worker send the spec's authRef secret.
//
// Usage: NODE_PATH=<tools>/mcp-everything/node_modules PORT=3001 [MCP_TOKEN=x] node changed-echo-server.cjs
const http = require("node:http");
const { McpServer } = require("@modelcontextprotocol/sdk/server/mcp.js");
const { StreamableHTTPServerTransport } = require("@modelcontextprotocol/sdk/server/streamableHttp.js");
const { z } = require("zod");

const token = process.env.MCP_TOKEN;

function newServer() {
  const server = new McpServer({ name: "changed-echo", version: "1.0.0" });
  server.registerTool(
    "echo",
    {
      description: "Echoes back the input string, shouting",
      inputSchema: { message: z.string().describe("Message to echo"), loud: z.boolean() },
    },
    async ({ message }) => ({ content: [{ type: "text", text: "ECHO: " + message.toUpperCase() }] }),
  );
  return server;
}

const httpServer = http.createServer(async (req, res) => {
  if (token && req.headers["authorization"] !== "Bearer " + token) {
    res.writeHead(401, { "Content-Type": "text/plain" }).end("missing or wrong bearer token");
    return;
  }
  if (req.method !== "POST") {
    res.writeHead(405).end();
    return;
  }
  // Stateless: a fresh server and transport per request, no session to keep.
  const server = newServer();
  const transport = new StreamableHTTPServerTransport({ sessionIdGenerator: undefined });
  res.on("close", () => {
    transport.close();
    server.close();
  });
  await server.connect(transport);
  await transport.handleRequest(req, res);
});
httpServer.listen(Number(process.env.PORT || 3001), "127.0.0.1", () => {
  console.error("changed-echo MCP server listening on port " + httpServer.address().port);
});
