import { execFileSync } from "node:child_process";
import fs from "node:fs";
import { expect, type Page, test } from "@playwright/test";
import { EndpointsPage } from "./pages/endpoints-page";
import { SignInPage } from "./pages/sign-in-page";
import { requireEnv } from "./support/env";

// The rig's real Kubernetes (scripts/rig/k8s.sh), added through the form; kubectl is the reference client.

test.describe.configure({ mode: "serial" });

const NAME = "rig-cluster";
const NS = `berth-e2e-${Date.now().toString(36)}`;
const kubectl = (...args: string[]) =>
  execFileSync("kubectl", ["--kubeconfig", requireEnv("BERTH_TEST_KUBECONFIG"), ...args], { encoding: "utf8" });
const kubectlIn = (input: string, ...args: string[]) =>
  execFileSync("kubectl", ["--kubeconfig", requireEnv("BERTH_TEST_KUBECONFIG"), ...args], { encoding: "utf8", input });
const podNames = () =>
  kubectl("-n", NS, "get", "pods", "-o", "jsonpath={.items[*].metadata.name}").split(/\s+/).filter(Boolean);

const deployment = (replicas: number) => `apiVersion: apps/v1
kind: Deployment
metadata: { name: web, namespace: ${NS} }
spec:
  replicas: ${replicas}
  selector: { matchLabels: { app: web } }
  template:
    metadata: { labels: { app: web } }
    spec:
      terminationGracePeriodSeconds: 1
      containers:
        - name: main
          image: ${process.env.BERTH_TEST_KUBE_IMAGE ?? "berth-test/busybox:latest"}
          imagePullPolicy: Never
          command: ["/bin/sh", "-c", "while true; do echo e2e-tick; sleep 1; done"]
`;

/** The list filtered to the test's namespace (?ns=, as the namespace picker sets it). */
async function pickNamespace(page: Page) {
  await page.goto(`${new URL(page.url()).pathname}?ns=${NS}`);
  await expect(page.getByLabel("Namespace")).toHaveValue(NS);
}

test.beforeAll(() => {
  kubectl("create", "namespace", NS);
  kubectlIn(deployment(1), "apply", "-f", "-");
});

test.afterAll(() => {
  try {
    kubectl("delete", "namespace", NS, "--wait=false");
  } catch {
    // already gone
  }
});

test.beforeEach(async ({ page }) => {
  await new SignInPage(page).signInAsAdmin();
});

test("add a Kubernetes endpoint with a server URL, token and CA; wrong token explained", async ({ page }) => {
  const view = new EndpointsPage(page);
  await view.open();
  const form = await view.startAdd();
  await view.field(form, "Name").fill(NAME);
  await form.getByLabel("Connection type").selectOption({ label: "Kubernetes: server URL and token" });
  await form.getByLabel("Server URL").fill(requireEnv("BERTH_TEST_KUBE_SERVER"));
  await form.getByLabel("Bearer token").fill("not-a-valid-token");
  await form.getByLabel("Cluster CA certificate (PEM)").fill(fs.readFileSync(requireEnv("BERTH_TEST_KUBE_CA"), "utf8"));
  await view.save(form);
  await expect(form.getByRole("alert")).toHaveText(/Could not connect: .*401 Unauthorized/);
  await form.getByLabel("Bearer token").fill(requireEnv("BERTH_TEST_KUBE_TOKEN"));
  await view.save(form);
  await expect(form).toHaveCount(0);
  await expect(view.row(NAME)).toContainText("up");
  await expect(view.row(NAME)).toContainText("v1.20.2");
});

