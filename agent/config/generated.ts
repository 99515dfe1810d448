// GENERATED from agent/config/config.schema.json by scripts/gen-ocpp-types.mjs — do not edit.

/**
 * chargerd configuration file (/etc/chargerd/config.json). This schema is the single source of the config types (agent/config/generated.ts).
 */
export interface ChargerdConfig {
  /**
   * Charge point identity: appended to the CSMS URL and used as the basic-auth user name.
   */
  chargePointId: string;
  ocpp: {
    /**
     * OCPP version spoken: "1.6", "2.0.1" (preview: provisioning, no transactions yet), or "auto" (offer ocpp2.0.1 then ocpp1.6 and speak what the CSMS picks).
     */
    version?: "1.6" | "2.0.1" | "auto";
    /**
     * The CSMS's OCPP-J endpoint; the identity is appended as a path segment.
     */
    csmsUrl: string;
    /**
     * 0: none, 1: basic auth over ws, 2: basic auth over TLS, 3: TLS client certificates.
     */
    securityProfile?: 0 | 1 | 2 | 3;
    /**
     * AuthorizationKey for security profiles 1 and 2 (never logged).
     */
    basicAuthPassword?: string;
    /**
     * Seconds to wait for a CSMS answer before a call counts as failed (MessageTimeout).
     */
    callTimeoutS?: number;
    /**
     * First reconnect back-off, seconds.
     */
    reconnectMinS?: number;
    /**
     * Largest reconnect back-off, seconds.
     */
    reconnectMaxS?: number;
  };
  /**
   * Fields of BootNotification.
   */
  identity?: {
    vendor?: string;
    model?: string;
    serialNumber?: string;
    chargeBoxSerialNumber?: string;
    firmwareVersion?: string;
    iccid?: string;
    imsi?: string;
    meterType?: string;
    meterSerialNumber?: string;
  };
  /**
   * Where the database and the simulated hardware state live.
   */
  dataDir?: string;
  /**
   * Unix socket of the local control API (chargerctl), read-only methods only (mode 0660, the service's group). The admin socket (control.adminSocket) serves everything.
   */
  controlSocket?: string;
  /**
   * Who may use the control API (README "Who may do what"): the read-only socket is controlSocket; state changes and anything that could reveal a secret only through the admin socket.
   */
  control?: {
    /**
     * Unix socket serving every control method (mode 0660, group adminGroup). Default: beside controlSocket, control.sock → control.admin.sock.
     */
    adminSocket?: string;
    /**
     * Group that owns the admin socket (a name, or a numeric id). The service user must be a member; if the group is missing or the chown fails, the admin socket is left to the service user and root (0600) and an error is logged.
     */
    adminGroup?: string;
  };
  log?: {
    level?: "fatal" | "error" | "warn" | "info" | "debug" | "trace" | "silent";
    /**
     * Human-readable log lines instead of JSON.
     */
    pretty?: boolean;
    /**
     * OCPP frame trace: every frame in and out on module 'ocpp:frames' at level trace, whatever log.level says (secrets redacted). Also chargerd --trace-frames.
     */
    frames?: boolean;
  };
  /**
   * Hardware: 'sim' simulates every part and an EV; 'linux' drives a real board described by hal/board.schema.json.
   */
  hal?: {
    driver: "sim" | "linux";
    sim?: {
      /**
       * How long a socket's cable stays in after the plug leaves the car.
       */
      cableLingerMs?: number;
      /**
       * How long the simulated EV takes to follow the pilot.
       */
      evReactionMs?: number;
      /**
       * The most the simulated EV draws per phase.
       */
      evMaxCurrentA?: number;
    };
    /**
     * With driver 'linux': the board profile — a shipped profile name (hal/boards/NAME.json, e.g. 'rpi-generic'), a path to a profile file, or the profile itself (validated by hal/board.schema.json).
     */
    board?: string | {};
    /**
     * With driver 'linux': run the board profile on a desk. GPIO is simulated (the fake backend, wired like a board), PWM and ADC are stand-in files under dataDir/dry-run; meters and readers stay real. For validating a board file on a laptop, never on a charger.
     */
    dryRun?: boolean;
    /**
     * With driver 'linux': directory of the manufacturer's own meter models, outside the package so upgrades keep them. A board meter's model NAME is looked up as DIR/NAME.json here before the built-in models. A relative path is taken from the config file's directory.
     */
    meterModelsDir?: string;
    /**
     * With driver 'linux': the RFID readers, each serving one EVSE. A simulated station has a reader per EVSE (chargerctl sim tag).
     */
    readers?: {
      [k: string]: unknown | undefined;
    }[];
  };
  /**
   * @minItems 1
   * @maxItems 16
   */
  evses:
    | [
        {
          /**
           * EVSE (connector) id, 1..n, consecutive.
           */
          id: number;
          /**
           * Most current this EVSE may offer per phase.
           */
          maxCurrentA?: number;
          phases?: 1 | 3;
          /**
           * Per-phase (line-to-neutral) nominal voltage, set not measured: converts power limits (W, from charging profiles and the energy manager) to the pilot's amperes per phase.
           */
          nominalVoltageV?: number;
          /**
           * 'socket' (cable brought by the driver, locked during a session) or 'cable' (fixed cable).
           */
          connector?: "socket" | "cable";
          /**
           * The site ventilates for EVs that ask for it (IEC 61851 state D). Without it, state D is a fault and no energy flows.
           */
          ventilation?: boolean;
          /**
           * For an EVSE without a reader: this idTag is presented, as if its card were, each time an EV is plugged in (authorized the same way: local list, cache or Authorize). Absent: sessions start from a card or the CSMS.
           */
          freeVend?: string;
        }
      ]
    | [
        {
          /**
           * EVSE (connector) id, 1..n, consecutive.
           */
          id: number;
          /**
           * Most current this EVSE may offer per phase.
           */
          maxCurrentA?: number;
          phases?: 1 | 3;
          /**
           * Per-phase (line-to-neutral) nominal voltage, set not measured: converts power limits (W, from charging profiles and the energy manager) to the pilot's amperes per phase.
           */
          nominalVoltageV?: number;
          /**
           * 'socket' (cable brought by the driver, locked during a session) or 'cable' (fixed cable).
           */
          connector?: "socket" | "cable";
          /**
           * The site ventilates for EVs that ask for it (IEC 61851 state D). Without it, state D is a fault and no energy flows.
           */
          ventilation?: boolean;
          /**
           * For an EVSE without a reader: this idTag is presented, as if its card were, each time an EV is plugged in (authorized the same way: local list, cache or Authorize). Absent: sessions start from a card or the CSMS.
           */
          freeVend?: string;
        },
        {
          /**
           * EVSE (connector) id, 1..n, consecutive.
           */
          id: number;
          /**
           * Most current this EVSE may offer per phase.
           */
          maxCurrentA?: number;
          phases?: 1 | 3;
          /**
           * Per-phase (line-to-neutral) nominal voltage, set not measured: converts power limits (W, from charging profiles and the energy manager) to the pilot's amperes per phase.
           */
          nominalVoltageV?: number;
          /**
           * 'socket' (cable brought by the driver, locked during a session) or 'cable' (fixed cable).
           */
          connector?: "socket" | "cable";
          /**
           * The site ventilates for EVs that ask for it (IEC 61851 state D). Without it, state D is a fault and no energy flows.
           */
          ventilation?: boolean;
          /**
           * For an EVSE without a reader: this idTag is presented, as if its card were, each time an EV is plugged in (authorized the same way: local list, cache or Authorize). Absent: sessions start from a card or the CSMS.
           */
          freeVend?: string;
        }
      ]
    | [
        {
          /**
           * EVSE (connector) id, 1..n, consecutive.
           */
          id: number;
          /**
           * Most current this EVSE may offer per phase.
           */
          maxCurrentA?: number;
          phases?: 1 | 3;
          /**
           * Per-phase (line-to-neutral) nominal voltage, set not measured: converts power limits (W, from charging profiles and the energy manager) to the pilot's amperes per phase.
           */
          nominalVoltageV?: number;
          /**
           * 'socket' (cable brought by the driver, locked during a session) or 'cable' (fixed cable).
           */
          connector?: "socket" | "cable";
          /**
           * The site ventilates for EVs that ask for it (IEC 61851 state D). Without it, state D is a fault and no energy flows.
           */
          ventilation?: boolean;
          /**
           * For an EVSE without a reader: this idTag is presented, as if its card were, each time an EV is plugged in (authorized the same way: local list, cache or Authorize). Absent: sessions start from a card or the CSMS.
           */
          freeVend?: string;
        },
        {
          /**
           * EVSE (connector) id, 1..n, consecutive.
           */
          id: number;
          /**
           * Most current this EVSE may offer per phase.
           */
          maxCurrentA?: number;
          phases?: 1 | 3;
          /**
           * Per-phase (line-to-neutral) nominal voltage, set not measured: converts power limits (W, from charging profiles and the energy manager) to the pilot's amperes per phase.
           */
          nominalVoltageV?: number;
          /**
           * 'socket' (cable brought by the driver, locked during a session) or 'cable' (fixed cable).
           */
          connector?: "socket" | "cable";
          /**
           * The site ventilates for EVs that ask for it (IEC 61851 state D). Without it, state D is a fault and no energy flows.
           */
          ventilation?: boolean;
          /**
           * For an EVSE without a reader: this idTag is presented, as if its card were, each time an EV is plugged in (authorized the same way: local list, cache or Authorize). Absent: sessions start from a card or the CSMS.
           */
          freeVend?: string;
        },
        {
          /**
           * EVSE (connector) id, 1..n, consecutive.
           */
          id: number;
          /**
           * Most current this EVSE may offer per phase.
           */
          maxCurrentA?: number;
          phases?: 1 | 3;
          /**
           * Per-phase (line-to-neutral) nominal voltage, set not measured: converts power limits (W, from charging profiles and the energy manager) to the pilot's amperes per phase.
           */
          nominalVoltageV?: number;
          /**
           * 'socket' (cable brought by the driver, locked during a session) or 'cable' (fixed cable).
           */
          connector?: "socket" | "cable";
          /**
           * The site ventilates for EVs that ask for it (IEC 61851 state D). Without it, state D is a fault and no energy flows.
           */
          ventilation?: boolean;
          /**
           * For an EVSE without a reader: this idTag is presented, as if its card were, each time an EV is plugged in (authorized the same way: local list, cache or Authorize). Absent: sessions start from a card or the CSMS.
           */
          freeVend?: string;
        }
      ]
    | [
        {
          /**
           * EVSE (connector) id, 1..n, consecutive.
           */
          id: number;
          /**
           * Most current this EVSE may offer per phase.
           */
          maxCurrentA?: number;
          phases?: 1 | 3;
          /**
           * Per-phase (line-to-neutral) nominal voltage, set not measured: converts power limits (W, from charging profiles and the energy manager) to the pilot's amperes per phase.
           */
          nominalVoltageV?: number;
          /**
           * 'socket' (cable brought by the driver, locked during a session) or 'cable' (fixed cable).
           */
          connector?: "socket" | "cable";
          /**
           * The site ventilates for EVs that ask for it (IEC 61851 state D). Without it, state D is a fault and no energy flows.
           */
          ventilation?: boolean;
          /**
           * For an EVSE without a reader: this idTag is presented, as if its card were, each time an EV is plugged in (authorized the same way: local list, cache or Authorize). Absent: sessions start from a card or the CSMS.
           */
          freeVend?: string;
        },
        {
          /**
           * EVSE (connector) id, 1..n, consecutive.
           */
          id: number;
          /**
           * Most current this EVSE may offer per phase.
           */
          maxCurrentA?: number;
          phases?: 1 | 3;
          /**
           * Per-phase (line-to-neutral) nominal voltage, set not measured: converts power limits (W, from charging profiles and the energy manager) to the pilot's amperes per phase.
           */
          nominalVoltageV?: number;
          /**
           * 'socket' (cable brought by the driver, locked during a session) or 'cable' (fixed cable).
           */
          connector?: "socket" | "cable";
          /**
           * The site ventilates for EVs that ask for it (IEC 61851 state D). Without it, state D is a fault and no energy flows.
           */
          ventilation?: boolean;
          /**
           * For an EVSE without a reader: this idTag is presented, as if its card were, each time an EV is plugged in (authorized the same way: local list, cache or Authorize). Absent: sessions start from a card or the CSMS.
           */
          freeVend?: string;
        },
        {
          /**
           * EVSE (connector) id, 1..n, consecutive.
           */
          id: number;
          /**
           * Most current this EVSE may offer per phase.
           */
          maxCurrentA?: number;
          phases?: 1 | 3;
          /**
           * Per-phase (line-to-neutral) nominal voltage, set not measured: converts power limits (W, from charging profiles and the energy manager) to the pilot's amperes per phase.
           */
          nominalVoltageV?: number;
          /**
           * 'socket' (cable brought by the driver, locked during a session) or 'cable' (fixed cable).
           */
          connector?: "socket" | "cable";
          /**
           * The site ventilates for EVs that ask for it (IEC 61851 state D). Without it, state D is a fault and no energy flows.
           */
          ventilation?: boolean;
          /**
           * For an EVSE without a reader: this idTag is presented, as if its card were, each time an EV is plugged in (authorized the same way: local list, cache or Authorize). Absent: sessions start from a card or the CSMS.
           */
          freeVend?: string;
        },
        {
          /**
           * EVSE (connector) id, 1..n, consecutive.
           */
          id: number;
          /**
           * Most current this EVSE may offer per phase.
           */
          maxCurrentA?: number;
          phases?: 1 | 3;
          /**
           * Per-phase (line-to-neutral) nominal voltage, set not measured: converts power limits (W, from charging profiles and the energy manager) to the pilot's amperes per phase.
           */
          nominalVoltageV?: number;
          /**
           * 'socket' (cable brought by the driver, locked during a session) or 'cable' (fixed cable).
           */
          connector?: "socket" | "cable";
          /**
           * The site ventilates for EVs that ask for it (IEC 61851 state D). Without it, state D is a fault and no energy flows.
           */
          ventilation?: boolean;
          /**
           * For an EVSE without a reader: this idTag is presented, as if its card were, each time an EV is plugged in (authorized the same way: local list, cache or Authorize). Absent: sessions start from a card or the CSMS.
           */
          freeVend?: string;
        }
      ]
    | [
        {
          /**
           * EVSE (connector) id, 1..n, consecutive.
           */
          id: number;
          /**
           * Most current this EVSE may offer per phase.
           */
          maxCurrentA?: number;
          phases?: 1 | 3;
          /**
           * Per-phase (line-to-neutral) nominal voltage, set not measured: converts power limits (W, from charging profiles and the energy manager) to the pilot's amperes per phase.
           */
          nominalVoltageV?: number;
          /**
           * 'socket' (cable brought by the driver, locked during a session) or 'cable' (fixed cable).
           */
          connector?: "socket" | "cable";
          /**
           * The site ventilates for EVs that ask for it (IEC 61851 state D). Without it, state D is a fault and no energy flows.
           */
          ventilation?: boolean;
          /**
           * For an EVSE without a reader: this idTag is presented, as if its card were, each time an EV is plugged in (authorized the same way: local list, cache or Authorize). Absent: sessions start from a card or the CSMS.
           */
          freeVend?: string;
        },
        {
          /**
           * EVSE (connector) id, 1..n, consecutive.
           */
          id: number;
          /**
           * Most current this EVSE may offer per phase.
           */
          maxCurrentA?: number;
          phases?: 1 | 3;
          /**
           * Per-phase (line-to-neutral) nominal voltage, set not measured: converts power limits (W, from charging profiles and the energy manager) to the pilot's amperes per phase.
           */
          nominalVoltageV?: number;
          /**
           * 'socket' (cable brought by the driver, locked during a session) or 'cable' (fixed cable).
           */
          connector?: "socket" | "cable";
          /**
           * The site ventilates for EVs that ask for it (IEC 61851 state D). Without it, state D is a fault and no energy flows.
           */
          ventilation?: boolean;
          /**
           * For an EVSE without a reader: this idTag is presented, as if its card were, each time an EV is plugged in (authorized the same way: local list, cache or Authorize). Absent: sessions start from a card or the CSMS.
           */
          freeVend?: string;
        },
        {
          /**
           * EVSE (connector) id, 1..n, consecutive.
           */
          id: number;
          /**
           * Most current this EVSE may offer per phase.
           */
          maxCurrentA?: number;
          phases?: 1 | 3;
          /**
           * Per-phase (line-to-neutral) nominal voltage, set not measured: converts power limits (W, from charging profiles and the energy manager) to the pilot's amperes per phase.
           */
          nominalVoltageV?: number;
          /**
           * 'socket' (cable brought by the driver, locked during a session) or 'cable' (fixed cable).
           */
          connector?: "socket" | "cable";
          /**
           * The site ventilates for EVs that ask for it (IEC 61851 state D). Without it, state D is a fault and no energy flows.
           */
          ventilation?: boolean;
          /**
           * For an EVSE without a reader: this idTag is presented, as if its card were, each time an EV is plugged in (authorized the same way: local list, cache or Authorize). Absent: sessions start from a card or the CSMS.
           */
          freeVend?: string;
        },
        {
          /**
           * EVSE (connector) id, 1..n, consecutive.
           */
          id: number;
          /**
           * Most current this EVSE may offer per phase.
           */
          maxCurrentA?: number;
          phases?: 1 | 3;
          /**
           * Per-phase (line-to-neutral) nominal voltage, set not measured: converts power limits (W, from charging profiles and the energy manager) to the pilot's amperes per phase.
           */
          nominalVoltageV?: number;
          /**
           * 'socket' (cable brought by the driver, locked during a session) or 'cable' (fixed cable).
           */
          connector?: "socket" | "cable";
          /**
           * The site ventilates for EVs that ask for it (IEC 61851 state D). Without it, state D is a fault and no energy flows.
           */
          ventilation?: boolean;
          /**
           * For an EVSE without a reader: this idTag is presented, as if its card were, each time an EV is plugged in (authorized the same way: local list, cache or Authorize). Absent: sessions start from a card or the CSMS.
           */
          freeVend?: string;
        },
        {
          /**
           * EVSE (connector) id, 1..n, consecutive.
           */
          id: number;
          /**
           * Most current this EVSE may offer per phase.
           */
          maxCurrentA?: number;
          phases?: 1 | 3;
          /**
           * Per-phase (line-to-neutral) nominal voltage, set not measured: converts power limits (W, from charging profiles and the energy manager) to the pilot's amperes per phase.
           */
          nominalVoltageV?: number;
          /**
           * 'socket' (cable brought by the driver, locked during a session) or 'cable' (fixed cable).
           */
          connector?: "socket" | "cable";
          /**
           * The site ventilates for EVs that ask for it (IEC 61851 state D). Without it, state D is a fault and no energy flows.
           */
          ventilation?: boolean;
          /**
           * For an EVSE without a reader: this idTag is presented, as if its card were, each time an EV is plugged in (authorized the same way: local list, cache or Authorize). Absent: sessions start from a card or the CSMS.
           */
          freeVend?: string;
        }
      ]
    | [
        {
          /**
           * EVSE (connector) id, 1..n, consecutive.
           */
          id: number;
          /**
           * Most current this EVSE may offer per phase.
           */
          maxCurrentA?: number;
          phases?: 1 | 3;
          /**
           * Per-phase (line-to-neutral) nominal voltage, set not measured: converts power limits (W, from charging profiles and the energy manager) to the pilot's amperes per phase.
           */
          nominalVoltageV?: number;
          /**
           * 'socket' (cable brought by the driver, locked during a session) or 'cable' (fixed cable).
           */
          connector?: "socket" | "cable";
          /**
           * The site ventilates for EVs that ask for it (IEC 61851 state D). Without it, state D is a fault and no energy flows.
           */
          ventilation?: boolean;
          /**
           * For an EVSE without a reader: this idTag is presented, as if its card were, each time an EV is plugged in (authorized the same way: local list, cache or Authorize). Absent: sessions start from a card or the CSMS.
           */
          freeVend?: string;
        },
        {
          /**
           * EVSE (connector) id, 1..n, consecutive.
           */
          id: number;
          /**
           * Most current this EVSE may offer per phase.
           */
          maxCurrentA?: number;
          phases?: 1 | 3;
          /**
           * Per-phase (line-to-neutral) nominal voltage, set not measured: converts power limits (W, from charging profiles and the energy manager) to the pilot's amperes per phase.
           */
          nominalVoltageV?: number;
          /**
           * 'socket' (cable brought by the driver, locked during a session) or 'cable' (fixed cable).
           */
          connector?: "socket" | "cable";
          /**
           * The site ventilates for EVs that ask for it (IEC 61851 state D). Without it, state D is a fault and no energy flows.
           */
          ventilation?: boolean;
          /**
           * For an EVSE without a reader: this idTag is presented, as if its card were, each time an EV is plugged in (authorized the same way: local list, cache or Authorize). Absent: sessions start from a card or the CSMS.
           */
          freeVend?: string;
        },
        {
          /**
           * EVSE (connector) id, 1..n, consecutive.
           */
          id: number;
          /**
           * Most current this EVSE may offer per phase.
           */
          maxCurrentA?: number;
          phases?: 1 | 3;
          /**
           * Per-phase (line-to-neutral) nominal voltage, set not measured: converts power limits (W, from charging profiles and the energy manager) to the pilot's amperes per phase.
           */
          nominalVoltageV?: number;
          /**
           * 'socket' (cable brought by the driver, locked during a session) or 'cable' (fixed cable).
           */
          connector?: "socket" | "cable";
          /**
           * The site ventilates for EVs that ask for it (IEC 61851 state D). Without it, state D is a fault and no energy flows.
           */
          ventilation?: boolean;
          /**
           * For an EVSE without a reader: this idTag is presented, as if its card were, each time an EV is plugged in (authorized the same way: local list, cache or Authorize). Absent: sessions start from a card or the CSMS.
           */
          freeVend?: string;
        },
        {
          /**
           * EVSE (connector) id, 1..n, consecutive.
           */
          id: number;
          /**
           * Most current this EVSE may offer per phase.
           */
          maxCurrentA?: number;
          phases?: 1 | 3;
          /**
           * Per-phase (line-to-neutral) nominal voltage, set not measured: converts power limits (W, from charging profiles and the energy manager) to the pilot's amperes per phase.
           */
          nominalVoltageV?: number;
          /**
           * 'socket' (cable brought by the driver, locked during a session) or 'cable' (fixed cable).
           */
          connector?: "socket" | "cable";
          /**
           * The site ventilates for EVs that ask for it (IEC 61851 state D). Without it, state D is a fault and no energy flows.
           */
          ventilation?: boolean;
          /**
           * For an EVSE without a reader: this idTag is presented, as if its card were, each time an EV is plugged in (authorized the same way: local list, cache or Authorize). Absent: sessions start from a card or the CSMS.
           */
          freeVend?: string;
        },
        {
          /**
           * EVSE (connector) id, 1..n, consecutive.
           */
          id: number;
          /**
           * Most current this EVSE may offer per phase.
           */
          maxCurrentA?: number;
          phases?: 1 | 3;
          /**
           * Per-phase (line-to-neutral) nominal voltage, set not measured: converts power limits (W, from charging profiles and the energy manager) to the pilot's amperes per phase.
           */
          nominalVoltageV?: number;
          /**
           * 'socket' (cable brought by the driver, locked during a session) or 'cable' (fixed cable).
           */
          connector?: "socket" | "cable";
          /**
           * The site ventilates for EVs that ask for it (IEC 61851 state D). Without it, state D is a fault and no energy flows.
           */
          ventilation?: boolean;
          /**
           * For an EVSE without a reader: this idTag is presented, as if its card were, each time an EV is plugged in (authorized the same way: local list, cache or Authorize). Absent: sessions start from a card or the CSMS.
           */
          freeVend?: string;
        },
        {
          /**
           * EVSE (connector) id, 1..n, consecutive.
           */
          id: number;
          /**
           * Most current this EVSE may offer per phase.
           */
          maxCurrentA?: number;
          phases?: 1 | 3;
          /**
           * Per-phase (line-to-neutral) nominal voltage, set not measured: converts power limits (W, from charging profiles and the energy manager) to the pilot's amperes per phase.
           */
          nominalVoltageV?: number;
          /**
           * 'socket' (cable brought by the driver, locked during a session) or 'cable' (fixed cable).
           */
          connector?: "socket" | "cable";
          /**
           * The site ventilates for EVs that ask for it (IEC 61851 state D). Without it, state D is a fault and no energy flows.
           */
          ventilation?: boolean;
          /**
           * For an EVSE without a reader: this idTag is presented, as if its card were, each time an EV is plugged in (authorized the same way: local list, cache or Authorize). Absent: sessions start from a card or the CSMS.
           */
          freeVend?: string;
        }
      ]
    | [
        {
          /**
           * EVSE (connector) id, 1..n, consecutive.
           */
          id: number;
          /**
           * Most current this EVSE may offer per phase.
           */
          maxCurrentA?: number;
          phases?: 1 | 3;
          /**
           * Per-phase (line-to-neutral) nominal voltage, set not measured: converts power limits (W, from charging profiles and the energy manager) to the pilot's amperes per phase.
           */
          nominalVoltageV?: number;
          /**
           * 'socket' (cable brought by the driver, locked during a session) or 'cable' (fixed cable).
           */
          connector?: "socket" | "cable";
          /**
           * The site ventilates for EVs that ask for it (IEC 61851 state D). Without it, state D is a fault and no energy flows.
           */
          ventilation?: boolean;
          /**
           * For an EVSE without a reader: this idTag is presented, as if its card were, each time an EV is plugged in (authorized the same way: local list, cache or Authorize). Absent: sessions start from a card or the CSMS.
           */
          freeVend?: string;
        },
        {
          /**
           * EVSE (connector) id, 1..n, consecutive.
           */
          id: number;
          /**
           * Most current this EVSE may offer per phase.
           */
          maxCurrentA?: number;
          phases?: 1 | 3;
          /**
           * Per-phase (line-to-neutral) nominal voltage, set not measured: converts power limits (W, from charging profiles and the energy manager) to the pilot's amperes per phase.
           */
          nominalVoltageV?: number;
          /**
           * 'socket' (cable brought by the driver, locked during a session) or 'cable' (fixed cable).
           */
          connector?: "socket" | "cable";
          /**
           * The site ventilates for EVs that ask for it (IEC 61851 state D). Without it, state D is a fault and no energy flows.
           */
          ventilation?: boolean;
          /**
           * For an EVSE without a reader: this idTag is presented, as if its card were, each time an EV is plugged in (authorized the same way: local list, cache or Authorize). Absent: sessions start from a card or the CSMS.
           */
          freeVend?: string;
        },
        {
          /**
           * EVSE (connector) id, 1..n, consecutive.
           */
          id: number;
          /**
           * Most current this EVSE may offer per phase.
           */
          maxCurrentA?: number;
          phases?: 1 | 3;
          /**
           * Per-phase (line-to-neutral) nominal voltage, set not measured: converts power limits (W, from charging profiles and the energy manager) to the pilot's amperes per phase.
           */
          nominalVoltageV?: number;
          /**
           * 'socket' (cable brought by the driver, locked during a session) or 'cable' (fixed cable).
           */
          connector?: "socket" | "cable";
          /**
           * The site ventilates for EVs that ask for it (IEC 61851 state D). Without it, state D is a fault and no energy flows.
           */
          ventilation?: boolean;
          /**
           * For an EVSE without a reader: this idTag is presented, as if its card were, each time an EV is plugged in (authorized the same way: local list, cache or Authorize). Absent: sessions start from a card or the CSMS.
           */
          freeVend?: string;
        },
        {
          /**
           * EVSE (connector) id, 1..n, consecutive.
           */
          id: number;
          /**
           * Most current this EVSE may offer per phase.
           */
          maxCurrentA?: number;
          phases?: 1 | 3;
          /**
           * Per-phase (line-to-neutral) nominal voltage, set not measured: converts power limits (W, from charging profiles and the energy manager) to the pilot's amperes per phase.
           */
          nominalVoltageV?: number;
          /**
           * 'socket' (cable brought by the driver, locked during a session) or 'cable' (fixed cable).
           */
          connector?: "socket" | "cable";
          /**
           * The site ventilates for EVs that ask for it (IEC 61851 state D). Without it, state D is a fault and no energy flows.
           */
          ventilation?: boolean;
          /**
           * For an EVSE without a reader: this idTag is presented, as if its card were, each time an EV is plugged in (authorized the same way: local list, cache or Authorize). Absent: sessions start from a card or the CSMS.
           */
          freeVend?: string;
        },
        {
          /**
           * EVSE (connector) id, 1..n, consecutive.
           */
          id: number;
          /**
           * Most current this EVSE may offer per phase.
           */
          maxCurrentA?: number;
          phases?: 1 | 3;
          /**
           * Per-phase (line-to-neutral) nominal voltage, set not measured: converts power limits (W, from charging profiles and the energy manager) to the pilot's amperes per phase.
           */
          nominalVoltageV?: number;
          /**
           * 'socket' (cable brought by the driver, locked during a session) or 'cable' (fixed cable).
           */
          connector?: "socket" | "cable";
          /**
           * The site ventilates for EVs that ask for it (IEC 61851 state D). Without it, state D is a fault and no energy flows.
           */
          ventilation?: boolean;
          /**
           * For an EVSE without a reader: this idTag is presented, as if its card were, each time an EV is plugged in (authorized the same way: local list, cache or Authorize). Absent: sessions start from a card or the CSMS.
           */
          freeVend?: string;
        },
        {
          /**
           * EVSE (connector) id, 1..n, consecutive.
           */
          id: number;
          /**
           * Most current this EVSE may offer per phase.
           */
          maxCurrentA?: number;
          phases?: 1 | 3;
          /**
           * Per-phase (line-to-neutral) nominal voltage, set not measured: converts power limits (W, from charging profiles and the energy manager) to the pilot's amperes per phase.
           */
          nominalVoltageV?: number;
          /**
           * 'socket' (cable brought by the driver, locked during a session) or 'cable' (fixed cable).
           */
          connector?: "socket" | "cable";
          /**
           * The site ventilates for EVs that ask for it (IEC 61851 state D). Without it, state D is a fault and no energy flows.
           */
          ventilation?: boolean;
          /**
           * For an EVSE without a reader: this idTag is presented, as if its card were, each time an EV is plugged in (authorized the same way: local list, cache or Authorize). Absent: sessions start from a card or the CSMS.
           */
          freeVend?: string;
        },
        {
          /**
           * EVSE (connector) id, 1..n, consecutive.
           */
          id: number;
          /**
           * Most current this EVSE may offer per phase.
           */
          maxCurrentA?: number;
          phases?: 1 | 3;
          /**
           * Per-phase (line-to-neutral) nominal voltage, set not measured: converts power limits (W, from charging profiles and the energy manager) to the pilot's amperes per phase.
           */
          nominalVoltageV?: number;
          /**
           * 'socket' (cable brought by the driver, locked during a session) or 'cable' (fixed cable).
           */
          connector?: "socket" | "cable";
          /**
           * The site ventilates for EVs that ask for it (IEC 61851 state D). Without it, state D is a fault and no energy flows.
           */
          ventilation?: boolean;
          /**
           * For an EVSE without a reader: this idTag is presented, as if its card were, each time an EV is plugged in (authorized the same way: local list, cache or Authorize). Absent: sessions start from a card or the CSMS.
           */
          freeVend?: string;
        }
      ]
    | [
        {
          /**
           * EVSE (connector) id, 1..n, consecutive.
           */
          id: number;
          /**
           * Most current this EVSE may offer per phase.
           */
          maxCurrentA?: number;
          phases?: 1 | 3;
          /**
           * Per-phase (line-to-neutral) nominal voltage, set not measured: converts power limits (W, from charging profiles and the energy manager) to the pilot's amperes per phase.
           */
          nominalVoltageV?: number;
          /**
           * 'socket' (cable brought by the driver, locked during a session) or 'cable' (fixed cable).
           */
          connector?: "socket" | "cable";
          /**
           * The site ventilates for EVs that ask for it (IEC 61851 state D). Without it, state D is a fault and no energy flows.
           */
          ventilation?: boolean;
          /**
           * For an EVSE without a reader: this idTag is presented, as if its card were, each time an EV is plugged in (authorized the same way: local list, cache or Authorize). Absent: sessions start from a card or the CSMS.
           */
          freeVend?: string;
        },
        {
          /**
           * EVSE (connector) id, 1..n, consecutive.
           */
          id: number;
          /**
           * Most current this EVSE may offer per phase.
           */
          maxCurrentA?: number;
          phases?: 1 | 3;
          /**
           * Per-phase (line-to-neutral) nominal voltage, set not measured: converts power limits (W, from charging profiles and the energy manager) to the pilot's amperes per phase.
           */
          nominalVoltageV?: number;
          /**
           * 'socket' (cable brought by the driver, locked during a session) or 'cable' (fixed cable).
           */
          connector?: "socket" | "cable";
          /**
           * The site ventilates for EVs that ask for it (IEC 61851 state D). Without it, state D is a fault and no energy flows.
           */
          ventilation?: boolean;
          /**
           * For an EVSE without a reader: this idTag is presented, as if its card were, each time an EV is plugged in (authorized the same way: local list, cache or Authorize). Absent: sessions start from a card or the CSMS.
           */
          freeVend?: string;
        },
        {
          /**
           * EVSE (connector) id, 1..n, consecutive.
           */
          id: number;
          /**
           * Most current this EVSE may offer per phase.
           */
          maxCurrentA?: number;
          phases?: 1 | 3;
          /**
           * Per-phase (line-to-neutral) nominal voltage, set not measured: converts power limits (W, from charging profiles and the energy manager) to the pilot's amperes per phase.
           */
          nominalVoltageV?: number;
          /**
           * 'socket' (cable brought by the driver, locked during a session) or 'cable' (fixed cable).
           */
          connector?: "socket" | "cable";
          /**
           * The site ventilates for EVs that ask for it (IEC 61851 state D). Without it, state D is a fault and no energy flows.
           */
          ventilation?: boolean;
          /**
           * For an EVSE without a reader: this idTag is presented, as if its card were, each time an EV is plugged in (authorized the same way: local list, cache or Authorize). Absent: sessions start from a card or the CSMS.
           */
          freeVend?: string;
        },
        {
          /**
           * EVSE (connector) id, 1..n, consecutive.
           */
          id: number;
          /**
           * Most current this EVSE may offer per phase.
           */
          maxCurrentA?: number;
          phases?: 1 | 3;
          /**
           * Per-phase (line-to-neutral) nominal voltage, set not measured: converts power limits (W, from charging profiles and the energy manager) to the pilot's amperes per phase.
           */
          nominalVoltageV?: number;
          /**
           * 'socket' (cable brought by the driver, locked during a session) or 'cable' (fixed cable).
           */
          connector?: "socket" | "cable";
          /**
           * The site ventilates for EVs that ask for it (IEC 61851 state D). Without it, state D is a fault and no energy flows.
           */
          ventilation?: boolean;
          /**
           * For an EVSE without a reader: this idTag is presented, as if its card were, each time an EV is plugged in (authorized the same way: local list, cache or Authorize). Absent: sessions start from a card or the CSMS.
           */
          freeVend?: string;
        },
        {
          /**
           * EVSE (connector) id, 1..n, consecutive.
           */
          id: number;
          /**
           * Most current this EVSE may offer per phase.
           */
          maxCurrentA?: number;
          phases?: 1 | 3;
          /**
           * Per-phase (line-to-neutral) nominal voltage, set not measured: converts power limits (W, from charging profiles and the energy manager) to the pilot's amperes per phase.
           */
          nominalVoltageV?: number;
          /**
           * 'socket' (cable brought by the driver, locked during a session) or 'cable' (fixed cable).
           */
          connector?: "socket" | "cable";
          /**
           * The site ventilates for EVs that ask for it (IEC 61851 state D). Without it, state D is a fault and no energy flows.
           */
          ventilation?: boolean;
          /**
           * For an EVSE without a reader: this idTag is presented, as if its card were, each time an EV is plugged in (authorized the same way: local list, cache or Authorize). Absent: sessions start from a card or the CSMS.
           */
          freeVend?: string;
        },
        {
          /**
           * EVSE (connector) id, 1..n, consecutive.
           */
          id: number;
          /**
           * Most current this EVSE may offer per phase.
           */
          maxCurrentA?: number;
          phases?: 1 | 3;
          /**
           * Per-phase (line-to-neutral) nominal voltage, set not measured: converts power limits (W, from charging profiles and the energy manager) to the pilot's amperes per phase.
           */
          nominalVoltageV?: number;
          /**
           * 'socket' (cable brought by the driver, locked during a session) or 'cable' (fixed cable).
           */
          connector?: "socket" | "cable";
          /**
           * The site ventilates for EVs that ask for it (IEC 61851 state D). Without it, state D is a fault and no energy flows.
           */
          ventilation?: boolean;
          /**
           * For an EVSE without a reader: this idTag is presented, as if its card were, each time an EV is plugged in (authorized the same way: local list, cache or Authorize). Absent: sessions start from a card or the CSMS.
           */
          freeVend?: string;
        },
        {
          /**
           * EVSE (connector) id, 1..n, consecutive.
           */
          id: number;
          /**
           * Most current this EVSE may offer per phase.
           */
          maxCurrentA?: number;
          phases?: 1 | 3;
          /**
           * Per-phase (line-to-neutral) nominal voltage, set not measured: converts power limits (W, from charging profiles and the energy manager) to the pilot's amperes per phase.
           */
          nominalVoltageV?: number;
          /**
           * 'socket' (cable brought by the driver, locked during a session) or 'cable' (fixed cable).
           */
          connector?: "socket" | "cable";
          /**
           * The site ventilates for EVs that ask for it (IEC 61851 state D). Without it, state D is a fault and no energy flows.
           */
          ventilation?: boolean;
          /**
           * For an EVSE without a reader: this idTag is presented, as if its card were, each time an EV is plugged in (authorized the same way: local list, cache or Authorize). Absent: sessions start from a card or the CSMS.
           */
          freeVend?: string;
        },
        {
          /**
           * EVSE (connector) id, 1..n, consecutive.
           */
          id: number;
          /**
           * Most current this EVSE may offer per phase.
           */
          maxCurrentA?: number;
          phases?: 1 | 3;
          /**
           * Per-phase (line-to-neutral) nominal voltage, set not measured: converts power limits (W, from charging profiles and the energy manager) to the pilot's amperes per phase.
           */
          nominalVoltageV?: number;
          /**
           * 'socket' (cable brought by the driver, locked during a session) or 'cable' (fixed cable).
           */
          connector?: "socket" | "cable";
          /**
           * The site ventilates for EVs that ask for it (IEC 61851 state D). Without it, state D is a fault and no energy flows.
           */
          ventilation?: boolean;
          /**
           * For an EVSE without a reader: this idTag is presented, as if its card were, each time an EV is plugged in (authorized the same way: local list, cache or Authorize). Absent: sessions start from a card or the CSMS.
           */
          freeVend?: string;
        }
      ]
    | [
        {
          /**
           * EVSE (connector) id, 1..n, consecutive.
           */
          id: number;
          /**
           * Most current this EVSE may offer per phase.
           */
          maxCurrentA?: number;
          phases?: 1 | 3;
          /**
           * Per-phase (line-to-neutral) nominal voltage, set not measured: converts power limits (W, from charging profiles and the energy manager) to the pilot's amperes per phase.
           */
          nominalVoltageV?: number;
          /**
           * 'socket' (cable brought by the driver, locked during a session) or 'cable' (fixed cable).
           */
          connector?: "socket" | "cable";
          /**
           * The site ventilates for EVs that ask for it (IEC 61851 state D). Without it, state D is a fault and no energy flows.
           */
          ventilation?: boolean;
          /**
           * For an EVSE without a reader: this idTag is presented, as if its card were, each time an EV is plugged in (authorized the same way: local list, cache or Authorize). Absent: sessions start from a card or the CSMS.
           */
          freeVend?: string;
        },
        {
          /**
           * EVSE (connector) id, 1..n, consecutive.
           */
          id: number;
          /**
           * Most current this EVSE may offer per phase.
           */
          maxCurrentA?: number;
          phases?: 1 | 3;
          /**
           * Per-phase (line-to-neutral) nominal voltage, set not measured: converts power limits (W, from charging profiles and the energy manager) to the pilot's amperes per phase.
           */
          nominalVoltageV?: number;
          /**
           * 'socket' (cable brought by the driver, locked during a session) or 'cable' (fixed cable).
           */
          connector?: "socket" | "cable";
          /**
           * The site ventilates for EVs that ask for it (IEC 61851 state D). Without it, state D is a fault and no energy flows.
           */
          ventilation?: boolean;
          /**
           * For an EVSE without a reader: this idTag is presented, as if its card were, each time an EV is plugged in (authorized the same way: local list, cache or Authorize). Absent: sessions start from a card or the CSMS.
           */
          freeVend?: string;
        },
        {
          /**
           * EVSE (connector) id, 1..n, consecutive.
           */
          id: number;
          /**
           * Most current this EVSE may offer per phase.
           */
          maxCurrentA?: number;
          phases?: 1 | 3;
          /**
           * Per-phase (line-to-neutral) nominal voltage, set not measured: converts power limits (W, from charging profiles and the energy manager) to the pilot's amperes per phase.
           */
          nominalVoltageV?: number;
          /**
           * 'socket' (cable brought by the driver, locked during a session) or 'cable' (fixed cable).
           */
          connector?: "socket" | "cable";
          /**
           * The site ventilates for EVs that ask for it (IEC 61851 state D). Without it, state D is a fault and no energy flows.
           */
          ventilation?: boolean;
          /**
           * For an EVSE without a reader: this idTag is presented, as if its card were, each time an EV is plugged in (authorized the same way: local list, cache or Authorize). Absent: sessions start from a card or the CSMS.
           */
          freeVend?: string;
        },
        {
          /**
           * EVSE (connector) id, 1..n, consecutive.
           */
          id: number;
          /**
           * Most current this EVSE may offer per phase.
           */
          maxCurrentA?: number;
          phases?: 1 | 3;
          /**
           * Per-phase (line-to-neutral) nominal voltage, set not measured: converts power limits (W, from charging profiles and the energy manager) to the pilot's amperes per phase.
           */
          nominalVoltageV?: number;
          /**
           * 'socket' (cable brought by the driver, locked during a session) or 'cable' (fixed cable).
           */
          connector?: "socket" | "cable";
          /**
           * The site ventilates for EVs that ask for it (IEC 61851 state D). Without it, state D is a fault and no energy flows.
           */
          ventilation?: boolean;
          /**
           * For an EVSE without a reader: this idTag is presented, as if its card were, each time an EV is plugged in (authorized the same way: local list, cache or Authorize). Absent: sessions start from a card or the CSMS.
           */
          freeVend?: string;
        },
        {
          /**
           * EVSE (connector) id, 1..n, consecutive.
           */
          id: number;
          /**
           * Most current this EVSE may offer per phase.
           */
          maxCurrentA?: number;
          phases?: 1 | 3;
          /**
           * Per-phase (line-to-neutral) nominal voltage, set not measured: converts power limits (W, from charging profiles and the energy manager) to the pilot's amperes per phase.
           */
          nominalVoltageV?: number;
          /**
           * 'socket' (cable brought by the driver, locked during a session) or 'cable' (fixed cable).
           */
          connector?: "socket" | "cable";
          /**
           * The site ventilates for EVs that ask for it (IEC 61851 state D). Without it, state D is a fault and no energy flows.
           */
          ventilation?: boolean;
          /**
           * For an EVSE without a reader: this idTag is presented, as if its card were, each time an EV is plugged in (authorized the same way: local list, cache or Authorize). Absent: sessions start from a card or the CSMS.
           */
          freeVend?: string;
        },
        {
          /**
           * EVSE (connector) id, 1..n, consecutive.
           */
          id: number;
          /**
           * Most current this EVSE may offer per phase.
           */
          maxCurrentA?: number;
          phases?: 1 | 3;
          /**
           * Per-phase (line-to-neutral) nominal voltage, set not measured: converts power limits (W, from charging profiles and the energy manager) to the pilot's amperes per phase.
           */
          nominalVoltageV?: number;
          /**
           * 'socket' (cable brought by the driver, locked during a session) or 'cable' (fixed cable).
           */
          connector?: "socket" | "cable";
          /**
           * The site ventilates for EVs that ask for it (IEC 61851 state D). Without it, state D is a fault and no energy flows.
           */
          ventilation?: boolean;
          /**
           * For an EVSE without a reader: this idTag is presented, as if its card were, each time an EV is plugged in (authorized the same way: local list, cache or Authorize). Absent: sessions start from a card or the CSMS.
           */
          freeVend?: string;
        },
        {
          /**
           * EVSE (connector) id, 1..n, consecutive.
           */
          id: number;
          /**
           * Most current this EVSE may offer per phase.
           */
          maxCurrentA?: number;
          phases?: 1 | 3;
          /**
           * Per-phase (line-to-neutral) nominal voltage, set not measured: converts power limits (W, from charging profiles and the energy manager) to the pilot's amperes per phase.
           */
          nominalVoltageV?: number;
          /**
           * 'socket' (cable brought by the driver, locked during a session) or 'cable' (fixed cable).
           */
          connector?: "socket" | "cable";
          /**
           * The site ventilates for EVs that ask for it (IEC 61851 state D). Without it, state D is a fault and no energy flows.
           */
          ventilation?: boolean;
          /**
           * For an EVSE without a reader: this idTag is presented, as if its card were, each time an EV is plugged in (authorized the same way: local list, cache or Authorize). Absent: sessions start from a card or the CSMS.
           */
          freeVend?: string;
        },
        {
          /**
           * EVSE (connector) id, 1..n, consecutive.
           */
          id: number;
          /**
           * Most current this EVSE may offer per phase.
           */
          maxCurrentA?: number;
          phases?: 1 | 3;
          /**
           * Per-phase (line-to-neutral) nominal voltage, set not measured: converts power limits (W, from charging profiles and the energy manager) to the pilot's amperes per phase.
           */
          nominalVoltageV?: number;
          /**
           * 'socket' (cable brought by the driver, locked during a session) or 'cable' (fixed cable).
           */
          connector?: "socket" | "cable";
          /**
           * The site ventilates for EVs that ask for it (IEC 61851 state D). Without it, state D is a fault and no energy flows.
           */
          ventilation?: boolean;
          /**
           * For an EVSE without a reader: this idTag is presented, as if its card were, each time an EV is plugged in (authorized the same way: local list, cache or Authorize). Absent: sessions start from a card or the CSMS.
           */
          freeVend?: string;
        },
        {
          /**
           * EVSE (connector) id, 1..n, consecutive.
           */
          id: number;
          /**
           * Most current this EVSE may offer per phase.
           */
          maxCurrentA?: number;
          phases?: 1 | 3;
          /**
           * Per-phase (line-to-neutral) nominal voltage, set not measured: converts power limits (W, from charging profiles and the energy manager) to the pilot's amperes per phase.
           */
          nominalVoltageV?: number;
          /**
           * 'socket' (cable brought by the driver, locked during a session) or 'cable' (fixed cable).
           */
          connector?: "socket" | "cable";
          /**
           * The site ventilates for EVs that ask for it (IEC 61851 state D). Without it, state D is a fault and no energy flows.
           */
          ventilation?: boolean;
          /**
           * For an EVSE without a reader: this idTag is presented, as if its card were, each time an EV is plugged in (authorized the same way: local list, cache or Authorize). Absent: sessions start from a card or the CSMS.
           */
          freeVend?: string;
        }
      ]
    | [
        {
          /**
           * EVSE (connector) id, 1..n, consecutive.
           */
          id: number;
          /**
           * Most current this EVSE may offer per phase.
           */
          maxCurrentA?: number;
          phases?: 1 | 3;
          /**
           * Per-phase (line-to-neutral) nominal voltage, set not measured: converts power limits (W, from charging profiles and the energy manager) to the pilot's amperes per phase.
           */
          nominalVoltageV?: number;
          /**
           * 'socket' (cable brought by the driver, locked during a session) or 'cable' (fixed cable).
           */
          connector?: "socket" | "cable";
          /**
           * The site ventilates for EVs that ask for it (IEC 61851 state D). Without it, state D is a fault and no energy flows.
           */
          ventilation?: boolean;
          /**
           * For an EVSE without a reader: this idTag is presented, as if its card were, each time an EV is plugged in (authorized the same way: local list, cache or Authorize). Absent: sessions start from a card or the CSMS.
           */
          freeVend?: string;
        },
        {
          /**
           * EVSE (connector) id, 1..n, consecutive.
           */
          id: number;
          /**
           * Most current this EVSE may offer per phase.
           */
          maxCurrentA?: number;
          phases?: 1 | 3;
          /**
           * Per-phase (line-to-neutral) nominal voltage, set not measured: converts power limits (W, from charging profiles and the energy manager) to the pilot's amperes per phase.
           */
          nominalVoltageV?: number;
          /**
           * 'socket' (cable brought by the driver, locked during a session) or 'cable' (fixed cable).
           */
          connector?: "socket" | "cable";
          /**
           * The site ventilates for EVs that ask for it (IEC 61851 state D). Without it, state D is a fault and no energy flows.
           */
          ventilation?: boolean;
          /**
           * For an EVSE without a reader: this idTag is presented, as if its card were, each time an EV is plugged in (authorized the same way: local list, cache or Authorize). Absent: sessions start from a card or the CSMS.
           */
          freeVend?: string;
        },
        {
          /**
           * EVSE (connector) id, 1..n, consecutive.
           */
          id: number;
          /**
           * Most current this EVSE may offer per phase.
           */
          maxCurrentA?: number;
          phases?: 1 | 3;
          /**
           * Per-phase (line-to-neutral) nominal voltage, set not measured: converts power limits (W, from charging profiles and the energy manager) to the pilot's amperes per phase.
           */
          nominalVoltageV?: number;
          /**
           * 'socket' (cable brought by the driver, locked during a session) or 'cable' (fixed cable).
           */
          connector?: "socket" | "cable";
          /**
           * The site ventilates for EVs that ask for it (IEC 61851 state D). Without it, state D is a fault and no energy flows.
           */
          ventilation?: boolean;
          /**
           * For an EVSE without a reader: this idTag is presented, as if its card were, each time an EV is plugged in (authorized the same way: local list, cache or Authorize). Absent: sessions start from a card or the CSMS.
           */
          freeVend?: string;
        },
        {
          /**
           * EVSE (connector) id, 1..n, consecutive.
           */
          id: number;
          /**
           * Most current this EVSE may offer per phase.
           */
          maxCurrentA?: number;
          phases?: 1 | 3;
          /**
           * Per-phase (line-to-neutral) nominal voltage, set not measured: converts power limits (W, from charging profiles and the energy manager) to the pilot's amperes per phase.
           */
          nominalVoltageV?: number;
          /**
           * 'socket' (cable brought by the driver, locked during a session) or 'cable' (fixed cable).
           */
          connector?: "socket" | "cable";
          /**
           * The site ventilates for EVs that ask for it (IEC 61851 state D). Without it, state D is a fault and no energy flows.
           */
          ventilation?: boolean;
          /**
           * For an EVSE without a reader: this idTag is presented, as if its card were, each time an EV is plugged in (authorized the same way: local list, cache or Authorize). Absent: sessions start from a card or the CSMS.
           */
          freeVend?: string;
        },
        {
          /**
           * EVSE (connector) id, 1..n, consecutive.
           */
          id: number;
          /**
           * Most current this EVSE may offer per phase.
           */
          maxCurrentA?: number;
          phases?: 1 | 3;
          /**
           * Per-phase (line-to-neutral) nominal voltage, set not measured: converts power limits (W, from charging profiles and the energy manager) to the pilot's amperes per phase.
           */
          nominalVoltageV?: number;
          /**
           * 'socket' (cable brought by the driver, locked during a session) or 'cable' (fixed cable).
           */
          connector?: "socket" | "cable";
          /**
           * The site ventilates for EVs that ask for it (IEC 61851 state D). Without it, state D is a fault and no energy flows.
           */
          ventilation?: boolean;
          /**
           * For an EVSE without a reader: this idTag is presented, as if its card were, each time an EV is plugged in (authorized the same way: local list, cache or Authorize). Absent: sessions start from a card or the CSMS.
           */
          freeVend?: string;
        },
        {
          /**
           * EVSE (connector) id, 1..n, consecutive.
           */
          id: number;
          /**
           * Most current this EVSE may offer per phase.
           */
          maxCurrentA?: number;
          phases?: 1 | 3;
          /**
           * Per-phase (line-to-neutral) nominal voltage, set not measured: converts power limits (W, from charging profiles and the energy manager) to the pilot's amperes per phase.
           */
          nominalVoltageV?: number;
          /**
           * 'socket' (cable brought by the driver, locked during a session) or 'cable' (fixed cable).
           */
          connector?: "socket" | "cable";
          /**
           * The site ventilates for EVs that ask for it (IEC 61851 state D). Without it, state D is a fault and no energy flows.
           */
          ventilation?: boolean;
          /**
           * For an EVSE without a reader: this idTag is presented, as if its card were, each time an EV is plugged in (authorized the same way: local list, cache or Authorize). Absent: sessions start from a card or the CSMS.
           */
          freeVend?: string;
        },
        {
          /**
           * EVSE (connector) id, 1..n, consecutive.
           */
          id: number;
          /**
           * Most current this EVSE may offer per phase.
           */
          maxCurrentA?: number;
          phases?: 1 | 3;
          /**
           * Per-phase (line-to-neutral) nominal voltage, set not measured: converts power limits (W, from charging profiles and the energy manager) to the pilot's amperes per phase.
           */
          nominalVoltageV?: number;
          /**
           * 'socket' (cable brought by the driver, locked during a session) or 'cable' (fixed cable).
           */
          connector?: "socket" | "cable";
          /**
           * The site ventilates for EVs that ask for it (IEC 61851 state D). Without it, state D is a fault and no energy flows.
           */
          ventilation?: boolean;
          /**
           * For an EVSE without a reader: this idTag is presented, as if its card were, each time an EV is plugged in (authorized the same way: local list, cache or Authorize). Absent: sessions start from a card or the CSMS.
           */
          freeVend?: string;
        },
        {
          /**
           * EVSE (connector) id, 1..n, consecutive.
           */
          id: number;
          /**
           * Most current this EVSE may offer per phase.
           */
          maxCurrentA?: number;
          phases?: 1 | 3;
          /**
           * Per-phase (line-to-neutral) nominal voltage, set not measured: converts power limits (W, from charging profiles and the energy manager) to the pilot's amperes per phase.
           */
          nominalVoltageV?: number;
          /**
           * 'socket' (cable brought by the driver, locked during a session) or 'cable' (fixed cable).
           */
          connector?: "socket" | "cable";
          /**
           * The site ventilates for EVs that ask for it (IEC 61851 state D). Without it, state D is a fault and no energy flows.
           */
          ventilation?: boolean;
          /**
           * For an EVSE without a reader: this idTag is presented, as if its card were, each time an EV is plugged in (authorized the same way: local list, cache or Authorize). Absent: sessions start from a card or the CSMS.
           */
          freeVend?: string;
        },
        {
          /**
           * EVSE (connector) id, 1..n, consecutive.
           */
          id: number;
          /**
           * Most current this EVSE may offer per phase.
           */
          maxCurrentA?: number;
          phases?: 1 | 3;
          /**
           * Per-phase (line-to-neutral) nominal voltage, set not measured: converts power limits (W, from charging profiles and the energy manager) to the pilot's amperes per phase.
           */
          nominalVoltageV?: number;
          /**
           * 'socket' (cable brought by the driver, locked during a session) or 'cable' (fixed cable).
           */
          connector?: "socket" | "cable";
          /**
           * The site ventilates for EVs that ask for it (IEC 61851 state D). Without it, state D is a fault and no energy flows.
           */
          ventilation?: boolean;
          /**
           * For an EVSE without a reader: this idTag is presented, as if its card were, each time an EV is plugged in (authorized the same way: local list, cache or Authorize). Absent: sessions start from a card or the CSMS.
           */
          freeVend?: string;
        },
        {
          /**
           * EVSE (connector) id, 1..n, consecutive.
           */
          id: number;
          /**
           * Most current this EVSE may offer per phase.
           */
          maxCurrentA?: number;
          phases?: 1 | 3;
          /**
           * Per-phase (line-to-neutral) nominal voltage, set not measured: converts power limits (W, from charging profiles and the energy manager) to the pilot's amperes per phase.
           */
          nominalVoltageV?: number;
          /**
           * 'socket' (cable brought by the driver, locked during a session) or 'cable' (fixed cable).
           */
          connector?: "socket" | "cable";
          /**
           * The site ventilates for EVs that ask for it (IEC 61851 state D). Without it, state D is a fault and no energy flows.
           */
          ventilation?: boolean;
          /**
           * For an EVSE without a reader: this idTag is presented, as if its card were, each time an EV is plugged in (authorized the same way: local list, cache or Authorize). Absent: sessions start from a card or the CSMS.
           */
          freeVend?: string;
        }
      ]
    | [
        {
          /**
           * EVSE (connector) id, 1..n, consecutive.
           */
          id: number;
          /**
           * Most current this EVSE may offer per phase.
           */
          maxCurrentA?: number;
          phases?: 1 | 3;
          /**
           * Per-phase (line-to-neutral) nominal voltage, set not measured: converts power limits (W, from charging profiles and the energy manager) to the pilot's amperes per phase.
           */
          nominalVoltageV?: number;
          /**
           * 'socket' (cable brought by the driver, locked during a session) or 'cable' (fixed cable).
           */
          connector?: "socket" | "cable";
          /**
           * The site ventilates for EVs that ask for it (IEC 61851 state D). Without it, state D is a fault and no energy flows.
           */
          ventilation?: boolean;
          /**
           * For an EVSE without a reader: this idTag is presented, as if its card were, each time an EV is plugged in (authorized the same way: local list, cache or Authorize). Absent: sessions start from a card or the CSMS.
           */
          freeVend?: string;
        },
        {
          /**
           * EVSE (connector) id, 1..n, consecutive.
           */
          id: number;
          /**
           * Most current this EVSE may offer per phase.
           */
          maxCurrentA?: number;
          phases?: 1 | 3;
          /**
           * Per-phase (line-to-neutral) nominal voltage, set not measured: converts power limits (W, from charging profiles and the energy manager) to the pilot's amperes per phase.
           */
          nominalVoltageV?: number;
          /**
           * 'socket' (cable brought by the driver, locked during a session) or 'cable' (fixed cable).
           */
          connector?: "socket" | "cable";
          /**
           * The site ventilates for EVs that ask for it (IEC 61851 state D). Without it, state D is a fault and no energy flows.
           */
          ventilation?: boolean;
          /**
           * For an EVSE without a reader: this idTag is presented, as if its card were, each time an EV is plugged in (authorized the same way: local list, cache or Authorize). Absent: sessions start from a card or the CSMS.
           */
          freeVend?: string;
        },
        {
          /**
           * EVSE (connector) id, 1..n, consecutive.
           */
          id: number;
          /**
           * Most current this EVSE may offer per phase.
           */
          maxCurrentA?: number;
          phases?: 1 | 3;
          /**
           * Per-phase (line-to-neutral) nominal voltage, set not measured: converts power limits (W, from charging profiles and the energy manager) to the pilot's amperes per phase.
           */
          nominalVoltageV?: number;
          /**
           * 'socket' (cable brought by the driver, locked during a session) or 'cable' (fixed cable).
           */
          connector?: "socket" | "cable";
          /**
           * The site ventilates for EVs that ask for it (IEC 61851 state D). Without it, state D is a fault and no energy flows.
           */
          ventilation?: boolean;
          /**
           * For an EVSE without a reader: this idTag is presented, as if its card were, each time an EV is plugged in (authorized the same way: local list, cache or Authorize). Absent: sessions start from a card or the CSMS.
           */
          freeVend?: string;
        },
        {
          /**
           * EVSE (connector) id, 1..n, consecutive.
           */
          id: number;
          /**
           * Most current this EVSE may offer per phase.
           */
          maxCurrentA?: number;
          phases?: 1 | 3;
          /**
           * Per-phase (line-to-neutral) nominal voltage, set not measured: converts power limits (W, from charging profiles and the energy manager) to the pilot's amperes per phase.
           */
          nominalVoltageV?: number;
          /**
           * 'socket' (cable brought by the driver, locked during a session) or 'cable' (fixed cable).
           */
          connector?: "socket" | "cable";
          /**
           * The site ventilates for EVs that ask for it (IEC 61851 state D). Without it, state D is a fault and no energy flows.
           */
          ventilation?: boolean;
          /**
           * For an EVSE without a reader: this idTag is presented, as if its card were, each time an EV is plugged in (authorized the same way: local list, cache or Authorize). Absent: sessions start from a card or the CSMS.
           */
          freeVend?: string;
        },
        {
          /**
           * EVSE (connector) id, 1..n, consecutive.
           */
          id: number;
          /**
           * Most current this EVSE may offer per phase.
           */
          maxCurrentA?: number;
          phases?: 1 | 3;
          /**
           * Per-phase (line-to-neutral) nominal voltage, set not measured: converts power limits (W, from charging profiles and the energy manager) to the pilot's amperes per phase.
           */
          nominalVoltageV?: number;
          /**
           * 'socket' (cable brought by the driver, locked during a session) or 'cable' (fixed cable).
           */
          connector?: "socket" | "cable";
          /**
           * The site ventilates for EVs that ask for it (IEC 61851 state D). Without it, state D is a fault and no energy flows.
           */
          ventilation?: boolean;
          /**
           * For an EVSE without a reader: this idTag is presented, as if its card were, each time an EV is plugged in (authorized the same way: local list, cache or Authorize). Absent: sessions start from a card or the CSMS.
           */
          freeVend?: string;
        },
        {
          /**
           * EVSE (connector) id, 1..n, consecutive.
           */
          id: number;
          /**
           * Most current this EVSE may offer per phase.
           */
          maxCurrentA?: number;
          phases?: 1 | 3;
          /**
           * Per-phase (line-to-neutral) nominal voltage, set not measured: converts power limits (W, from charging profiles and the energy manager) to the pilot's amperes per phase.
           */
          nominalVoltageV?: number;
          /**
           * 'socket' (cable brought by the driver, locked during a session) or 'cable' (fixed cable).
           */
          connector?: "socket" | "cable";
          /**
           * The site ventilates for EVs that ask for it (IEC 61851 state D). Without it, state D is a fault and no energy flows.
           */
          ventilation?: boolean;
          /**
           * For an EVSE without a reader: this idTag is presented, as if its card were, each time an EV is plugged in (authorized the same way: local list, cache or Authorize). Absent: sessions start from a card or the CSMS.
           */
          freeVend?: string;
        },
        {
          /**
           * EVSE (connector) id, 1..n, consecutive.
           */
          id: number;
          /**
           * Most current this EVSE may offer per phase.
           */
          maxCurrentA?: number;
          phases?: 1 | 3;
          /**
           * Per-phase (line-to-neutral) nominal voltage, set not measured: converts power limits (W, from charging profiles and the energy manager) to the pilot's amperes per phase.
           */
          nominalVoltageV?: number;
          /**
           * 'socket' (cable brought by the driver, locked during a session) or 'cable' (fixed cable).
           */
          connector?: "socket" | "cable";
          /**
           * The site ventilates for EVs that ask for it (IEC 61851 state D). Without it, state D is a fault and no energy flows.
           */
          ventilation?: boolean;
          /**
           * For an EVSE without a reader: this idTag is presented, as if its card were, each time an EV is plugged in (authorized the same way: local list, cache or Authorize). Absent: sessions start from a card or the CSMS.
           */
          freeVend?: string;
        },
        {
          /**
           * EVSE (connector) id, 1..n, consecutive.
           */
          id: number;
          /**
           * Most current this EVSE may offer per phase.
           */
          maxCurrentA?: number;
          phases?: 1 | 3;
          /**
           * Per-phase (line-to-neutral) nominal voltage, set not measured: converts power limits (W, from charging profiles and the energy manager) to the pilot's amperes per phase.
           */
          nominalVoltageV?: number;
          /**
           * 'socket' (cable brought by the driver, locked during a session) or 'cable' (fixed cable).
           */
          connector?: "socket" | "cable";
          /**
           * The site ventilates for EVs that ask for it (IEC 61851 state D). Without it, state D is a fault and no energy flows.
           */
          ventilation?: boolean;
          /**
           * For an EVSE without a reader: this idTag is presented, as if its card were, each time an EV is plugged in (authorized the same way: local list, cache or Authorize). Absent: sessions start from a card or the CSMS.
           */
          freeVend?: string;
        },
        {
          /**
           * EVSE (connector) id, 1..n, consecutive.
           */
          id: number;
          /**
           * Most current this EVSE may offer per phase.
           */
          maxCurrentA?: number;
          phases?: 1 | 3;
          /**
           * Per-phase (line-to-neutral) nominal voltage, set not measured: converts power limits (W, from charging profiles and the energy manager) to the pilot's amperes per phase.
           */
          nominalVoltageV?: number;
          /**
           * 'socket' (cable brought by the driver, locked during a session) or 'cable' (fixed cable).
           */
          connector?: "socket" | "cable";
          /**
           * The site ventilates for EVs that ask for it (IEC 61851 state D). Without it, state D is a fault and no energy flows.
           */
          ventilation?: boolean;
          /**
           * For an EVSE without a reader: this idTag is presented, as if its card were, each time an EV is plugged in (authorized the same way: local list, cache or Authorize). Absent: sessions start from a card or the CSMS.
           */
          freeVend?: string;
        },
        {
          /**
           * EVSE (connector) id, 1..n, consecutive.
           */
          id: number;
          /**
           * Most current this EVSE may offer per phase.
           */
          maxCurrentA?: number;
          phases?: 1 | 3;
          /**
           * Per-phase (line-to-neutral) nominal voltage, set not measured: converts power limits (W, from charging profiles and the energy manager) to the pilot's amperes per phase.
           */
          nominalVoltageV?: number;
          /**
           * 'socket' (cable brought by the driver, locked during a session) or 'cable' (fixed cable).
           */
          connector?: "socket" | "cable";
          /**
           * The site ventilates for EVs that ask for it (IEC 61851 state D). Without it, state D is a fault and no energy flows.
           */
          ventilation?: boolean;
          /**
           * For an EVSE without a reader: this idTag is presented, as if its card were, each time an EV is plugged in (authorized the same way: local list, cache or Authorize). Absent: sessions start from a card or the CSMS.
           */
          freeVend?: string;
        },
        {
          /**
           * EVSE (connector) id, 1..n, consecutive.
           */
          id: number;
          /**
           * Most current this EVSE may offer per phase.
           */
          maxCurrentA?: number;
          phases?: 1 | 3;
          /**
           * Per-phase (line-to-neutral) nominal voltage, set not measured: converts power limits (W, from charging profiles and the energy manager) to the pilot's amperes per phase.
           */
          nominalVoltageV?: number;
          /**
           * 'socket' (cable brought by the driver, locked during a session) or 'cable' (fixed cable).
           */
          connector?: "socket" | "cable";
          /**
           * The site ventilates for EVs that ask for it (IEC 61851 state D). Without it, state D is a fault and no energy flows.
           */
          ventilation?: boolean;
          /**
           * For an EVSE without a reader: this idTag is presented, as if its card were, each time an EV is plugged in (authorized the same way: local list, cache or Authorize). Absent: sessions start from a card or the CSMS.
           */
          freeVend?: string;
        }
      ]
    | [
        {
          /**
           * EVSE (connector) id, 1..n, consecutive.
           */
          id: number;
          /**
           * Most current this EVSE may offer per phase.
           */
          maxCurrentA?: number;
          phases?: 1 | 3;
          /**
           * Per-phase (line-to-neutral) nominal voltage, set not measured: converts power limits (W, from charging profiles and the energy manager) to the pilot's amperes per phase.
           */
          nominalVoltageV?: number;
          /**
           * 'socket' (cable brought by the driver, locked during a session) or 'cable' (fixed cable).
           */
          connector?: "socket" | "cable";
          /**
           * The site ventilates for EVs that ask for it (IEC 61851 state D). Without it, state D is a fault and no energy flows.
           */
          ventilation?: boolean;
          /**
           * For an EVSE without a reader: this idTag is presented, as if its card were, each time an EV is plugged in (authorized the same way: local list, cache or Authorize). Absent: sessions start from a card or the CSMS.
           */
          freeVend?: string;
        },
        {
          /**
           * EVSE (connector) id, 1..n, consecutive.
           */
          id: number;
          /**
           * Most current this EVSE may offer per phase.
           */
          maxCurrentA?: number;
          phases?: 1 | 3;
          /**
           * Per-phase (line-to-neutral) nominal voltage, set not measured: converts power limits (W, from charging profiles and the energy manager) to the pilot's amperes per phase.
           */
          nominalVoltageV?: number;
          /**
           * 'socket' (cable brought by the driver, locked during a session) or 'cable' (fixed cable).
           */
          connector?: "socket" | "cable";
          /**
           * The site ventilates for EVs that ask for it (IEC 61851 state D). Without it, state D is a fault and no energy flows.
           */
          ventilation?: boolean;
          /**
           * For an EVSE without a reader: this idTag is presented, as if its card were, each time an EV is plugged in (authorized the same way: local list, cache or Authorize). Absent: sessions start from a card or the CSMS.
           */
          freeVend?: string;
        },
        {
          /**
           * EVSE (connector) id, 1..n, consecutive.
           */
          id: number;
          /**
           * Most current this EVSE may offer per phase.
           */
          maxCurrentA?: number;
          phases?: 1 | 3;
          /**
           * Per-phase (line-to-neutral) nominal voltage, set not measured: converts power limits (W, from charging profiles and the energy manager) to the pilot's amperes per phase.
           */
          nominalVoltageV?: number;
          /**
           * 'socket' (cable brought by the driver, locked during a session) or 'cable' (fixed cable).
           */
          connector?: "socket" | "cable";
          /**
           * The site ventilates for EVs that ask for it (IEC 61851 state D). Without it, state D is a fault and no energy flows.
           */
          ventilation?: boolean;
          /**
           * For an EVSE without a reader: this idTag is presented, as if its card were, each time an EV is plugged in (authorized the same way: local list, cache or Authorize). Absent: sessions start from a card or the CSMS.
           */
          freeVend?: string;
        },
        {
          /**
           * EVSE (connector) id, 1..n, consecutive.
           */
          id: number;
          /**
           * Most current this EVSE may offer per phase.
           */
          maxCurrentA?: number;
          phases?: 1 | 3;
          /**
           * Per-phase (line-to-neutral) nominal voltage, set not measured: converts power limits (W, from charging profiles and the energy manager) to the pilot's amperes per phase.
           */
          nominalVoltageV?: number;
          /**
           * 'socket' (cable brought by the driver, locked during a session) or 'cable' (fixed cable).
           */
          connector?: "socket" | "cable";
          /**
           * The site ventilates for EVs that ask for it (IEC 61851 state D). Without it, state D is a fault and no energy flows.
           */
          ventilation?: boolean;
          /**
           * For an EVSE without a reader: this idTag is presented, as if its card were, each time an EV is plugged in (authorized the same way: local list, cache or Authorize). Absent: sessions start from a card or the CSMS.
           */
          freeVend?: string;
        },
        {
          /**
           * EVSE (connector) id, 1..n, consecutive.
           */
          id: number;
          /**
           * Most current this EVSE may offer per phase.
           */
          maxCurrentA?: number;
          phases?: 1 | 3;
          /**
           * Per-phase (line-to-neutral) nominal voltage, set not measured: converts power limits (W, from charging profiles and the energy manager) to the pilot's amperes per phase.
           */
          nominalVoltageV?: number;
          /**
           * 'socket' (cable brought by the driver, locked during a session) or 'cable' (fixed cable).
           */
          connector?: "socket" | "cable";
          /**
           * The site ventilates for EVs that ask for it (IEC 61851 state D). Without it, state D is a fault and no energy flows.
           */
          ventilation?: boolean;
          /**
           * For an EVSE without a reader: this idTag is presented, as if its card were, each time an EV is plugged in (authorized the same way: local list, cache or Authorize). Absent: sessions start from a card or the CSMS.
           */
          freeVend?: string;
        },
        {
          /**
           * EVSE (connector) id, 1..n, consecutive.
           */
          id: number;
          /**
           * Most current this EVSE may offer per phase.
           */
          maxCurrentA?: number;
          phases?: 1 | 3;
          /**
           * Per-phase (line-to-neutral) nominal voltage, set not measured: converts power limits (W, from charging profiles and the energy manager) to the pilot's amperes per phase.
           */
          nominalVoltageV?: number;
          /**
           * 'socket' (cable brought by the driver, locked during a session) or 'cable' (fixed cable).
           */
          connector?: "socket" | "cable";
          /**
           * The site ventilates for EVs that ask for it (IEC 61851 state D). Without it, state D is a fault and no energy flows.
           */
          ventilation?: boolean;
          /**
           * For an EVSE without a reader: this idTag is presented, as if its card were, each time an EV is plugged in (authorized the same way: local list, cache or Authorize). Absent: sessions start from a card or the CSMS.
           */
          freeVend?: string;
        },
        {
          /**
           * EVSE (connector) id, 1..n, consecutive.
           */
          id: number;
          /**
           * Most current this EVSE may offer per phase.
           */
          maxCurrentA?: number;
          phases?: 1 | 3;
          /**
           * Per-phase (line-to-neutral) nominal voltage, set not measured: converts power limits (W, from charging profiles and the energy manager) to the pilot's amperes per phase.
           */
          nominalVoltageV?: number;
          /**
           * 'socket' (cable brought by the driver, locked during a session) or 'cable' (fixed cable).
           */
          connector?: "socket" | "cable";
          /**
           * The site ventilates for EVs that ask for it (IEC 61851 state D). Without it, state D is a fault and no energy flows.
           */
          ventilation?: boolean;
          /**
           * For an EVSE without a reader: this idTag is presented, as if its card were, each time an EV is plugged in (authorized the same way: local list, cache or Authorize). Absent: sessions start from a card or the CSMS.
           */
          freeVend?: string;
        },
        {
          /**
           * EVSE (connector) id, 1..n, consecutive.
           */
          id: number;
          /**
           * Most current this EVSE may offer per phase.
           */
          maxCurrentA?: number;
          phases?: 1 | 3;
          /**
           * Per-phase (line-to-neutral) nominal voltage, set not measured: converts power limits (W, from charging profiles and the energy manager) to the pilot's amperes per phase.
           */
          nominalVoltageV?: number;
          /**
           * 'socket' (cable brought by the driver, locked during a session) or 'cable' (fixed cable).
           */
          connector?: "socket" | "cable";
          /**
           * The site ventilates for EVs that ask for it (IEC 61851 state D). Without it, state D is a fault and no energy flows.
           */
          ventilation?: boolean;
          /**
           * For an EVSE without a reader: this idTag is presented, as if its card were, each time an EV is plugged in (authorized the same way: local list, cache or Authorize). Absent: sessions start from a card or the CSMS.
           */
          freeVend?: string;
        },
        {
          /**
           * EVSE (connector) id, 1..n, consecutive.
           */
          id: number;
          /**
           * Most current this EVSE may offer per phase.
           */
          maxCurrentA?: number;
          phases?: 1 | 3;
          /**
           * Per-phase (line-to-neutral) nominal voltage, set not measured: converts power limits (W, from charging profiles and the energy manager) to the pilot's amperes per phase.
           */
          nominalVoltageV?: number;
          /**
           * 'socket' (cable brought by the driver, locked during a session) or 'cable' (fixed cable).
           */
          connector?: "socket" | "cable";
          /**
           * The site ventilates for EVs that ask for it (IEC 61851 state D). Without it, state D is a fault and no energy flows.
           */
          ventilation?: boolean;
          /**
           * For an EVSE without a reader: this idTag is presented, as if its card were, each time an EV is plugged in (authorized the same way: local list, cache or Authorize). Absent: sessions start from a card or the CSMS.
           */
          freeVend?: string;
        },
        {
          /**
           * EVSE (connector) id, 1..n, consecutive.
           */
          id: number;
          /**
           * Most current this EVSE may offer per phase.
           */
          maxCurrentA?: number;
          phases?: 1 | 3;
          /**
           * Per-phase (line-to-neutral) nominal voltage, set not measured: converts power limits (W, from charging profiles and the energy manager) to the pilot's amperes per phase.
           */
          nominalVoltageV?: number;
          /**
           * 'socket' (cable brought by the driver, locked during a session) or 'cable' (fixed cable).
           */
          connector?: "socket" | "cable";
          /**
           * The site ventilates for EVs that ask for it (IEC 61851 state D). Without it, state D is a fault and no energy flows.
           */
          ventilation?: boolean;
          /**
           * For an EVSE without a reader: this idTag is presented, as if its card were, each time an EV is plugged in (authorized the same way: local list, cache or Authorize). Absent: sessions start from a card or the CSMS.
           */
          freeVend?: string;
        },
        {
          /**
           * EVSE (connector) id, 1..n, consecutive.
           */
          id: number;
          /**
           * Most current this EVSE may offer per phase.
           */
          maxCurrentA?: number;
          phases?: 1 | 3;
          /**
           * Per-phase (line-to-neutral) nominal voltage, set not measured: converts power limits (W, from charging profiles and the energy manager) to the pilot's amperes per phase.
           */
          nominalVoltageV?: number;
          /**
           * 'socket' (cable brought by the driver, locked during a session) or 'cable' (fixed cable).
           */
          connector?: "socket" | "cable";
          /**
           * The site ventilates for EVs that ask for it (IEC 61851 state D). Without it, state D is a fault and no energy flows.
           */
          ventilation?: boolean;
          /**
           * For an EVSE without a reader: this idTag is presented, as if its card were, each time an EV is plugged in (authorized the same way: local list, cache or Authorize). Absent: sessions start from a card or the CSMS.
           */
          freeVend?: string;
        },
        {
          /**
           * EVSE (connector) id, 1..n, consecutive.
           */
          id: number;
          /**
           * Most current this EVSE may offer per phase.
           */
          maxCurrentA?: number;
          phases?: 1 | 3;
          /**
           * Per-phase (line-to-neutral) nominal voltage, set not measured: converts power limits (W, from charging profiles and the energy manager) to the pilot's amperes per phase.
           */
          nominalVoltageV?: number;
          /**
           * 'socket' (cable brought by the driver, locked during a session) or 'cable' (fixed cable).
           */
          connector?: "socket" | "cable";
          /**
           * The site ventilates for EVs that ask for it (IEC 61851 state D). Without it, state D is a fault and no energy flows.
           */
          ventilation?: boolean;
          /**
           * For an EVSE without a reader: this idTag is presented, as if its card were, each time an EV is plugged in (authorized the same way: local list, cache or Authorize). Absent: sessions start from a card or the CSMS.
           */
          freeVend?: string;
        }
      ]
    | [
        {
          /**
           * EVSE (connector) id, 1..n, consecutive.
           */
          id: number;
          /**
           * Most current this EVSE may offer per phase.
           */
          maxCurrentA?: number;
          phases?: 1 | 3;
          /**
           * Per-phase (line-to-neutral) nominal voltage, set not measured: converts power limits (W, from charging profiles and the energy manager) to the pilot's amperes per phase.
           */
          nominalVoltageV?: number;
          /**
           * 'socket' (cable brought by the driver, locked during a session) or 'cable' (fixed cable).
           */
          connector?: "socket" | "cable";
          /**
           * The site ventilates for EVs that ask for it (IEC 61851 state D). Without it, state D is a fault and no energy flows.
           */
          ventilation?: boolean;
          /**
           * For an EVSE without a reader: this idTag is presented, as if its card were, each time an EV is plugged in (authorized the same way: local list, cache or Authorize). Absent: sessions start from a card or the CSMS.
           */
          freeVend?: string;
        },
        {
          /**
           * EVSE (connector) id, 1..n, consecutive.
           */
          id: number;
          /**
           * Most current this EVSE may offer per phase.
           */
          maxCurrentA?: number;
          phases?: 1 | 3;
          /**
           * Per-phase (line-to-neutral) nominal voltage, set not measured: converts power limits (W, from charging profiles and the energy manager) to the pilot's amperes per phase.
           */
          nominalVoltageV?: number;
          /**
           * 'socket' (cable brought by the driver, locked during a session) or 'cable' (fixed cable).
           */
          connector?: "socket" | "cable";
          /**
           * The site ventilates for EVs that ask for it (IEC 61851 state D). Without it, state D is a fault and no energy flows.
           */
          ventilation?: boolean;
          /**
           * For an EVSE without a reader: this idTag is presented, as if its card were, each time an EV is plugged in (authorized the same way: local list, cache or Authorize). Absent: sessions start from a card or the CSMS.
           */
          freeVend?: string;
        },
        {
          /**
           * EVSE (connector) id, 1..n, consecutive.
           */
          id: number;
          /**
           * Most current this EVSE may offer per phase.
           */
          maxCurrentA?: number;
          phases?: 1 | 3;
          /**
           * Per-phase (line-to-neutral) nominal voltage, set not measured: converts power limits (W, from charging profiles and the energy manager) to the pilot's amperes per phase.
           */
          nominalVoltageV?: number;
          /**
           * 'socket' (cable brought by the driver, locked during a session) or 'cable' (fixed cable).
           */
          connector?: "socket" | "cable";
          /**
           * The site ventilates for EVs that ask for it (IEC 61851 state D). Without it, state D is a fault and no energy flows.
           */
          ventilation?: boolean;
          /**
           * For an EVSE without a reader: this idTag is presented, as if its card were, each time an EV is plugged in (authorized the same way: local list, cache or Authorize). Absent: sessions start from a card or the CSMS.
           */
          freeVend?: string;
        },
        {
          /**
           * EVSE (connector) id, 1..n, consecutive.
           */
          id: number;
          /**
           * Most current this EVSE may offer per phase.
           */
          maxCurrentA?: number;
          phases?: 1 | 3;
          /**
           * Per-phase (line-to-neutral) nominal voltage, set not measured: converts power limits (W, from charging profiles and the energy manager) to the pilot's amperes per phase.
           */
          nominalVoltageV?: number;
          /**
           * 'socket' (cable brought by the driver, locked during a session) or 'cable' (fixed cable).
           */
          connector?: "socket" | "cable";
          /**
           * The site ventilates for EVs that ask for it (IEC 61851 state D). Without it, state D is a fault and no energy flows.
           */
          ventilation?: boolean;
          /**
           * For an EVSE without a reader: this idTag is presented, as if its card were, each time an EV is plugged in (authorized the same way: local list, cache or Authorize). Absent: sessions start from a card or the CSMS.
           */
          freeVend?: string;
        },
        {
          /**
           * EVSE (connector) id, 1..n, consecutive.
           */
          id: number;
          /**
           * Most current this EVSE may offer per phase.
           */
          maxCurrentA?: number;
          phases?: 1 | 3;
          /**
           * Per-phase (line-to-neutral) nominal voltage, set not measured: converts power limits (W, from charging profiles and the energy manager) to the pilot's amperes per phase.
           */
          nominalVoltageV?: number;
          /**
           * 'socket' (cable brought by the driver, locked during a session) or 'cable' (fixed cable).
           */
          connector?: "socket" | "cable";
          /**
           * The site ventilates for EVs that ask for it (IEC 61851 state D). Without it, state D is a fault and no energy flows.
           */
          ventilation?: boolean;
          /**
           * For an EVSE without a reader: this idTag is presented, as if its card were, each time an EV is plugged in (authorized the same way: local list, cache or Authorize). Absent: sessions start from a card or the CSMS.
           */
          freeVend?: string;
        },
        {
          /**
           * EVSE (connector) id, 1..n, consecutive.
           */
          id: number;
          /**
           * Most current this EVSE may offer per phase.
           */
          maxCurrentA?: number;
          phases?: 1 | 3;
          /**
           * Per-phase (line-to-neutral) nominal voltage, set not measured: converts power limits (W, from charging profiles and the energy manager) to the pilot's amperes per phase.
           */
          nominalVoltageV?: number;
          /**
           * 'socket' (cable brought by the driver, locked during a session) or 'cable' (fixed cable).
           */
          connector?: "socket" | "cable";
          /**
           * The site ventilates for EVs that ask for it (IEC 61851 state D). Without it, state D is a fault and no energy flows.
           */
          ventilation?: boolean;
          /**
           * For an EVSE without a reader: this idTag is presented, as if its card were, each time an EV is plugged in (authorized the same way: local list, cache or Authorize). Absent: sessions start from a card or the CSMS.
           */
          freeVend?: string;
        },
        {
          /**
           * EVSE (connector) id, 1..n, consecutive.
           */
          id: number;
          /**
           * Most current this EVSE may offer per phase.
           */
          maxCurrentA?: number;
          phases?: 1 | 3;
          /**
           * Per-phase (line-to-neutral) nominal voltage, set not measured: converts power limits (W, from charging profiles and the energy manager) to the pilot's amperes per phase.
           */
          nominalVoltageV?: number;
          /**
           * 'socket' (cable brought by the driver, locked during a session) or 'cable' (fixed cable).
           */
          connector?: "socket" | "cable";
          /**
           * The site ventilates for EVs that ask for it (IEC 61851 state D). Without it, state D is a fault and no energy flows.
           */
          ventilation?: boolean;
          /**
           * For an EVSE without a reader: this idTag is presented, as if its card were, each time an EV is plugged in (authorized the same way: local list, cache or Authorize). Absent: sessions start from a card or the CSMS.
           */
          freeVend?: string;
        },
        {
          /**
           * EVSE (connector) id, 1..n, consecutive.
           */
          id: number;
          /**
           * Most current this EVSE may offer per phase.
           */
          maxCurrentA?: number;
          phases?: 1 | 3;
          /**
           * Per-phase (line-to-neutral) nominal voltage, set not measured: converts power limits (W, from charging profiles and the energy manager) to the pilot's amperes per phase.
           */
          nominalVoltageV?: number;
          /**
           * 'socket' (cable brought by the driver, locked during a session) or 'cable' (fixed cable).
           */
          connector?: "socket" | "cable";
          /**
           * The site ventilates for EVs that ask for it (IEC 61851 state D). Without it, state D is a fault and no energy flows.
           */
          ventilation?: boolean;
          /**
           * For an EVSE without a reader: this idTag is presented, as if its card were, each time an EV is plugged in (authorized the same way: local list, cache or Authorize). Absent: sessions start from a card or the CSMS.
           */
          freeVend?: string;
        },
        {
          /**
           * EVSE (connector) id, 1..n, consecutive.
           */
          id: number;
          /**
           * Most current this EVSE may offer per phase.
           */
          maxCurrentA?: number;
          phases?: 1 | 3;
          /**
           * Per-phase (line-to-neutral) nominal voltage, set not measured: converts power limits (W, from charging profiles and the energy manager) to the pilot's amperes per phase.
           */
          nominalVoltageV?: number;
          /**
           * 'socket' (cable brought by the driver, locked during a session) or 'cable' (fixed cable).
           */
          connector?: "socket" | "cable";
          /**
           * The site ventilates for EVs that ask for it (IEC 61851 state D). Without it, state D is a fault and no energy flows.
           */
          ventilation?: boolean;
          /**
           * For an EVSE without a reader: this idTag is presented, as if its card were, each time an EV is plugged in (authorized the same way: local list, cache or Authorize). Absent: sessions start from a card or the CSMS.
           */
          freeVend?: string;
        },
        {
          /**
           * EVSE (connector) id, 1..n, consecutive.
           */
          id: number;
          /**
           * Most current this EVSE may offer per phase.
           */
          maxCurrentA?: number;
          phases?: 1 | 3;
          /**
           * Per-phase (line-to-neutral) nominal voltage, set not measured: converts power limits (W, from charging profiles and the energy manager) to the pilot's amperes per phase.
           */
          nominalVoltageV?: number;
          /**
           * 'socket' (cable brought by the driver, locked during a session) or 'cable' (fixed cable).
           */
          connector?: "socket" | "cable";
          /**
           * The site ventilates for EVs that ask for it (IEC 61851 state D). Without it, state D is a fault and no energy flows.
           */
          ventilation?: boolean;
          /**
           * For an EVSE without a reader: this idTag is presented, as if its card were, each time an EV is plugged in (authorized the same way: local list, cache or Authorize). Absent: sessions start from a card or the CSMS.
           */
          freeVend?: string;
        },
        {
          /**
           * EVSE (connector) id, 1..n, consecutive.
           */
          id: number;
          /**
           * Most current this EVSE may offer per phase.
           */
          maxCurrentA?: number;
          phases?: 1 | 3;
          /**
           * Per-phase (line-to-neutral) nominal voltage, set not measured: converts power limits (W, from charging profiles and the energy manager) to the pilot's amperes per phase.
           */
          nominalVoltageV?: number;
          /**
           * 'socket' (cable brought by the driver, locked during a session) or 'cable' (fixed cable).
           */
          connector?: "socket" | "cable";
          /**
           * The site ventilates for EVs that ask for it (IEC 61851 state D). Without it, state D is a fault and no energy flows.
           */
          ventilation?: boolean;
          /**
           * For an EVSE without a reader: this idTag is presented, as if its card were, each time an EV is plugged in (authorized the same way: local list, cache or Authorize). Absent: sessions start from a card or the CSMS.
           */
          freeVend?: string;
        },
        {
          /**
           * EVSE (connector) id, 1..n, consecutive.
           */
          id: number;
          /**
           * Most current this EVSE may offer per phase.
           */
          maxCurrentA?: number;
          phases?: 1 | 3;
          /**
           * Per-phase (line-to-neutral) nominal voltage, set not measured: converts power limits (W, from charging profiles and the energy manager) to the pilot's amperes per phase.
           */
          nominalVoltageV?: number;
          /**
           * 'socket' (cable brought by the driver, locked during a session) or 'cable' (fixed cable).
           */
          connector?: "socket" | "cable";
          /**
           * The site ventilates for EVs that ask for it (IEC 61851 state D). Without it, state D is a fault and no energy flows.
           */
          ventilation?: boolean;
          /**
           * For an EVSE without a reader: this idTag is presented, as if its card were, each time an EV is plugged in (authorized the same way: local list, cache or Authorize). Absent: sessions start from a card or the CSMS.
           */
          freeVend?: string;
        },
        {
          /**
           * EVSE (connector) id, 1..n, consecutive.
           */
          id: number;
          /**
           * Most current this EVSE may offer per phase.
           */
          maxCurrentA?: number;
          phases?: 1 | 3;
          /**
           * Per-phase (line-to-neutral) nominal voltage, set not measured: converts power limits (W, from charging profiles and the energy manager) to the pilot's amperes per phase.
           */
          nominalVoltageV?: number;
          /**
           * 'socket' (cable brought by the driver, locked during a session) or 'cable' (fixed cable).
           */
          connector?: "socket" | "cable";
          /**
           * The site ventilates for EVs that ask for it (IEC 61851 state D). Without it, state D is a fault and no energy flows.
           */
          ventilation?: boolean;
          /**
           * For an EVSE without a reader: this idTag is presented, as if its card were, each time an EV is plugged in (authorized the same way: local list, cache or Authorize). Absent: sessions start from a card or the CSMS.
           */
          freeVend?: string;
        }
      ]
    | [
        {
          /**
           * EVSE (connector) id, 1..n, consecutive.
           */
          id: number;
          /**
           * Most current this EVSE may offer per phase.
           */
          maxCurrentA?: number;
          phases?: 1 | 3;
          /**
           * Per-phase (line-to-neutral) nominal voltage, set not measured: converts power limits (W, from charging profiles and the energy manager) to the pilot's amperes per phase.
           */
          nominalVoltageV?: number;
          /**
           * 'socket' (cable brought by the driver, locked during a session) or 'cable' (fixed cable).
           */
          connector?: "socket" | "cable";
          /**
           * The site ventilates for EVs that ask for it (IEC 61851 state D). Without it, state D is a fault and no energy flows.
           */
          ventilation?: boolean;
          /**
           * For an EVSE without a reader: this idTag is presented, as if its card were, each time an EV is plugged in (authorized the same way: local list, cache or Authorize). Absent: sessions start from a card or the CSMS.
           */
          freeVend?: string;
        },
        {
          /**
           * EVSE (connector) id, 1..n, consecutive.
           */
          id: number;
          /**
           * Most current this EVSE may offer per phase.
           */
          maxCurrentA?: number;
          phases?: 1 | 3;
          /**
           * Per-phase (line-to-neutral) nominal voltage, set not measured: converts power limits (W, from charging profiles and the energy manager) to the pilot's amperes per phase.
           */
          nominalVoltageV?: number;
          /**
           * 'socket' (cable brought by the driver, locked during a session) or 'cable' (fixed cable).
           */
          connector?: "socket" | "cable";
          /**
           * The site ventilates for EVs that ask for it (IEC 61851 state D). Without it, state D is a fault and no energy flows.
           */
          ventilation?: boolean;
          /**
           * For an EVSE without a reader: this idTag is presented, as if its card were, each time an EV is plugged in (authorized the same way: local list, cache or Authorize). Absent: sessions start from a card or the CSMS.
           */
          freeVend?: string;
        },
        {
          /**
           * EVSE (connector) id, 1..n, consecutive.
           */
          id: number;
          /**
           * Most current this EVSE may offer per phase.
           */
          maxCurrentA?: number;
          phases?: 1 | 3;
          /**
           * Per-phase (line-to-neutral) nominal voltage, set not measured: converts power limits (W, from charging profiles and the energy manager) to the pilot's amperes per phase.
           */
          nominalVoltageV?: number;
          /**
           * 'socket' (cable brought by the driver, locked during a session) or 'cable' (fixed cable).
           */
          connector?: "socket" | "cable";
          /**
           * The site ventilates for EVs that ask for it (IEC 61851 state D). Without it, state D is a fault and no energy flows.
           */
          ventilation?: boolean;
          /**
           * For an EVSE without a reader: this idTag is presented, as if its card were, each time an EV is plugged in (authorized the same way: local list, cache or Authorize). Absent: sessions start from a card or the CSMS.
           */
          freeVend?: string;
        },
        {
          /**
           * EVSE (connector) id, 1..n, consecutive.
           */
          id: number;
          /**
           * Most current this EVSE may offer per phase.
           */
          maxCurrentA?: number;
          phases?: 1 | 3;
          /**
           * Per-phase (line-to-neutral) nominal voltage, set not measured: converts power limits (W, from charging profiles and the energy manager) to the pilot's amperes per phase.
           */
          nominalVoltageV?: number;
          /**
           * 'socket' (cable brought by the driver, locked during a session) or 'cable' (fixed cable).
           */
          connector?: "socket" | "cable";
          /**
           * The site ventilates for EVs that ask for it (IEC 61851 state D). Without it, state D is a fault and no energy flows.
           */
          ventilation?: boolean;
          /**
           * For an EVSE without a reader: this idTag is presented, as if its card were, each time an EV is plugged in (authorized the same way: local list, cache or Authorize). Absent: sessions start from a card or the CSMS.
           */
          freeVend?: string;
        },
        {
          /**
           * EVSE (connector) id, 1..n, consecutive.
           */
          id: number;
          /**
           * Most current this EVSE may offer per phase.
           */
          maxCurrentA?: number;
          phases?: 1 | 3;
          /**
           * Per-phase (line-to-neutral) nominal voltage, set not measured: converts power limits (W, from charging profiles and the energy manager) to the pilot's amperes per phase.
           */
          nominalVoltageV?: number;
          /**
           * 'socket' (cable brought by the driver, locked during a session) or 'cable' (fixed cable).
           */
          connector?: "socket" | "cable";
          /**
           * The site ventilates for EVs that ask for it (IEC 61851 state D). Without it, state D is a fault and no energy flows.
           */
          ventilation?: boolean;
          /**
           * For an EVSE without a reader: this idTag is presented, as if its card were, each time an EV is plugged in (authorized the same way: local list, cache or Authorize). Absent: sessions start from a card or the CSMS.
           */
          freeVend?: string;
        },
        {
          /**
           * EVSE (connector) id, 1..n, consecutive.
           */
          id: number;
          /**
           * Most current this EVSE may offer per phase.
           */
          maxCurrentA?: number;
          phases?: 1 | 3;
          /**
           * Per-phase (line-to-neutral) nominal voltage, set not measured: converts power limits (W, from charging profiles and the energy manager) to the pilot's amperes per phase.
           */
          nominalVoltageV?: number;
          /**
           * 'socket' (cable brought by the driver, locked during a session) or 'cable' (fixed cable).
           */
          connector?: "socket" | "cable";
          /**
           * The site ventilates for EVs that ask for it (IEC 61851 state D). Without it, state D is a fault and no energy flows.
           */
          ventilation?: boolean;
          /**
           * For an EVSE without a reader: this idTag is presented, as if its card were, each time an EV is plugged in (authorized the same way: local list, cache or Authorize). Absent: sessions start from a card or the CSMS.
           */
          freeVend?: string;
        },
        {
          /**
           * EVSE (connector) id, 1..n, consecutive.
           */
          id: number;
          /**
           * Most current this EVSE may offer per phase.
           */
          maxCurrentA?: number;
          phases?: 1 | 3;
          /**
           * Per-phase (line-to-neutral) nominal voltage, set not measured: converts power limits (W, from charging profiles and the energy manager) to the pilot's amperes per phase.
           */
          nominalVoltageV?: number;
          /**
           * 'socket' (cable brought by the driver, locked during a session) or 'cable' (fixed cable).
           */
          connector?: "socket" | "cable";
          /**
           * The site ventilates for EVs that ask for it (IEC 61851 state D). Without it, state D is a fault and no energy flows.
           */
          ventilation?: boolean;
          /**
           * For an EVSE without a reader: this idTag is presented, as if its card were, each time an EV is plugged in (authorized the same way: local list, cache or Authorize). Absent: sessions start from a card or the CSMS.
           */
          freeVend?: string;
        },
        {
          /**
           * EVSE (connector) id, 1..n, consecutive.
           */
          id: number;
          /**
           * Most current this EVSE may offer per phase.
           */
          maxCurrentA?: number;
          phases?: 1 | 3;
          /**
           * Per-phase (line-to-neutral) nominal voltage, set not measured: converts power limits (W, from charging profiles and the energy manager) to the pilot's amperes per phase.
           */
          nominalVoltageV?: number;
          /**
           * 'socket' (cable brought by the driver, locked during a session) or 'cable' (fixed cable).
           */
          connector?: "socket" | "cable";
          /**
           * The site ventilates for EVs that ask for it (IEC 61851 state D). Without it, state D is a fault and no energy flows.
           */
          ventilation?: boolean;
          /**
           * For an EVSE without a reader: this idTag is presented, as if its card were, each time an EV is plugged in (authorized the same way: local list, cache or Authorize). Absent: sessions start from a card or the CSMS.
           */
          freeVend?: string;
        },
        {
          /**
           * EVSE (connector) id, 1..n, consecutive.
           */
          id: number;
          /**
           * Most current this EVSE may offer per phase.
           */
          maxCurrentA?: number;
          phases?: 1 | 3;
          /**
           * Per-phase (line-to-neutral) nominal voltage, set not measured: converts power limits (W, from charging profiles and the energy manager) to the pilot's amperes per phase.
           */
          nominalVoltageV?: number;
          /**
           * 'socket' (cable brought by the driver, locked during a session) or 'cable' (fixed cable).
           */
          connector?: "socket" | "cable";
          /**
           * The site ventilates for EVs that ask for it (IEC 61851 state D). Without it, state D is a fault and no energy flows.
           */
          ventilation?: boolean;
          /**
           * For an EVSE without a reader: this idTag is presented, as if its card were, each time an EV is plugged in (authorized the same way: local list, cache or Authorize). Absent: sessions start from a card or the CSMS.
           */
          freeVend?: string;
        },
        {
          /**
           * EVSE (connector) id, 1..n, consecutive.
           */
          id: number;
          /**
           * Most current this EVSE may offer per phase.
           */
          maxCurrentA?: number;
          phases?: 1 | 3;
          /**
           * Per-phase (line-to-neutral) nominal voltage, set not measured: converts power limits (W, from charging profiles and the energy manager) to the pilot's amperes per phase.
           */
          nominalVoltageV?: number;
          /**
           * 'socket' (cable brought by the driver, locked during a session) or 'cable' (fixed cable).
           */
          connector?: "socket" | "cable";
          /**
           * The site ventilates for EVs that ask for it (IEC 61851 state D). Without it, state D is a fault and no energy flows.
           */
          ventilation?: boolean;
          /**
           * For an EVSE without a reader: this idTag is presented, as if its card were, each time an EV is plugged in (authorized the same way: local list, cache or Authorize). Absent: sessions start from a card or the CSMS.
           */
          freeVend?: string;
        },
        {
          /**
           * EVSE (connector) id, 1..n, consecutive.
           */
          id: number;
          /**
           * Most current this EVSE may offer per phase.
           */
          maxCurrentA?: number;
          phases?: 1 | 3;
          /**
           * Per-phase (line-to-neutral) nominal voltage, set not measured: converts power limits (W, from charging profiles and the energy manager) to the pilot's amperes per phase.
           */
          nominalVoltageV?: number;
          /**
           * 'socket' (cable brought by the driver, locked during a session) or 'cable' (fixed cable).
           */
          connector?: "socket" | "cable";
          /**
           * The site ventilates for EVs that ask for it (IEC 61851 state D). Without it, state D is a fault and no energy flows.
           */
          ventilation?: boolean;
          /**
           * For an EVSE without a reader: this idTag is presented, as if its card were, each time an EV is plugged in (authorized the same way: local list, cache or Authorize). Absent: sessions start from a card or the CSMS.
           */
          freeVend?: string;
        },
        {
          /**
           * EVSE (connector) id, 1..n, consecutive.
           */
          id: number;
          /**
           * Most current this EVSE may offer per phase.
           */
          maxCurrentA?: number;
          phases?: 1 | 3;
          /**
           * Per-phase (line-to-neutral) nominal voltage, set not measured: converts power limits (W, from charging profiles and the energy manager) to the pilot's amperes per phase.
           */
          nominalVoltageV?: number;
          /**
           * 'socket' (cable brought by the driver, locked during a session) or 'cable' (fixed cable).
           */
          connector?: "socket" | "cable";
          /**
           * The site ventilates for EVs that ask for it (IEC 61851 state D). Without it, state D is a fault and no energy flows.
           */
          ventilation?: boolean;
          /**
           * For an EVSE without a reader: this idTag is presented, as if its card were, each time an EV is plugged in (authorized the same way: local list, cache or Authorize). Absent: sessions start from a card or the CSMS.
           */
          freeVend?: string;
        },
        {
          /**
           * EVSE (connector) id, 1..n, consecutive.
           */
          id: number;
          /**
           * Most current this EVSE may offer per phase.
           */
          maxCurrentA?: number;
          phases?: 1 | 3;
          /**
           * Per-phase (line-to-neutral) nominal voltage, set not measured: converts power limits (W, from charging profiles and the energy manager) to the pilot's amperes per phase.
           */
          nominalVoltageV?: number;
          /**
           * 'socket' (cable brought by the driver, locked during a session) or 'cable' (fixed cable).
           */
          connector?: "socket" | "cable";
          /**
           * The site ventilates for EVs that ask for it (IEC 61851 state D). Without it, state D is a fault and no energy flows.
           */
          ventilation?: boolean;
          /**
           * For an EVSE without a reader: this idTag is presented, as if its card were, each time an EV is plugged in (authorized the same way: local list, cache or Authorize). Absent: sessions start from a card or the CSMS.
           */
          freeVend?: string;
        },
        {
          /**
           * EVSE (connector) id, 1..n, consecutive.
           */
          id: number;
          /**
           * Most current this EVSE may offer per phase.
           */
          maxCurrentA?: number;
          phases?: 1 | 3;
          /**
           * Per-phase (line-to-neutral) nominal voltage, set not measured: converts power limits (W, from charging profiles and the energy manager) to the pilot's amperes per phase.
           */
          nominalVoltageV?: number;
          /**
           * 'socket' (cable brought by the driver, locked during a session) or 'cable' (fixed cable).
           */
          connector?: "socket" | "cable";
          /**
           * The site ventilates for EVs that ask for it (IEC 61851 state D). Without it, state D is a fault and no energy flows.
           */
          ventilation?: boolean;
          /**
           * For an EVSE without a reader: this idTag is presented, as if its card were, each time an EV is plugged in (authorized the same way: local list, cache or Authorize). Absent: sessions start from a card or the CSMS.
           */
          freeVend?: string;
        }
      ]
    | [
        {
          /**
           * EVSE (connector) id, 1..n, consecutive.
           */
          id: number;
          /**
           * Most current this EVSE may offer per phase.
           */
          maxCurrentA?: number;
          phases?: 1 | 3;
          /**
           * Per-phase (line-to-neutral) nominal voltage, set not measured: converts power limits (W, from charging profiles and the energy manager) to the pilot's amperes per phase.
           */
          nominalVoltageV?: number;
          /**
           * 'socket' (cable brought by the driver, locked during a session) or 'cable' (fixed cable).
           */
          connector?: "socket" | "cable";
          /**
           * The site ventilates for EVs that ask for it (IEC 61851 state D). Without it, state D is a fault and no energy flows.
           */
          ventilation?: boolean;
          /**
           * For an EVSE without a reader: this idTag is presented, as if its card were, each time an EV is plugged in (authorized the same way: local list, cache or Authorize). Absent: sessions start from a card or the CSMS.
           */
          freeVend?: string;
        },
        {
          /**
           * EVSE (connector) id, 1..n, consecutive.
           */
          id: number;
          /**
           * Most current this EVSE may offer per phase.
           */
          maxCurrentA?: number;
          phases?: 1 | 3;
          /**
           * Per-phase (line-to-neutral) nominal voltage, set not measured: converts power limits (W, from charging profiles and the energy manager) to the pilot's amperes per phase.
           */
          nominalVoltageV?: number;
          /**
           * 'socket' (cable brought by the driver, locked during a session) or 'cable' (fixed cable).
           */
          connector?: "socket" | "cable";
          /**
           * The site ventilates for EVs that ask for it (IEC 61851 state D). Without it, state D is a fault and no energy flows.
           */
          ventilation?: boolean;
          /**
           * For an EVSE without a reader: this idTag is presented, as if its card were, each time an EV is plugged in (authorized the same way: local list, cache or Authorize). Absent: sessions start from a card or the CSMS.
           */
          freeVend?: string;
        },
        {
          /**
           * EVSE (connector) id, 1..n, consecutive.
           */
          id: number;
          /**
           * Most current this EVSE may offer per phase.
           */
          maxCurrentA?: number;
          phases?: 1 | 3;
          /**
           * Per-phase (line-to-neutral) nominal voltage, set not measured: converts power limits (W, from charging profiles and the energy manager) to the pilot's amperes per phase.
           */
          nominalVoltageV?: number;
          /**
           * 'socket' (cable brought by the driver, locked during a session) or 'cable' (fixed cable).
           */
          connector?: "socket" | "cable";
          /**
           * The site ventilates for EVs that ask for it (IEC 61851 state D). Without it, state D is a fault and no energy flows.
           */
          ventilation?: boolean;
          /**
           * For an EVSE without a reader: this idTag is presented, as if its card were, each time an EV is plugged in (authorized the same way: local list, cache or Authorize). Absent: sessions start from a card or the CSMS.
           */
          freeVend?: string;
        },
        {
          /**
           * EVSE (connector) id, 1..n, consecutive.
           */
          id: number;
          /**
           * Most current this EVSE may offer per phase.
           */
          maxCurrentA?: number;
          phases?: 1 | 3;
          /**
           * Per-phase (line-to-neutral) nominal voltage, set not measured: converts power limits (W, from charging profiles and the energy manager) to the pilot's amperes per phase.
           */
          nominalVoltageV?: number;
          /**
           * 'socket' (cable brought by the driver, locked during a session) or 'cable' (fixed cable).
           */
          connector?: "socket" | "cable";
          /**
           * The site ventilates for EVs that ask for it (IEC 61851 state D). Without it, state D is a fault and no energy flows.
           */
          ventilation?: boolean;
          /**
           * For an EVSE without a reader: this idTag is presented, as if its card were, each time an EV is plugged in (authorized the same way: local list, cache or Authorize). Absent: sessions start from a card or the CSMS.
           */
          freeVend?: string;
        },
        {
          /**
           * EVSE (connector) id, 1..n, consecutive.
           */
          id: number;
          /**
           * Most current this EVSE may offer per phase.
           */
          maxCurrentA?: number;
          phases?: 1 | 3;
          /**
           * Per-phase (line-to-neutral) nominal voltage, set not measured: converts power limits (W, from charging profiles and the energy manager) to the pilot's amperes per phase.
           */
          nominalVoltageV?: number;
          /**
           * 'socket' (cable brought by the driver, locked during a session) or 'cable' (fixed cable).
           */
          connector?: "socket" | "cable";
          /**
           * The site ventilates for EVs that ask for it (IEC 61851 state D). Without it, state D is a fault and no energy flows.
           */
          ventilation?: boolean;
          /**
           * For an EVSE without a reader: this idTag is presented, as if its card were, each time an EV is plugged in (authorized the same way: local list, cache or Authorize). Absent: sessions start from a card or the CSMS.
           */
          freeVend?: string;
        },
        {
          /**
           * EVSE (connector) id, 1..n, consecutive.
           */
          id: number;
          /**
           * Most current this EVSE may offer per phase.
           */
          maxCurrentA?: number;
          phases?: 1 | 3;
          /**
           * Per-phase (line-to-neutral) nominal voltage, set not measured: converts power limits (W, from charging profiles and the energy manager) to the pilot's amperes per phase.
           */
          nominalVoltageV?: number;
          /**
           * 'socket' (cable brought by the driver, locked during a session) or 'cable' (fixed cable).
           */
          connector?: "socket" | "cable";
          /**
           * The site ventilates for EVs that ask for it (IEC 61851 state D). Without it, state D is a fault and no energy flows.
           */
          ventilation?: boolean;
          /**
           * For an EVSE without a reader: this idTag is presented, as if its card were, each time an EV is plugged in (authorized the same way: local list, cache or Authorize). Absent: sessions start from a card or the CSMS.
           */
          freeVend?: string;
        },
        {
          /**
           * EVSE (connector) id, 1..n, consecutive.
           */
          id: number;
          /**
           * Most current this EVSE may offer per phase.
           */
          maxCurrentA?: number;
          phases?: 1 | 3;
          /**
           * Per-phase (line-to-neutral) nominal voltage, set not measured: converts power limits (W, from charging profiles and the energy manager) to the pilot's amperes per phase.
           */
          nominalVoltageV?: number;
          /**
           * 'socket' (cable brought by the driver, locked during a session) or 'cable' (fixed cable).
           */
          connector?: "socket" | "cable";
          /**
           * The site ventilates for EVs that ask for it (IEC 61851 state D). Without it, state D is a fault and no energy flows.
           */
          ventilation?: boolean;
          /**
           * For an EVSE without a reader: this idTag is presented, as if its card were, each time an EV is plugged in (authorized the same way: local list, cache or Authorize). Absent: sessions start from a card or the CSMS.
           */
          freeVend?: string;
        },
        {
          /**
           * EVSE (connector) id, 1..n, consecutive.
           */
          id: number;
          /**
           * Most current this EVSE may offer per phase.
           */
          maxCurrentA?: number;
          phases?: 1 | 3;
          /**
           * Per-phase (line-to-neutral) nominal voltage, set not measured: converts power limits (W, from charging profiles and the energy manager) to the pilot's amperes per phase.
           */
          nominalVoltageV?: number;
          /**
           * 'socket' (cable brought by the driver, locked during a session) or 'cable' (fixed cable).
           */
          connector?: "socket" | "cable";
          /**
           * The site ventilates for EVs that ask for it (IEC 61851 state D). Without it, state D is a fault and no energy flows.
           */
          ventilation?: boolean;
          /**
           * For an EVSE without a reader: this idTag is presented, as if its card were, each time an EV is plugged in (authorized the same way: local list, cache or Authorize). Absent: sessions start from a card or the CSMS.
           */
          freeVend?: string;
        },
        {
          /**
           * EVSE (connector) id, 1..n, consecutive.
           */
          id: number;
          /**
           * Most current this EVSE may offer per phase.
           */
          maxCurrentA?: number;
          phases?: 1 | 3;
          /**
           * Per-phase (line-to-neutral) nominal voltage, set not measured: converts power limits (W, from charging profiles and the energy manager) to the pilot's amperes per phase.
           */
          nominalVoltageV?: number;
          /**
           * 'socket' (cable brought by the driver, locked during a session) or 'cable' (fixed cable).
           */
          connector?: "socket" | "cable";
          /**
           * The site ventilates for EVs that ask for it (IEC 61851 state D). Without it, state D is a fault and no energy flows.
           */
          ventilation?: boolean;
          /**
           * For an EVSE without a reader: this idTag is presented, as if its card were, each time an EV is plugged in (authorized the same way: local list, cache or Authorize). Absent: sessions start from a card or the CSMS.
           */
          freeVend?: string;
        },
        {
          /**
           * EVSE (connector) id, 1..n, consecutive.
           */
          id: number;
          /**
           * Most current this EVSE may offer per phase.
           */
          maxCurrentA?: number;
          phases?: 1 | 3;
          /**
           * Per-phase (line-to-neutral) nominal voltage, set not measured: converts power limits (W, from charging profiles and the energy manager) to the pilot's amperes per phase.
           */
          nominalVoltageV?: number;
          /**
           * 'socket' (cable brought by the driver, locked during a session) or 'cable' (fixed cable).
           */
          connector?: "socket" | "cable";
          /**
           * The site ventilates for EVs that ask for it (IEC 61851 state D). Without it, state D is a fault and no energy flows.
           */
          ventilation?: boolean;
          /**
           * For an EVSE without a reader: this idTag is presented, as if its card were, each time an EV is plugged in (authorized the same way: local list, cache or Authorize). Absent: sessions start from a card or the CSMS.
           */
          freeVend?: string;
        },
        {
          /**
           * EVSE (connector) id, 1..n, consecutive.
           */
          id: number;
          /**
           * Most current this EVSE may offer per phase.
           */
          maxCurrentA?: number;
          phases?: 1 | 3;
          /**
           * Per-phase (line-to-neutral) nominal voltage, set not measured: converts power limits (W, from charging profiles and the energy manager) to the pilot's amperes per phase.
           */
          nominalVoltageV?: number;
          /**
           * 'socket' (cable brought by the driver, locked during a session) or 'cable' (fixed cable).
           */
          connector?: "socket" | "cable";
          /**
           * The site ventilates for EVs that ask for it (IEC 61851 state D). Without it, state D is a fault and no energy flows.
           */
          ventilation?: boolean;
          /**
           * For an EVSE without a reader: this idTag is presented, as if its card were, each time an EV is plugged in (authorized the same way: local list, cache or Authorize). Absent: sessions start from a card or the CSMS.
           */
          freeVend?: string;
        },
        {
          /**
           * EVSE (connector) id, 1..n, consecutive.
           */
          id: number;
          /**
           * Most current this EVSE may offer per phase.
           */
          maxCurrentA?: number;
          phases?: 1 | 3;
          /**
           * Per-phase (line-to-neutral) nominal voltage, set not measured: converts power limits (W, from charging profiles and the energy manager) to the pilot's amperes per phase.
           */
          nominalVoltageV?: number;
          /**
           * 'socket' (cable brought by the driver, locked during a session) or 'cable' (fixed cable).
           */
          connector?: "socket" | "cable";
          /**
           * The site ventilates for EVs that ask for it (IEC 61851 state D). Without it, state D is a fault and no energy flows.
           */
          ventilation?: boolean;
          /**
           * For an EVSE without a reader: this idTag is presented, as if its card were, each time an EV is plugged in (authorized the same way: local list, cache or Authorize). Absent: sessions start from a card or the CSMS.
           */
          freeVend?: string;
        },
        {
          /**
           * EVSE (connector) id, 1..n, consecutive.
           */
          id: number;
          /**
           * Most current this EVSE may offer per phase.
           */
          maxCurrentA?: number;
          phases?: 1 | 3;
          /**
           * Per-phase (line-to-neutral) nominal voltage, set not measured: converts power limits (W, from charging profiles and the energy manager) to the pilot's amperes per phase.
           */
          nominalVoltageV?: number;
          /**
           * 'socket' (cable brought by the driver, locked during a session) or 'cable' (fixed cable).
           */
          connector?: "socket" | "cable";
          /**
           * The site ventilates for EVs that ask for it (IEC 61851 state D). Without it, state D is a fault and no energy flows.
           */
          ventilation?: boolean;
          /**
           * For an EVSE without a reader: this idTag is presented, as if its card were, each time an EV is plugged in (authorized the same way: local list, cache or Authorize). Absent: sessions start from a card or the CSMS.
           */
          freeVend?: string;
        },
        {
          /**
           * EVSE (connector) id, 1..n, consecutive.
           */
          id: number;
          /**
           * Most current this EVSE may offer per phase.
           */
          maxCurrentA?: number;
          phases?: 1 | 3;
          /**
           * Per-phase (line-to-neutral) nominal voltage, set not measured: converts power limits (W, from charging profiles and the energy manager) to the pilot's amperes per phase.
           */
          nominalVoltageV?: number;
          /**
           * 'socket' (cable brought by the driver, locked during a session) or 'cable' (fixed cable).
           */
          connector?: "socket" | "cable";
          /**
           * The site ventilates for EVs that ask for it (IEC 61851 state D). Without it, state D is a fault and no energy flows.
           */
          ventilation?: boolean;
          /**
           * For an EVSE without a reader: this idTag is presented, as if its card were, each time an EV is plugged in (authorized the same way: local list, cache or Authorize). Absent: sessions start from a card or the CSMS.
           */
          freeVend?: string;
        },
        {
          /**
           * EVSE (connector) id, 1..n, consecutive.
           */
          id: number;
          /**
           * Most current this EVSE may offer per phase.
           */
          maxCurrentA?: number;
          phases?: 1 | 3;
          /**
           * Per-phase (line-to-neutral) nominal voltage, set not measured: converts power limits (W, from charging profiles and the energy manager) to the pilot's amperes per phase.
           */
          nominalVoltageV?: number;
          /**
           * 'socket' (cable brought by the driver, locked during a session) or 'cable' (fixed cable).
           */
          connector?: "socket" | "cable";
          /**
           * The site ventilates for EVs that ask for it (IEC 61851 state D). Without it, state D is a fault and no energy flows.
           */
          ventilation?: boolean;
          /**
           * For an EVSE without a reader: this idTag is presented, as if its card were, each time an EV is plugged in (authorized the same way: local list, cache or Authorize). Absent: sessions start from a card or the CSMS.
           */
          freeVend?: string;
        }
      ]
    | [
        {
          /**
           * EVSE (connector) id, 1..n, consecutive.
           */
          id: number;
          /**
           * Most current this EVSE may offer per phase.
           */
          maxCurrentA?: number;
          phases?: 1 | 3;
          /**
           * Per-phase (line-to-neutral) nominal voltage, set not measured: converts power limits (W, from charging profiles and the energy manager) to the pilot's amperes per phase.
           */
          nominalVoltageV?: number;
          /**
           * 'socket' (cable brought by the driver, locked during a session) or 'cable' (fixed cable).
           */
          connector?: "socket" | "cable";
          /**
           * The site ventilates for EVs that ask for it (IEC 61851 state D). Without it, state D is a fault and no energy flows.
           */
          ventilation?: boolean;
          /**
           * For an EVSE without a reader: this idTag is presented, as if its card were, each time an EV is plugged in (authorized the same way: local list, cache or Authorize). Absent: sessions start from a card or the CSMS.
           */
          freeVend?: string;
        },
        {
          /**
           * EVSE (connector) id, 1..n, consecutive.
           */
          id: number;
          /**
           * Most current this EVSE may offer per phase.
           */
          maxCurrentA?: number;
          phases?: 1 | 3;
          /**
           * Per-phase (line-to-neutral) nominal voltage, set not measured: converts power limits (W, from charging profiles and the energy manager) to the pilot's amperes per phase.
           */
          nominalVoltageV?: number;
          /**
           * 'socket' (cable brought by the driver, locked during a session) or 'cable' (fixed cable).
           */
          connector?: "socket" | "cable";
          /**
           * The site ventilates for EVs that ask for it (IEC 61851 state D). Without it, state D is a fault and no energy flows.
           */
          ventilation?: boolean;
          /**
           * For an EVSE without a reader: this idTag is presented, as if its card were, each time an EV is plugged in (authorized the same way: local list, cache or Authorize). Absent: sessions start from a card or the CSMS.
           */
          freeVend?: string;
        },
        {
          /**
           * EVSE (connector) id, 1..n, consecutive.
           */
          id: number;
          /**
           * Most current this EVSE may offer per phase.
           */
          maxCurrentA?: number;
          phases?: 1 | 3;
          /**
           * Per-phase (line-to-neutral) nominal voltage, set not measured: converts power limits (W, from charging profiles and the energy manager) to the pilot's amperes per phase.
           */
          nominalVoltageV?: number;
          /**
           * 'socket' (cable brought by the driver, locked during a session) or 'cable' (fixed cable).
           */
          connector?: "socket" | "cable";
          /**
           * The site ventilates for EVs that ask for it (IEC 61851 state D). Without it, state D is a fault and no energy flows.
           */
          ventilation?: boolean;
          /**
           * For an EVSE without a reader: this idTag is presented, as if its card were, each time an EV is plugged in (authorized the same way: local list, cache or Authorize). Absent: sessions start from a card or the CSMS.
           */
          freeVend?: string;
        },
        {
          /**
           * EVSE (connector) id, 1..n, consecutive.
           */
          id: number;
          /**
           * Most current this EVSE may offer per phase.
           */
          maxCurrentA?: number;
          phases?: 1 | 3;
          /**
           * Per-phase (line-to-neutral) nominal voltage, set not measured: converts power limits (W, from charging profiles and the energy manager) to the pilot's amperes per phase.
           */
          nominalVoltageV?: number;
          /**
           * 'socket' (cable brought by the driver, locked during a session) or 'cable' (fixed cable).
           */
          connector?: "socket" | "cable";
          /**
           * The site ventilates for EVs that ask for it (IEC 61851 state D). Without it, state D is a fault and no energy flows.
           */
          ventilation?: boolean;
          /**
           * For an EVSE without a reader: this idTag is presented, as if its card were, each time an EV is plugged in (authorized the same way: local list, cache or Authorize). Absent: sessions start from a card or the CSMS.
           */
          freeVend?: string;
        },
        {
          /**
           * EVSE (connector) id, 1..n, consecutive.
           */
          id: number;
          /**
           * Most current this EVSE may offer per phase.
           */
          maxCurrentA?: number;
          phases?: 1 | 3;
          /**
           * Per-phase (line-to-neutral) nominal voltage, set not measured: converts power limits (W, from charging profiles and the energy manager) to the pilot's amperes per phase.
           */
          nominalVoltageV?: number;
          /**
           * 'socket' (cable brought by the driver, locked during a session) or 'cable' (fixed cable).
           */
          connector?: "socket" | "cable";
          /**
           * The site ventilates for EVs that ask for it (IEC 61851 state D). Without it, state D is a fault and no energy flows.
           */
          ventilation?: boolean;
          /**
           * For an EVSE without a reader: this idTag is presented, as if its card were, each time an EV is plugged in (authorized the same way: local list, cache or Authorize). Absent: sessions start from a card or the CSMS.
           */
          freeVend?: string;
        },
        {
          /**
           * EVSE (connector) id, 1..n, consecutive.
           */
          id: number;
          /**
           * Most current this EVSE may offer per phase.
           */
          maxCurrentA?: number;
          phases?: 1 | 3;
          /**
           * Per-phase (line-to-neutral) nominal voltage, set not measured: converts power limits (W, from charging profiles and the energy manager) to the pilot's amperes per phase.
           */
          nominalVoltageV?: number;
          /**
           * 'socket' (cable brought by the driver, locked during a session) or 'cable' (fixed cable).
           */
          connector?: "socket" | "cable";
          /**
           * The site ventilates for EVs that ask for it (IEC 61851 state D). Without it, state D is a fault and no energy flows.
           */
          ventilation?: boolean;
          /**
           * For an EVSE without a reader: this idTag is presented, as if its card were, each time an EV is plugged in (authorized the same way: local list, cache or Authorize). Absent: sessions start from a card or the CSMS.
           */
          freeVend?: string;
        },
        {
          /**
           * EVSE (connector) id, 1..n, consecutive.
           */
          id: number;
          /**
           * Most current this EVSE may offer per phase.
           */
          maxCurrentA?: number;
          phases?: 1 | 3;
          /**
           * Per-phase (line-to-neutral) nominal voltage, set not measured: converts power limits (W, from charging profiles and the energy manager) to the pilot's amperes per phase.
           */
          nominalVoltageV?: number;
          /**
           * 'socket' (cable brought by the driver, locked during a session) or 'cable' (fixed cable).
           */
          connector?: "socket" | "cable";
          /**
           * The site ventilates for EVs that ask for it (IEC 61851 state D). Without it, state D is a fault and no energy flows.
           */
          ventilation?: boolean;
          /**
           * For an EVSE without a reader: this idTag is presented, as if its card were, each time an EV is plugged in (authorized the same way: local list, cache or Authorize). Absent: sessions start from a card or the CSMS.
           */
          freeVend?: string;
        },
        {
          /**
           * EVSE (connector) id, 1..n, consecutive.
           */
          id: number;
          /**
           * Most current this EVSE may offer per phase.
           */
          maxCurrentA?: number;
          phases?: 1 | 3;
          /**
           * Per-phase (line-to-neutral) nominal voltage, set not measured: converts power limits (W, from charging profiles and the energy manager) to the pilot's amperes per phase.
           */
          nominalVoltageV?: number;
          /**
           * 'socket' (cable brought by the driver, locked during a session) or 'cable' (fixed cable).
           */
          connector?: "socket" | "cable";
          /**
           * The site ventilates for EVs that ask for it (IEC 61851 state D). Without it, state D is a fault and no energy flows.
           */
          ventilation?: boolean;
          /**
           * For an EVSE without a reader: this idTag is presented, as if its card were, each time an EV is plugged in (authorized the same way: local list, cache or Authorize). Absent: sessions start from a card or the CSMS.
           */
          freeVend?: string;
        },
        {
          /**
           * EVSE (connector) id, 1..n, consecutive.
           */
          id: number;
          /**
           * Most current this EVSE may offer per phase.
           */
          maxCurrentA?: number;
          phases?: 1 | 3;
          /**
           * Per-phase (line-to-neutral) nominal voltage, set not measured: converts power limits (W, from charging profiles and the energy manager) to the pilot's amperes per phase.
           */
          nominalVoltageV?: number;
          /**
           * 'socket' (cable brought by the driver, locked during a session) or 'cable' (fixed cable).
           */
          connector?: "socket" | "cable";
          /**
           * The site ventilates for EVs that ask for it (IEC 61851 state D). Without it, state D is a fault and no energy flows.
           */
          ventilation?: boolean;
          /**
           * For an EVSE without a reader: this idTag is presented, as if its card were, each time an EV is plugged in (authorized the same way: local list, cache or Authorize). Absent: sessions start from a card or the CSMS.
           */
          freeVend?: string;
        },
        {
          /**
           * EVSE (connector) id, 1..n, consecutive.
           */
          id: number;
          /**
           * Most current this EVSE may offer per phase.
           */
          maxCurrentA?: number;
          phases?: 1 | 3;
          /**
           * Per-phase (line-to-neutral) nominal voltage, set not measured: converts power limits (W, from charging profiles and the energy manager) to the pilot's amperes per phase.
           */
          nominalVoltageV?: number;
          /**
           * 'socket' (cable brought by the driver, locked during a session) or 'cable' (fixed cable).
           */
          connector?: "socket" | "cable";
          /**
           * The site ventilates for EVs that ask for it (IEC 61851 state D). Without it, state D is a fault and no energy flows.
           */
          ventilation?: boolean;
          /**
           * For an EVSE without a reader: this idTag is presented, as if its card were, each time an EV is plugged in (authorized the same way: local list, cache or Authorize). Absent: sessions start from a card or the CSMS.
           */
          freeVend?: string;
        },
        {
          /**
           * EVSE (connector) id, 1..n, consecutive.
           */
          id: number;
          /**
           * Most current this EVSE may offer per phase.
           */
          maxCurrentA?: number;
          phases?: 1 | 3;
          /**
           * Per-phase (line-to-neutral) nominal voltage, set not measured: converts power limits (W, from charging profiles and the energy manager) to the pilot's amperes per phase.
           */
          nominalVoltageV?: number;
          /**
           * 'socket' (cable brought by the driver, locked during a session) or 'cable' (fixed cable).
           */
          connector?: "socket" | "cable";
          /**
           * The site ventilates for EVs that ask for it (IEC 61851 state D). Without it, state D is a fault and no energy flows.
           */
          ventilation?: boolean;
          /**
           * For an EVSE without a reader: this idTag is presented, as if its card were, each time an EV is plugged in (authorized the same way: local list, cache or Authorize). Absent: sessions start from a card or the CSMS.
           */
          freeVend?: string;
        },
        {
          /**
           * EVSE (connector) id, 1..n, consecutive.
           */
          id: number;
          /**
           * Most current this EVSE may offer per phase.
           */
          maxCurrentA?: number;
          phases?: 1 | 3;
          /**
           * Per-phase (line-to-neutral) nominal voltage, set not measured: converts power limits (W, from charging profiles and the energy manager) to the pilot's amperes per phase.
           */
          nominalVoltageV?: number;
          /**
           * 'socket' (cable brought by the driver, locked during a session) or 'cable' (fixed cable).
           */
          connector?: "socket" | "cable";
          /**
           * The site ventilates for EVs that ask for it (IEC 61851 state D). Without it, state D is a fault and no energy flows.
           */
          ventilation?: boolean;
          /**
           * For an EVSE without a reader: this idTag is presented, as if its card were, each time an EV is plugged in (authorized the same way: local list, cache or Authorize). Absent: sessions start from a card or the CSMS.
           */
          freeVend?: string;
        },
        {
          /**
           * EVSE (connector) id, 1..n, consecutive.
           */
          id: number;
          /**
           * Most current this EVSE may offer per phase.
           */
          maxCurrentA?: number;
          phases?: 1 | 3;
          /**
           * Per-phase (line-to-neutral) nominal voltage, set not measured: converts power limits (W, from charging profiles and the energy manager) to the pilot's amperes per phase.
           */
          nominalVoltageV?: number;
          /**
           * 'socket' (cable brought by the driver, locked during a session) or 'cable' (fixed cable).
           */
          connector?: "socket" | "cable";
          /**
           * The site ventilates for EVs that ask for it (IEC 61851 state D). Without it, state D is a fault and no energy flows.
           */
          ventilation?: boolean;
          /**
           * For an EVSE without a reader: this idTag is presented, as if its card were, each time an EV is plugged in (authorized the same way: local list, cache or Authorize). Absent: sessions start from a card or the CSMS.
           */
          freeVend?: string;
        },
        {
          /**
           * EVSE (connector) id, 1..n, consecutive.
           */
          id: number;
          /**
           * Most current this EVSE may offer per phase.
           */
          maxCurrentA?: number;
          phases?: 1 | 3;
          /**
           * Per-phase (line-to-neutral) nominal voltage, set not measured: converts power limits (W, from charging profiles and the energy manager) to the pilot's amperes per phase.
           */
          nominalVoltageV?: number;
          /**
           * 'socket' (cable brought by the driver, locked during a session) or 'cable' (fixed cable).
           */
          connector?: "socket" | "cable";
          /**
           * The site ventilates for EVs that ask for it (IEC 61851 state D). Without it, state D is a fault and no energy flows.
           */
          ventilation?: boolean;
          /**
           * For an EVSE without a reader: this idTag is presented, as if its card were, each time an EV is plugged in (authorized the same way: local list, cache or Authorize). Absent: sessions start from a card or the CSMS.
           */
          freeVend?: string;
        },
        {
          /**
           * EVSE (connector) id, 1..n, consecutive.
           */
          id: number;
          /**
           * Most current this EVSE may offer per phase.
           */
          maxCurrentA?: number;
          phases?: 1 | 3;
          /**
           * Per-phase (line-to-neutral) nominal voltage, set not measured: converts power limits (W, from charging profiles and the energy manager) to the pilot's amperes per phase.
           */
          nominalVoltageV?: number;
          /**
           * 'socket' (cable brought by the driver, locked during a session) or 'cable' (fixed cable).
           */
          connector?: "socket" | "cable";
          /**
           * The site ventilates for EVs that ask for it (IEC 61851 state D). Without it, state D is a fault and no energy flows.
           */
          ventilation?: boolean;
          /**
           * For an EVSE without a reader: this idTag is presented, as if its card were, each time an EV is plugged in (authorized the same way: local list, cache or Authorize). Absent: sessions start from a card or the CSMS.
           */
          freeVend?: string;
        },
        {
          /**
           * EVSE (connector) id, 1..n, consecutive.
           */
          id: number;
          /**
           * Most current this EVSE may offer per phase.
           */
          maxCurrentA?: number;
          phases?: 1 | 3;
          /**
           * Per-phase (line-to-neutral) nominal voltage, set not measured: converts power limits (W, from charging profiles and the energy manager) to the pilot's amperes per phase.
           */
          nominalVoltageV?: number;
          /**
           * 'socket' (cable brought by the driver, locked during a session) or 'cable' (fixed cable).
           */
          connector?: "socket" | "cable";
          /**
           * The site ventilates for EVs that ask for it (IEC 61851 state D). Without it, state D is a fault and no energy flows.
           */
          ventilation?: boolean;
          /**
           * For an EVSE without a reader: this idTag is presented, as if its card were, each time an EV is plugged in (authorized the same way: local list, cache or Authorize). Absent: sessions start from a card or the CSMS.
           */
          freeVend?: string;
        }
      ];
  /**
   * Initial values of OCPP configuration keys (by their OCPP name), applied when the database has no value yet.
   */
  ocppKeys?: {
    [k: string]: string | number | boolean;
  };
  /**
   * What an EVSE does when its meter fails while charging: stop the session, or continue and report the fault.
   */
  meterFaultAction?: "stop" | "continue";
  /**
   * What a Reset does to the process. Soft: the agent restarts inside the process. Hard: after the safe state and a clean close of the store chargerd exits with status 0 and the service manager starts it again (systemd Restart=always).
   */
  reset?: {
    /**
     * Run on a Hard Reset after the store is closed, instead of the plain exit, e.g. ["systemctl", "reboot"] to reboot the whole controller (argv, no shell). chargerd exits with status 0 when it returns, whether it succeeded or not (a failure is logged), so a command that did not reboot never leaves the charger down. Empty: just exit.
     */
    hardResetCommand?: string[];
  };
  /**
   * Most transaction messages kept queued (offline). Beyond it, intermediate MeterValues are thinned (every second one of the transaction with the most, oldest first); StartTransaction and StopTransaction are never dropped, nor a transaction's newest meter value. Thinned messages are counted (chargerctl queue).
   */
  queueMaxMessages?: number;
  /**
   * Local load management: the site's own limit shared among the EVSEs, and the failsafe limit that replaces the CSMS's charging profiles when the CSMS has been out of reach too long. Absent: no site limit (an energy manager can still set one over MQTT) and no failsafe.
   */
  loadManagement?: {
    /**
     * The supply the EVSEs share, A per phase (the site's fuse less what else hangs on it). One of siteLimitA or siteLimitW.
     */
    siteLimitA?: number;
    /**
     * The supply the EVSEs share, W over all phases. One of siteLimitA or siteLimitW.
     */
    siteLimitW?: number;
    /**
     * How a site limit (this one or the energy manager's) is shared among the EVSEs with a session: 'equalShare' (the same for each; one that needs less leaves the rest to the others) or 'firstComeFirstServed' (the oldest session gets what it can use first). Either way each gets at least 6 A or pauses, newest first.
     */
    policy?: "equalShare" | "firstComeFirstServed";
    /**
     * Give what an EV does not draw (a tapering battery, a smaller onboard charger, a paused EV) to the others: it keeps what it draws plus marginA, until it draws up to that again.
     */
    reallocate?: boolean;
    /**
     * How often the draws are judged for reallocation, s. At least 10: the meter is read every 5 s during a session, so each look sees a reading taken after the EV followed the last change.
     */
    rebalanceIntervalS?: number;
    /**
     * Headroom above its draw that a capped EV keeps, A per phase.
     */
    marginA?: number;
    /**
     * When the CSMS has been out of reach for afterS, its charging profiles stop counting and each EVSE is held at limitA until the connection is back.
     */
    failsafe?: {
      /**
       * How long the CSMS may be gone first, s.
       */
      afterS: number;
      /**
       * The limit of each EVSE meanwhile, A per phase (under 6: the EVSEs pause).
       */
      limitA: number;
    };
  };
  /**
   * The MQTT bridge (README "MQTT"): station and EVSE state out, limits and enable in, Home Assistant discovery. Off when absent.
   */
  mqtt?: {
    /**
     * The broker: mqtt://, mqtts:// (TLS), ws:// or wss:// (MQTT over WebSocket), e.g. mqtt://192.168.1.10:1883.
     */
    url: string;
    /**
     * User name for the broker, if it wants one.
     */
    username?: string;
    /**
     * Password for the broker (never logged nor published).
     */
    password?: string;
    /**
     * MQTT client id; default chargerd-<chargePointId>. Two clients with one id throw each other off the broker.
     */
    clientId?: string;
    /**
     * Root of every topic the bridge publishes and listens to; default chargerd/<chargePointId>. No wildcards, no leading or trailing slash.
     */
    topicPrefix?: string;
    /**
     * Publish Home Assistant MQTT discovery configs under homeassistant/, so the charger appears in Home Assistant by itself.
     */
    homeAssistant?: boolean;
    /**
     * TLS for mqtts:// and wss://: file paths of PEM files.
     */
    tls?: {
      /**
       * CA certificate(s) to trust for the broker, PEM file path (default: the system's).
       */
      ca?: string;
      /**
       * Client certificate, PEM file path (with key).
       */
      cert?: string;
      /**
       * Client private key, PEM file path (with cert; never logged).
       */
      key?: string;
      /**
       * Refuse a broker whose certificate does not verify. Only turn off on a test bench.
       */
      rejectUnauthorized?: boolean;
    };
    /**
     * QoS of everything published and subscribed.
     */
    qos?: 0 | 1 | 2;
    /**
     * MQTT keepalive, seconds: the broker publishes the last will (offline) after 1.5 × this without a packet.
     */
    keepaliveS?: number;
  };
}
