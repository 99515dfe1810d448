#!/usr/bin/env -S node --max-semi-space-size=1 --v8-pool-size=1
/**
 * chargerd: the daemon. `chargerd --config FILE`. Runs the agent; a Soft Reset from the CSMS restarts it in the
 * same process (a new Agent on the same data directory); a Hard Reset leaves the process (exit 0, or the
 * configured reset.hardResetCommand first) and the service manager starts it again; SIGTERM/SIGINT stop it.
 * Whatever happens, the contactors are opened first.
 *
 * The interpreter flags trade throughput we do not need for memory a controller does not have: a 1 MB young
 * generation and one V8 background thread save about 9 MB of resident memory (README, Benchmarks).
 */
import { spawn } from 'node:child_process';
import { Agent } from '../agent.js';
import { PROTOCOLS } from '../../profiles/index.js';
import { ConfigError, loadConfigFile, type ResolvedConfig } from '../config/load.js';
import { createLogHub } from '../log.js';
import { detectLogSource } from '../log-source.js';
import { sdNotify, startWatchdog } from '../sd-notify.js';
import { chargerdVersion } from '../version.js';

const USAGE = `usage: chargerd --config FILE [--csms URL] [--log-level LEVEL] [--pretty] [--trace-frames]
       chargerd --version

  --config FILE     configuration file (default /etc/chargerd/config.json)
  --csms URL        override ocpp.csmsUrl from the config
  --log-level L     fatal|error|warn|info|debug|trace|silent
  --pretty          human-readable log lines
  --trace-frames    log every OCPP frame (module ocpp:frames, secrets redacted), as log.frames: true`;

function parseArgs(argv: string[]): { config: string; csms?: string; level?: string; pretty?: boolean; frames?: boolean } {
  const out: { config: string; csms?: string; level?: string; pretty?: boolean; frames?: boolean } = { config: '/etc/chargerd/config.json' };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i]!;
    const next = () => {
      const v = argv[++i];
      if (v === undefined) throw new Error(`${a} needs a value`);
      return v;
    };
    if (a === '--config' || a === '-c') out.config = next();
    else if (a === '--csms') out.csms = next();
    else if (a === '--log-level') out.level = next();
    else if (a === '--pretty') out.pretty = true;
    else if (a === '--trace-frames') out.frames = true;
    else if (a === '--version' || a === '-V') {
      process.stdout.write(`chargerd ${chargerdVersion()}\n`);
      process.exit(0);
    } else if (a === '--help' || a === '-h') {
      process.stdout.write(USAGE + '\n');
      process.exit(0);
    } else throw new Error(`unknown argument ${a}`);
  }
  return out;
}


let args: ReturnType<typeof parseArgs>;
let config: ResolvedConfig;
try {
  args = parseArgs(process.argv.slice(2));
  config = loadConfigFile(args.config);
  if (args.csms) config.ocpp.csmsUrl = args.csms;
  if (args.level) config.log.level = args.level as ResolvedConfig['log']['level'];
  if (args.pretty) config.log.pretty = true;
  if (args.frames) config.log.frames = true;
} catch (err) {
  process.stderr.write(`chargerd: ${(err as Error).message}\n${err instanceof ConfigError ? '' : USAGE + '\n'}`);
  process.exit(2);
}

/** A reboot command returns at once (the reboot happens around us); one that hangs must not keep us down. */
const HARD_RESET_COMMAND_TIMEOUT_MS = 30_000;

// One ring for the process's agents in turn: the lines before a Soft Reset stay readable after it.
const { log, ring: logRing } = createLogHub({ level: config.log.level, pretty: config.log.pretty });
const logSource = detectLogSource(process.env);
let current: Agent | null = null;
let exiting = false;
let watchdogStarted = false;

async function shutdown(signal: string): Promise<void> {
  current?.safeState();
  if (exiting) return;
  exiting = true;
  sdNotify('STOPPING=1');
  log.info({ signal }, 'stopping');
  await current?.stop();
  process.exit(0);
}

process.on('SIGTERM', () => void shutdown('SIGTERM'));
process.on('SIGINT', () => void shutdown('SIGINT'));
process.on('uncaughtException', (err) => {
  current?.safeState();
  log.fatal({ err }, 'uncaught exception: contactors opened, exiting');
  process.exit(1);
});
process.on('unhandledRejection', (err) => {
  current?.safeState();
  log.fatal({ err }, 'unhandled rejection: contactors opened, exiting');
  process.exit(1);
});

for (;;) {
  const agent = new Agent({ config, protocols: PROTOCOLS, log, logRing, logSource });
  current = agent;
  try {
    await agent.start();
  } catch (err) {
    agent.safeState();
    log.fatal({ err: (err as Error).message }, 'start-up failed');
    process.stderr.write(`chargerd: ${(err as Error).message}\n`);
    await agent.stop().catch(() => undefined);
    process.exit(err instanceof ConfigError ? 2 : 1);
  }
  sdNotify('READY=1');
  // systemd arms the watchdog when start-up completes, so the pings start with the first READY=1 and go on
  // through Soft Resets (the loop keeps turning while the next agent starts).
  // They go on while stopping (the loop still turns); a stop that hangs is TimeoutStopSec's business.
  if (!watchdogStarted) {
    startWatchdog();
    watchdogStarted = true;
  }
  const outcome = await agent.done;
  if (outcome.kind === 'stopped' || exiting) break;
  if (outcome.reset === 'Hard') {
    // A fresh process (and with the command, a fresh controller) is what a Hard Reset promises: nothing of
    // this run's memory survives. The service manager (Restart=always) starts the next one.
    exiting = true;
    sdNotify('STOPPING=1');
    log.info('hard reset: leaving the process');
    await agent.stop();
    if (config.reset.hardResetCommand.length) await runHardResetCommand(config.reset.hardResetCommand);
    process.exit(0);
  }
  log.info({ reset: outcome.reset }, 'reset: restarting the agent');
  sdNotify('RELOADING=1');
  await agent.stop();
}

/**
 * The store is closed when this runs. Whatever the command does, the process exits 0 afterwards: a command that
 * failed, or did not take the controller down, must not leave the charger without an agent.
 */
function runHardResetCommand(argv: string[]): Promise<void> {
  return new Promise((resolve) => {
    log.info({ command: argv }, 'hard reset: running reset.hardResetCommand');
    const child = spawn(argv[0]!, argv.slice(1), { stdio: ['ignore', 'inherit', 'inherit'], timeout: HARD_RESET_COMMAND_TIMEOUT_MS });
    child.on('error', (err) => {
      log.error({ command: argv, err: err.message }, 'reset.hardResetCommand could not be run: exiting instead');
      resolve();
    });
    child.on('exit', (code, signal) => {
      if (code !== 0) log.error({ command: argv, code, signal }, 'reset.hardResetCommand failed: exiting instead');
      resolve();
    });
  });
}