test("a kubeconfig with several contexts: the picked one is used, the current one explained", async ({ page }) => {
  const ca = Buffer.from(fs.readFileSync(requireEnv("BERTH_TEST_KUBE_CA"))).toString("base64");
  const kubeconfig = `apiVersion: v1
kind: Config
current-context: nowhere
clusters:
  - name: nowhere
    cluster: { server: "https://127.0.0.1:1", certificate-authority-data: ${ca} }
  - name: rig
    cluster: { server: "${requireEnv("BERTH_TEST_KUBE_SERVER")}", certificate-authority-data: ${ca} }
users:
  - name: admin
    user: { token: "${requireEnv("BERTH_TEST_KUBE_TOKEN")}" }
contexts:
  - name: nowhere
    context: { cluster: nowhere, user: admin }
  - name: rig-admin
    context: { cluster: rig, user: admin }
`;
  const view = new EndpointsPage(page);
  await view.open();
  const form = await view.startAdd();
  await view.field(form, "Name").fill(`${NAME}-ctx`);
  await form.getByLabel("Connection type").selectOption({ label: "Kubernetes: kubeconfig" });
  await form.getByLabel("Kubeconfig", { exact: true }).fill(kubeconfig);
  const context = form.getByLabel("Context");
  await expect(context.locator("option")).toHaveText(["Current context (nowhere)", "nowhere", "rig-admin"]);
  await view.save(form);
  await expect(form.getByRole("alert")).toHaveText(/Could not connect: .*(refused|127\.0\.0\.1:1)/);
  await context.selectOption("rig-admin");
  await view.save(form);
  await expect(form).toHaveCount(0);
  await expect(view.row(`${NAME}-ctx`)).toContainText("v1.20.2");
  // The stored endpoint never sends the token back to a browser.
  expect(await page.content()).not.toContain(requireEnv("BERTH_TEST_KUBE_TOKEN"));
});

test("the pods list is live: a pod kubectl deletes disappears, its replacement appears", async ({ page }) => {
  const view = new EndpointsPage(page);
  await view.open();
  await view
    .row(NAME)
    .getByRole("link", { name: `Cluster ${NAME}` })
    .click();
  await expect(page.getByRole("heading", { name: `Cluster ${NAME}` })).toBeVisible();
  await page.getByRole("navigation", { name: "Cluster" }).getByRole("link", { name: "Pods", exact: true }).click();
  await expect(page.getByRole("heading", { name: `Pods on ${NAME}` })).toBeVisible();
  await pickNamespace(page);
  const table = page.getByRole("table", { name: "Pods" });
  await expect.poll(() => podNames().length, { timeout: 60_000 }).toBe(1);
  const [victim] = podNames();
  const row = table.getByRole("row").filter({ has: page.getByRole("link", { name: victim! }) });
  await expect(row).toContainText("Running", { timeout: 60_000 });
  await expect(row).toContainText("1/1");
  kubectl("-n", NS, "delete", "pod", victim!, "--wait=false");
  // Gone from the list without a reload; the ReplicaSet's new pod shows up.
  await expect(table.getByRole("link", { name: victim! })).toHaveCount(0, { timeout: 30_000 });
  await expect(table.getByRole("row")).toHaveCount(2, { timeout: 30_000 });
});

test("scale a Deployment from its page: kubectl agrees, the list follows", async ({ page }) => {
  await page.goto(`/endpoints/${encodeURIComponent(NAME)}/k8s/deployments/${NS}/web`);
  await page.getByLabel("Replicas of web").fill("2");
  await page.getByRole("button", { name: "Scale web" }).click();
  await expect(page.getByRole("status").filter({ hasText: "Scaled to 2" })).toBeVisible();
  expect(kubectl("-n", NS, "get", "deploy", "web", "-o", "jsonpath={.spec.replicas}")).toBe("2");
  await page.goto(`/endpoints/${encodeURIComponent(NAME)}/k8s/deployments?ns=${NS}`);
  const row = page
    .getByRole("table", { name: "Deployments" })
    .getByRole("row")
    .filter({ has: page.getByRole("link", { name: "web" }) });
  await expect(row).toContainText("2/2", { timeout: 60_000 });
});

