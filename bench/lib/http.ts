import { Agent, request } from 'node:http';

export interface PostResult {
  status: number;
  body: string;
}

/** POST a ready-made JSON body over a keep-alive agent; resolves when the whole answer arrived. */
export function post(agent: Agent, url: URL, path: string, auth: string | undefined, body: Buffer, localAddress?: string): Promise<PostResult> {
  return new Promise((resolve, reject) => {
    const req = request({
      agent, host: url.hostname, port: url.port, path, method: 'POST', localAddress,
      headers: { 'content-type': 'application/json', 'content-length': body.length, ...(auth ? { authorization: auth } : {}) },
    }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body: Buffer.concat(chunks).toString('utf8') }));
      res.on('error', reject);
    });
    req.on('error', reject);
    req.end(body);
  });
}

export const basicAuth = (writeKey: string) => 'Basic ' + Buffer.from(writeKey + ':').toString('base64');
