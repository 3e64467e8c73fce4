// A deliberately broken MCP server over stdio, for faults the reference servers cannot be made to
// produce. argv[2] picks the fault:
//   garbage          answers the first request with a line that is not JSON
//   garbage-on-call  behaves until a tool is called, then answers with a line that is not JSON
//   bad-schema       lists a tool whose input schema uses a type that does not exist
//   huge             lists one tool whose result is 200000 characters long
import readline from 'node:readline';

const mode = process.argv[2];
const send = (msg) => process.stdout.write(JSON.stringify(msg) + '\n');
const tools = {
  'bad-schema': [
    { name: 'fine', description: 'A fine tool', inputSchema: { type: 'object', properties: { x: { type: 'string' } } } },
    { name: 'broken', description: 'A broken tool', inputSchema: { type: 'object', properties: { x: { type: 'strnig' } } } },
  ],
};
const defaultTools = [{ name: 'big', description: 'Returns a lot', inputSchema: { type: 'object', properties: {} } }];

readline.createInterface({ input: process.stdin }).on('line', (line) => {
  const msg = JSON.parse(line);
  if (msg.id === undefined) return; // a notification
  if (mode === 'garbage') {
    process.stdout.write('this is not JSON at all\n');
    return;
  }
  switch (msg.method) {
    case 'initialize':
      send({ jsonrpc: '2.0', id: msg.id, result: {
        protocolVersion: msg.params.protocolVersion, capabilities: { tools: {} }, serverInfo: { name: 'faulty', version: '1.0.0' } } });
      break;
    case 'tools/list':
      send({ jsonrpc: '2.0', id: msg.id, result: { tools: tools[mode] ?? defaultTools } });
      break;
    case 'tools/call':
      if (mode === 'garbage-on-call') {
        process.stdout.write('{"jsonrpc": "2.0", "id": \n');
      } else {
        send({ jsonrpc: '2.0', id: msg.id, result: { content: [{ type: 'text', text: 'x'.repeat(200000) }] } });
      }
      break;
    default:
      send({ jsonrpc: '2.0', id: msg.id, error: { code: -32601, message: 'Method not found: ' + msg.method } });
  }
});
