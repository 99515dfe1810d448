#!/usr/bin/python3
"""Simulated Modbus energy meter(s) for chargerd's integration tests and benchmark.

Serves the registers of one or more meter models, each encoded from the SAME model JSON file the TypeScript
driver reads (hal/meters/models/*.json), so every model's map is tested against itself end to end.

Usage (run with Debian's /usr/bin/python3; needs python3-pymodbus 3.0, python3-serial, python3-serial-asyncio):

  meter_server.py MODEL_JSON PORT [UNIT] [--values FILE] [--meter MODEL_JSON:UNIT[:VALUES_FILE]]...
                  [--baud N] [--parity none|even|odd] [--stopbits 1|2] [--tcp]

  PORT    serial device (one end of a socat pty pair), or with --tcp a TCP port on 127.0.0.1 (0 = any free port)
  UNIT    unit id of the first meter (default: the model's default unit id)
  --values FILE   JSON with the values to serve, in MeterReading units:
                  {"energyImportWh": 1234567.8, "energyExportWh": 0, "powerW": 7200, "frequencyHz": 50,
                   "currentA": {"L1": 10.5, ...}, "voltageV": {...}, "powerPerPhaseW": {...},
                   "energyImportWhPerS": 2.0}
                  The file is re-read whenever it changes, so a test can change values while the server runs.
                  energyImportWhPerS makes the counter grow with time from when the file was (re)loaded.
  --meter         another meter on the same bus (other unit id, possibly another model)

Prints one line "READY serial PORT" or "READY tcp PORT" on stdout once it is serving.
"""
import argparse
import asyncio
import json
import logging
import os
import struct
import sys
import time

from pymodbus.datastore import ModbusSequentialDataBlock, ModbusServerContext, ModbusSlaveContext
from pymodbus.server.async_io import StartAsyncSerialServer, StartAsyncTcpServer
from pymodbus.transaction import ModbusRtuFramer, ModbusSocketFramer

UNIT_FACTORS = {"Wh": 1, "kWh": 1000, "MWh": 1e6, "W": 1, "kW": 1000, "A": 1, "mA": 0.001, "V": 1, "Hz": 1}
STRUCT = {"uint16": ">H", "int16": ">h", "uint32": ">I", "int32": ">i", "float32": ">f", "uint64": ">Q", "int64": ">q"}
PER_PHASE = {"current": "currentA", "voltage": "voltageV", "powerPerPhase": "powerPerPhaseW"}
SCALAR = {"energy": "energyImportWh", "energyExport": "energyExportWh", "power": "powerW", "frequency": "frequencyHz"}

DEFAULT_VALUES = {
    "energyImportWh": 1234567.8,
    "energyExportWh": 4321.5,
    "powerW": 7215.3,
    "powerPerPhaseW": {"L1": 2401.1, "L2": 2405.2, "L3": 2409.0},
    "currentA": {"L1": 10.456, "L2": 10.5, "L3": 10.544},
    "voltageV": {"L1": 229.6, "L2": 230.1, "L3": 231.4},
    "frequencyHz": 50.02,
}


def address_of(spec):
    reg = spec["register"]
    return int(reg, 16) if isinstance(reg, str) else int(reg)


def encode(value, spec):
    """Register words for a value in MeterReading units, per the model's spec."""
    raw = value / UNIT_FACTORS[spec["unit"]] / spec["scale"]
    if spec["type"] != "float32":
        raw = int(round(raw))
    data = struct.pack(STRUCT[spec["type"]], raw)
    words = [int.from_bytes(data[i:i + 2], "big") for i in range(0, len(data), 2)]
    if spec["wordOrder"] == "little":
        words.reverse()
    return words


def fields(model):
    """(measurand path, spec) for every register of a model."""
    out = []
    for name, value in model["measurands"].items():
        if name == "$comment":
            continue
        if name in PER_PHASE:
            for phase, spec in value.items():
                if phase != "$comment":
                    out.append((name + "." + phase, spec))
        else:
            out.append((name, value))
    return out


def value_for(path, values):
    name, _, phase = path.partition(".")
    if phase:
        return values.get(PER_PHASE[name], {}).get(phase)
    return values.get(SCALAR[name])