test("scale from the lists: a Deployment row and a StatefulSet row, kubectl agrees", async ({ page }) => {
  await page.goto(`/endpoints/${encodeURIComponent(NAME)}/k8s/deployments?ns=${NS}`);
  const deployments = page.getByRole("table", { name: "Deployments" });
  const row = deployments.getByRole("row").filter({ has: page.getByRole("link", { name: "web" }) });
  await expect(row.getByLabel("Replicas of web")).toHaveValue("2");
  await row.getByLabel("Replicas of web").fill("1");
  await row.getByRole("button", { name: "Scale web" }).click();
  await expect(row.getByRole("status")).toHaveText("Scaled to 1");
  expect(kubectl("-n", NS, "get", "deploy", "web", "-o", "jsonpath={.spec.replicas}")).toBe("1");
  await expect(row).toContainText("1/1", { timeout: 60_000 });
  // And back to two (the tests below expect two replicas).
  await row.getByLabel("Replicas of web").fill("2");
  await row.getByRole("button", { name: "Scale web" }).click();
  await expect(row.getByRole("status")).toHaveText("Scaled to 2");
  expect(kubectl("-n", NS, "get", "deploy", "web", "-o", "jsonpath={.spec.replicas}")).toBe("2");
  await expect(row).toContainText("2/2", { timeout: 60_000 });

  // A StatefulSet through the same control (its own scale subresource).
  kubectlIn(
    deployment(0)
      .replaceAll("web", "db")
      .replace("kind: Deployment", "kind: StatefulSet")
      .replace("spec:\n  replicas: 0", "spec:\n  serviceName: db\n  replicas: 0"),
    "apply",
    "-f",
    "-",
  );
  await page.goto(`/endpoints/${encodeURIComponent(NAME)}/k8s/statefulsets?ns=${NS}`);
  const db = page
    .getByRole("table", { name: "StatefulSets" })
    .getByRole("row")
    .filter({ has: page.getByRole("link", { name: "db" }) });
  await db.getByLabel("Replicas of db").fill("1");
  await db.getByRole("button", { name: "Scale db" }).click();
  await expect(db.getByRole("status")).toHaveText("Scaled to 1");
  expect(kubectl("-n", NS, "get", "statefulset", "db", "-o", "jsonpath={.spec.replicas}")).toBe("1");
  await expect(db).toContainText("1/1", { timeout: 60_000 });
  kubectl("-n", NS, "delete", "statefulset", "db", "--wait=false");
});

test("a Deployment's page lists its ReplicaSet and Pods; each links to its own page", async ({ page }) => {
  // The page reads once (not live): wait until both replicas exist (and no terminating pod is left).
  await expect.poll(() => podNames().filter((n) => n.startsWith("web-")).length, { timeout: 60_000 }).toBe(2);
  const [pod] = podNames().filter((n) => n.startsWith("web-"));
  const rs = kubectl(
    "-n",
    NS,
    "get",
    "rs",
    "-l",
    "app=web",
    "-o",
    "jsonpath={.items[?(@.spec.replicas>0)].metadata.name}",
  );
  await page.goto(`/endpoints/${encodeURIComponent(NAME)}/k8s/deployments/${NS}/web`);
  const kids = page.getByRole("table", { name: "Children" });
  await expect(kids.getByRole("link", { name: rs, exact: true })).toBeVisible();
  await expect(kids.getByRole("link", { name: pod!, exact: true })).toBeVisible();
  await kids.getByRole("link", { name: rs, exact: true }).click();
  await expect(page.getByRole("heading", { name: `ReplicaSet ${NS}/${rs}` })).toBeVisible();
  await page.getByRole("table", { name: "Children" }).getByRole("link", { name: pod!, exact: true }).click();
  await expect(page.getByRole("heading", { name: `Pod ${NS}/${pod}` })).toBeVisible();
});

