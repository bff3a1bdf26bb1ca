// Docker HEALTHCHECK for the EduCube Hub image: GET /health/live on the running service.
// The image has no curl or wget, so node does the request. Exit 0 = healthy, 1 = not.
// The port is $PORT when set, else the service's default (the service is $SERVICE, or read from
// PID 1's command line when it was chosen by argument). Kubernetes ignores HEALTHCHECK and uses
// its own probes (k8s/base).
'use strict';
const fs = require('node:fs');

// Keep in step with portSchema(...) in apps/<name>/src/service.ts (k8s/manifests.spec.ts checks).
const DEFAULT_PORTS = { gateway: 3000, identity: 3001, 'data-warehouse': 3002, assessment: 3003 };

function service() {
  if (process.env.SERVICE) return process.env.SERVICE;
  try {
    const cmdline = fs.readFileSync('/proc/1/cmdline', 'utf8');
    return /apps\/([a-z0-9-]+)\/src\/main\.[jt]s/.exec(cmdline)?.[1];
  } catch {
    return undefined;
  }
}

const port = Number(process.env.PORT || DEFAULT_PORTS[service()]);
if (!Number.isInteger(port) || port <= 0) {
  process.stderr.write(`healthcheck: no PORT and no known service (${service()})\n`);
  process.exit(1);
}

fetch(`http://127.0.0.1:${port}/health/live`, { signal: AbortSignal.timeout(2500) }).then(
  (res) => process.exit(res.ok ? 0 : 1),
  (error) => {
    process.stderr.write(`healthcheck: ${error.message}\n`);
    process.exit(1);
  },
);