class MeterBlock(ModbusSequentialDataBlock):
    """The register image of one meter (self.values, as pymodbus names it), re-encoded from `self.reading`
    on each read."""

    def __init__(self, model, values_file):
        self.model = model
        self.values_file = values_file
        self.fields = fields(model)
        size = max(address_of(s) + s["words"] for _, s in self.fields)
        self.mtime = None
        self.reading = dict(DEFAULT_VALUES)
        self.loaded_at = time.monotonic()
        super().__init__(0, [0] * size)
        self.refresh()

    def refresh(self):
        if self.values_file:
            try:
                mtime = os.stat(self.values_file).st_mtime_ns
            except FileNotFoundError:
                mtime = None
            if mtime is not None and mtime != self.mtime:
                with open(self.values_file, encoding="utf-8") as fh:
                    text = fh.read()
                try:
                    self.reading = json.loads(text)
                    self.mtime = mtime
                    self.loaded_at = time.monotonic()
                except json.JSONDecodeError:
                    pass  # caught mid-write: keep the old values, retry on the next read
        reading = dict(self.reading)
        rate = reading.get("energyImportWhPerS")
        if rate:
            reading["energyImportWh"] = reading["energyImportWh"] + rate * (time.monotonic() - self.loaded_at)
        for path, spec in self.fields:
            v = value_for(path, reading)
            if v is None:
                continue
            for i, w in enumerate(encode(v, spec)):
                self.values[address_of(spec) + i] = w

    def getValues(self, address, count=1):
        self.refresh()
        return super().getValues(address, count)


def empty_block():
    """A store with nothing readable: reads answer 'illegal data address', like a meter's unused function."""
    return ModbusSequentialDataBlock(0xFFFF, [0])


def slave_for(model, values_file):
    block = MeterBlock(model, values_file)
    if model["functionCode"] == 4:
        return ModbusSlaveContext(ir=block, hr=empty_block(), di=empty_block(), co=empty_block(), zero_mode=True)
    return ModbusSlaveContext(hr=block, ir=empty_block(), di=empty_block(), co=empty_block(), zero_mode=True)


def load(path):
    with open(path, encoding="utf-8") as fh:
        return json.load(fh)


async def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("model")
    ap.add_argument("port")
    ap.add_argument("unit", nargs="?", type=int)
    ap.add_argument("--values")
    ap.add_argument("--meter", action="append", default=[])
    ap.add_argument("--baud", type=int)
    ap.add_argument("--parity", choices=["none", "even", "odd"])
    ap.add_argument("--stopbits", type=int, choices=[1, 2])
    ap.add_argument("--tcp", action="store_true")
    args = ap.parse_args()

    logging.basicConfig(level=logging.CRITICAL)
    first = load(args.model)
    slaves = {args.unit or first["defaults"]["unitId"]: slave_for(first, args.values)}
    for extra in args.meter:
        parts = extra.split(":")
        model = load(parts[0])
        unit = int(parts[1]) if len(parts) > 1 and parts[1] else model["defaults"]["unitId"]
        if unit in slaves:
            sys.exit(f"unit {unit} given twice")
        slaves[unit] = slave_for(model, parts[2] if len(parts) > 2 else None)
    context = ModbusServerContext(slaves=slaves, single=False)

    if args.tcp:
        server = await StartAsyncTcpServer(context=context, address=("127.0.0.1", int(args.port)),
                                           framer=ModbusSocketFramer, defer_start=True, allow_reuse_address=True)
        task = asyncio.create_task(server.serve_forever())
        await server.serving
        port = server.server.sockets[0].getsockname()[1]
        print(f"READY tcp {port}", flush=True)
        await task
        return

    serial = first["defaults"]["serial"]
    parity = {"none": "N", "even": "E", "odd": "O"}[args.parity or serial["parity"]]
    baud = args.baud or serial["baudRate"]
    if os.path.realpath(args.port).startswith("/dev/pts/") and parity != "N":
        # A pty has no line, so parity means nothing there; and once PARENB was set on a Linux pty, pyserial's
        # next tcsetattr fails with EINVAL. Serve with N; the driver side still opens with the model's setting.
        print(f"note: {args.port} is a pty: serving with parity N instead of {parity}", file=sys.stderr, flush=True)
        parity = "N"
    server = await StartAsyncSerialServer(context=context, framer=ModbusRtuFramer, port=args.port,
                                          baudrate=baud, bytesize=serial["dataBits"],
                                          parity=parity, stopbits=args.stopbits or serial["stopBits"],
                                          defer_start=True)
    await server.start()
    if server.transport is None:
        sys.exit(f"cannot open {args.port}")
    print(f"READY serial {args.port}", flush=True)
    await server.serve_forever()


if __name__ == "__main__":
    try:
        asyncio.run(main())
    except KeyboardInterrupt:
        pass