test("a custom object: linked from its CRD's list to a page with its conditions, events and YAML", async ({ page }) => {
  const group = "e2e.berth.test";
  const plural = `gizmos${Date.now().toString(36)}`;
  // A kind of its own per run: kubectl caches discovery, and a kind an earlier run's deleted CRD had maps to nothing.
  const kind = `Gizmo${Date.now().toString(36)}`;
  const crd = `${plural}.${group}`;
  kubectlIn(
    `apiVersion: apiextensions.k8s.io/v1
kind: CustomResourceDefinition
metadata: { name: ${crd} }
spec:
  group: ${group}
  scope: Namespaced
  names: { plural: ${plural}, singular: s${plural}, kind: ${kind} }
  versions:
    - name: v1
      served: true
      storage: true
      schema: { openAPIV3Schema: { type: object, x-kubernetes-preserve-unknown-fields: true } }
`,
    "apply",
    "-f",
    "-",
  );
  try {
    kubectl("wait", "--for=condition=Established", `crd/${crd}`, "--timeout=60s");
    // Established can come a moment before the API server serves the new kind (a 404 then): try again.
    await expect(() =>
      kubectlIn(
        `apiVersion: ${group}/v1
kind: ${kind}
metadata: { name: g1, namespace: ${NS} }
spec: { color: teal }
status: { conditions: [{ type: Ready, status: "True", reason: Assembled, message: gizmo ready }] }
`,
        "apply",
        "-f",
        "-",
      ),
    ).toPass({ timeout: 30_000 });
    await page.goto(`/endpoints/${encodeURIComponent(NAME)}/k8s/crds/${crd}?ns=${NS}`);
    await page.getByRole("table", { name: kind }).getByRole("link", { name: "g1" }).click();
    await expect(page.getByRole("heading", { name: `${kind} ${NS}/g1` })).toBeVisible();
    await expect(page.getByRole("region", { name: "Conditions" })).toContainText("Assembled");
    await expect(page.getByRole("region", { name: "Conditions" })).toContainText("gizmo ready");
    await expect(page.getByRole("region", { name: "Events" })).toBeVisible();
    await expect(page.getByRole("region", { name: "YAML" })).toContainText("color: teal");
  } finally {
    kubectl("delete", "crd", crd, "--wait=false");
  }
});

test("a pod's logs follow live in the log viewer, with tail and timestamps", async ({ page }) => {
  const pod = podNames()[0]!;
  const ep = encodeURIComponent(NAME);
  await page.goto(`/endpoints/${ep}/k8s/pods/${NS}/${pod}`);
  await expect(page.getByRole("heading", { name: `Pod ${NS}/${pod}` })).toBeVisible();
  const logs = page.getByRole("region", { name: "Logs" });
  await logs.getByLabel("Tail").selectOption("100");
  await logs.getByLabel("Timestamps").check();
  const out = logs.getByRole("log", { name: "Pod logs" });
  await expect(out).toContainText("e2e-tick", { timeout: 30_000 });
  await expect(out).toContainText(/\d{4}-\d\d-\d\dT\d\d:\d\d/);
  // Live: the pod writes a line a second, and new ones arrive without a reload.
  const count = async () => (await out.innerText()).split("e2e-tick").length;
  const before = await count();
  await expect.poll(count, { timeout: 15_000 }).toBeGreaterThan(before);
});

test("a Deployment's logs merge its pods, each line labelled with pod and container", async ({ page }) => {
  const ep = encodeURIComponent(NAME);
  const running = () =>
    kubectl(
      "-n",
      NS,
      "get",
      "pods",
      "--field-selector=status.phase=Running",
      "-o",
      "jsonpath={.items[*].metadata.name}",
    )
      .split(/\s+/)
      .filter(Boolean);
  await expect.poll(() => running().length, { timeout: 60_000 }).toBe(2);
  await expect.poll(() => podNames().length, { timeout: 60_000 }).toBe(2);
  await page.goto(`/endpoints/${ep}/k8s/deployments/${NS}/web`);
  const out = page.getByRole("region", { name: "Logs" }).getByRole("log", { name: "Workload logs" });
  for (const pod of running()) await expect(out).toContainText(`[${pod}/main] e2e-tick`, { timeout: 60_000 });
});

test("a console in a pod: a command's output, then exit shown", async ({ page }) => {
  const pod = kubectl(
    "-n",
    NS,
    "get",
    "pods",
    "--field-selector=status.phase=Running",
    "-o",
    "jsonpath={.items[0].metadata.name}",
  );
  await page.goto(`/endpoints/${encodeURIComponent(NAME)}/k8s/pods/${NS}/${pod}`);
  const consoleBox = page.getByRole("region", { name: "Console" });
  await consoleBox.getByRole("button", { name: "Connect" }).click();
  await expect(consoleBox.getByText("Connected", { exact: true })).toBeVisible();
  const terminal = consoleBox.getByRole("application", { name: "Terminal" });
  const rows = terminal.locator(".xterm-rows");
  await terminal.click();
  // Quoted and split, so only the output (never the echoed command line) carries the marker.
  await page.keyboard.type("echo \"in-$(hostname)\"'-''end'\n");
  await expect(rows).toContainText(`in-${pod}-end`);
  await page.keyboard.type("exit 0\n");
  await expect(rows).toContainText("[process exited with code 0]");
  await expect(consoleBox.getByRole("button", { name: "Connect" })).toBeVisible();
});

