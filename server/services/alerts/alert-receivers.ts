import http from "node:http";
import type { AddressInfo } from "node:net";
import { SMTPServer } from "smtp-server";

// Real local receivers for alert tests and the bench: an HTTP server that records every request, and an SMTP sink
// (npm smtp-server) that records every message. Loopback only.

export interface Received {
  path: string;
  headers: http.IncomingHttpHeaders;
  body: string;
  at: number;
}

export interface WebhookReceiver {
  url: string;
  port: number;
  received: Received[];
  /** Answer with this status from now on (500 makes deliveries fail and retry). */
  status: number;
  close(): Promise<void>;
  onRequest?: (r: Received) => void;
}

export async function startWebhookReceiver(port = 0): Promise<WebhookReceiver> {
  const r: WebhookReceiver = {
    url: "",
    port: 0,
    received: [],
    status: 200,
    close: async () => {},
  };
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (c: Buffer) => chunks.push(c));
    req.on("end", () => {
      const item = {
        path: req.url ?? "/",
        headers: req.headers,
        body: Buffer.concat(chunks).toString("utf8"),
        at: Date.now(),
      };
      if (r.status < 400) r.received.push(item);
      r.onRequest?.(item);
      res.statusCode = r.status;
      res.end(r.status < 400 ? "ok" : "receiver says no");
    });
  });
  await new Promise<void>((resolve) => server.listen(port, "127.0.0.1", resolve));
  r.port = (server.address() as AddressInfo).port;
  r.url = `http://127.0.0.1:${r.port}`;
  r.close = () =>
    new Promise<void>((resolve) => {
      server.closeAllConnections();
      server.close(() => resolve());
    });
  return r;
}

export interface Mail {
  from: string;
  to: string[];
  raw: string;
  subject: string;
  /** The plain-text body (quoted-printable soft breaks undone). */
  text: string;
}

export interface SmtpSink {
  port: number;
  mails: Mail[];
  close(): Promise<void>;
}

function parseMail(raw: string): { subject: string; text: string } {
  const split = raw.indexOf("\r\n\r\n");
  const head = raw.slice(0, split).replace(/\r\n[ \t]+/g, " ");
  const subject = /^Subject: (.*)$/im.exec(head)?.[1] ?? "";
  let text = raw.slice(split + 4);
  if (/^Content-Transfer-Encoding: quoted-printable/im.test(head))
    text = text
      .replace(/=\r\n/g, "")
      .replace(/=([0-9A-F]{2})/g, (_m, h: string) => String.fromCharCode(Number.parseInt(h, 16)));
  return { subject, text: text.replace(/\r\n/g, "\n").trimEnd() };
}

export async function startSmtpSink(): Promise<SmtpSink> {
  const mails: Mail[] = [];
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ["STARTTLS"],
    logger: false,
    onData(stream, session, done) {
      const chunks: Buffer[] = [];
      stream.on("data", (c: Buffer) => chunks.push(c));
      stream.on("end", () => {
        const raw = Buffer.concat(chunks).toString("utf8");
        mails.push({
          from: session.envelope.mailFrom ? session.envelope.mailFrom.address : "",
          to: session.envelope.rcptTo.map((t) => t.address),
          raw,
          ...parseMail(raw),
        });
        done();
      });
    },
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const port = (server.server.address() as AddressInfo).port;
  return { port, mails, close: () => new Promise<void>((resolve) => server.close(() => resolve())) };
}
