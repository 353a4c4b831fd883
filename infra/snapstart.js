'use strict';
// SnapStart for every function on a runtime that has it (python3.12 and later), in one
// place instead of `snapStart: true` on each of the functions. osls then publishes a version
// of each, points an alias (`snapstart`) at it, and routes every event (HTTP API, WebSocket,
// stream, queue, schedule) to the alias: SnapStart applies to published versions only.
// The hooks that run before the snapshot and after a restore: functions/runtime/snapstart.py.
// Off with `--param snapStart=false` (or a stage's params), e.g. for a region without it.
const SNAPSTART_RUNTIME = /^python3\.(1[2-9]|[2-9]\d)$/;

class SnapStartEverywhere {
  constructor(serverless) {
    this.serverless = serverless;
    this.hooks = { initialize: () => this.apply() };
  }

  apply() {
    const { service } = this.serverless;
    const enabled = String(service.custom?.snapStart ?? 'true') !== 'false';
    for (const name of service.getAllFunctions()) {
      const fn = service.getFunction(name);
      const runtime = fn.runtime || service.provider.runtime;
      if (fn.snapStart === undefined && !fn.image && SNAPSTART_RUNTIME.test(runtime)) {
        fn.snapStart = enabled;
      }
    }
  }
}

module.exports = SnapStartEverywhere;