test("topology: ingress -> service -> pods -> nodes, live", async ({ page }) => {
  kubectlIn(
    `apiVersion: v1
kind: Service
metadata: { name: web, namespace: ${NS} }
spec: { selector: { app: web }, ports: [{ port: 80 }] }
---
apiVersion: networking.k8s.io/v1
kind: Ingress
metadata: { name: front, namespace: ${NS} }
spec:
  rules:
    - host: web.example
      http: { paths: [{ path: /, pathType: Prefix, backend: { service: { name: web, port: { number: 80 } } } }] }
`,
    "apply",
    "-f",
    "-",
  );
  await page.goto(`/endpoints/${encodeURIComponent(NAME)}/k8s/topology?ns=${NS}`);
  const ingresses = page.getByRole("region", { name: "Ingresses" });
  const front = ingresses.getByRole("listitem").filter({ hasText: "Ingress front" });
  await expect(front).toContainText("Service web", { timeout: 30_000 });
  const node = requireEnv("BERTH_TEST_KUBE_NODE");
  for (const pod of podNames()) await expect(front).toContainText(`${pod}`);
  await expect(front).toContainText(`on node ${node}`);
  // Live: a pod the service no longer selects moves out from under it.
  const [moved] = podNames();
  kubectl("-n", NS, "label", "pod", moved!, "app=elsewhere", "--overwrite");
  await expect(page.getByRole("region", { name: "Pods no service selects" })).toContainText(moved!, {
    timeout: 30_000,
  });
});

test("HTML and terminal escapes in annotations and log lines stay inert text", async ({ page }) => {
  const html = `<img src=x onerror="window.__pwned=1"><script>window.__pwned=2</script>`;
  const esc = "\u001b]0;pwned-title\u0007\u001b[2J\u001b]8;;javascript:window.__pwned=3\u0007click-me\u001b]8;;\u0007";
  const script = [
    `echo '${html}'`,
    "printf '\\033]8;;javascript:window.__pwned=3\\007hyperlink-text\\033]8;;\\007 \\033]0;pwned-title\\007after-osc\\n'",
    "sleep 3600",
  ].join("; ");
  // JSON (which kubectl reads as YAML) carries the escape characters an annotation value may hold.
  const pod = {
    apiVersion: "v1",
    kind: "Pod",
    metadata: { name: "hostile", namespace: NS, annotations: { evil: `${html}${esc}` } },
    spec: {
      terminationGracePeriodSeconds: 1,
      containers: [
        {
          name: "main",
          image: process.env.BERTH_TEST_KUBE_IMAGE ?? "berth-test/busybox:latest",
          imagePullPolicy: "Never",
          command: ["/bin/sh", "-c", script],
        },
      ],
    },
  };
  kubectlIn(JSON.stringify(pod), "apply", "-f", "-");
  // Running first: a log stream opened on a container still starting answers an error, not its lines.
  kubectl("-n", NS, "wait", "--for=condition=Ready", "pod/hostile", "--timeout=90s");
  const inert = async () => {
    expect(await page.evaluate(() => (window as unknown as { __pwned?: number }).__pwned)).toBeUndefined();
    await expect(page.locator("img[src=x]")).toHaveCount(0);
    await expect(page.locator('a[href^="javascript"]')).toHaveCount(0);
    expect(await page.title()).not.toContain("pwned-title");
  };
  await page.goto(`/endpoints/${encodeURIComponent(NAME)}/k8s/pods/${NS}/hostile`);
  await expect(page.getByRole("heading", { name: `Pod ${NS}/hostile` })).toBeVisible();
  // The annotation is shown as the text it is, in the object's YAML.
  await expect(page.getByRole("region", { name: "YAML" })).toContainText(`<img src=x onerror="window.__pwned=1">`);
  const out = page.getByRole("region", { name: "Logs" }).getByRole("log", { name: "Pod logs" });
  await expect(out).toContainText("<script>window.__pwned=2</script>", { timeout: 60_000 });
  await expect(out).toContainText("hyperlink-text");
  await expect(out).toContainText("after-osc");
  await inert();
});
