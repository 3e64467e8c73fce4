#!/usr/bin/env bash
# The MCP reference servers the agents/mcp tests start (stdio and streamable HTTP, each test its own
# process): installed from npm into .ci/mcp/node_modules (git-ignored), pinned, only when missing.
set -euo pipefail
DIR="$(cd "$(dirname "$0")/.." && pwd)/mcp"
mkdir -p "$DIR" && cd "$DIR"
EVERYTHING=@modelcontextprotocol/server-everything@2026.8.31
FILESYSTEM=@modelcontextprotocol/server-filesystem@2026.8.31
if [ -x node_modules/.bin/mcp-server-everything ] && [ -x node_modules/.bin/mcp-server-filesystem ] \
    && grep -q '"version": "2026.8.31"' node_modules/@modelcontextprotocol/server-everything/package.json \
    && grep -q '"version": "2026.8.31"' node_modules/@modelcontextprotocol/server-filesystem/package.json; then
  echo "MCP servers present in $(pwd)/node_modules"
  exit 0
fi
command -v npm >/dev/null 2>&1 || { echo "npm is needed to install the MCP test servers" >&2; exit 1; }
[ -f package.json ] || echo '{"name": "catena-ci-mcp-servers", "private": true}' > package.json
npm install --no-audit --no-fund --loglevel=error "$EVERYTHING" "$FILESYSTEM"
ls node_modules/.bin/mcp-server-everything node_modules/.bin/mcp-server-filesystem
