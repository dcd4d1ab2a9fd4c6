import fs from "node:fs";
import net from "node:net";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { testConnection } from "./test-connection";

// Against the rig's TLS engine, SSH engine and registry (scripts/rig/engines.sh); never /var/run/docker.sock.

const env = (k: string) => {
  const v = process.env[k];
  if (!v) throw new Error(`${k} not set: start the test rig (scripts/rig/up.sh) and source its env file`);
  return v;
};
const certs = (f: string) => fs.readFileSync(path.join(env("BERTH_TEST_TLS_CERTS"), f), "utf8");
const tlsUrl = () => `https://127.0.0.1:${env("BERTH_TEST_TLS_PORT")}`;
const sshUrl = () => `ssh://${env("BERTH_TEST_SSH_USER")}@127.0.0.1:${env("BERTH_TEST_SSH_PORT")}`;
const good = () => ({ ca: certs("ca.pem"), cert: certs("client.pem"), key: certs("client-key.pem") });

const servers: net.Server[] = [];
afterAll(() => {
  for (const s of servers) s.close();
});

/** A loopback port with nothing listening: bind, note the port, close. */
async function freePort(): Promise<number> {
  const s = net.createServer();
  await new Promise<void>((r) => s.listen(0, "127.0.0.1", r));
  const { port } = s.address() as net.AddressInfo;
  await new Promise((r) => s.close(r));
  return port;
}

describe("testConnection", () => {
  it("connects over TCP + TLS with the rig's CA and client certificate", async () => {
    const r = await testConnection(tlsUrl(), good());
    expect(r).toMatchObject({ ok: true });
  });

  it("reports a server certificate from an untrusted CA as TLS verification failure", async () => {
    const r = await testConnection(tlsUrl(), { ...good(), ca: certs("wrong-ca.pem") });
    expect(r).toEqual({ ok: false, reason: expect.stringMatching(/^TLS verification failed/) });
  });

  it("reports a client certificate the engine does not trust", async () => {
    const r = await testConnection(tlsUrl(), {
      ...good(),
      cert: certs("wrong-client.pem"),
      key: certs("wrong-client-key.pem"),
    });
    expect(r).toEqual({ ok: false, reason: expect.stringMatching(/TLS verification failed|TLS handshake failed/) });
  });

  it("reports a key that does not match the certificate", async () => {
    const r = await testConnection(tlsUrl(), { ...good(), key: certs("wrong-client-key.pem") });
    expect(r).toEqual({ ok: false, reason: "The client key does not belong to the client certificate" });
  });

  it("tells plain HTTP to a TLS port to use TLS", async () => {
    const r = await testConnection(`tcp://127.0.0.1:${env("BERTH_TEST_TLS_PORT")}`);
    expect(r).toEqual({ ok: false, reason: expect.stringMatching(/expects TLS/) });
  });

  it("reports a closed port as refused", async () => {
    const r = await testConnection(`tcp://127.0.0.1:${await freePort()}`);
    expect(r).toEqual({ ok: false, reason: expect.stringMatching(/^Connection refused/) });
  });

  it("reports an HTTP server that is not Docker", async () => {
    const r = await testConnection(`tcp://${env("BERTH_TEST_REGISTRY")}`);
    expect(r).toEqual({ ok: false, reason: expect.stringMatching(/^Not a Docker API/) });
  });

  it("gives up on a silent server within 5 s and says so", async () => {
    const silent = net.createServer(() => {});
    servers.push(silent);
    await new Promise<void>((r) => silent.listen(0, "127.0.0.1", r));
    const t0 = Date.now();
    const r = await testConnection(`tcp://127.0.0.1:${(silent.address() as net.AddressInfo).port}`);
    expect(Date.now() - t0).toBeLessThan(7_000);
    expect(r).toEqual({ ok: false, reason: expect.stringMatching(/^Timed out/) });
  });

  it("connects over SSH with the authorized key", async () => {
    const r = await testConnection(sshUrl(), { privateKey: fs.readFileSync(env("BERTH_TEST_SSH_KEY"), "utf8") });
    expect(r).toMatchObject({ ok: true });
  });

  it("reports a key the SSH server does not accept", async () => {
    const r = await testConnection(sshUrl(), {
      privateKey: fs.readFileSync(env("BERTH_TEST_SSH_WRONG_KEY"), "utf8"),
    });
    expect(r).toEqual({ ok: false, reason: expect.stringMatching(/^SSH authentication failed/) });
  });

  it("reports a host key that does not match the pinned fingerprint", async () => {
    const r = await testConnection(sshUrl(), {
      privateKey: fs.readFileSync(env("BERTH_TEST_SSH_KEY"), "utf8"),
      hostKeyFingerprint: `SHA256:${"A".repeat(43)}`,
    });
    expect(r).toEqual({ ok: false, reason: expect.stringMatching(/host key mismatch/) });
  });

  it("reports a missing private key without trying to log in", async () => {
    const r = await testConnection(sshUrl(), {});
    expect(r).toEqual({ ok: false, reason: expect.stringMatching(/private key could not be read/) });
  });

  it("reports an unreadable private key", async () => {
    const r = await testConnection(sshUrl(), { privateKey: "-----BEGIN OPENSSH PRIVATE KEY-----\nnope\n" });
    expect(r).toEqual({ ok: false, reason: expect.stringMatching(/private key could not be read/) });
  });
});
