// GENERATED from profiles/ocpp201/device-model/appendix/dm_components_vars.csv and profiles/ocpp201/device-model/profile.json by scripts/gen-device-model.mjs — do not edit.

import type { ComponentDefinition } from './types.js';

/** The standardized components chargerd implements, with their variables as the OCA appendix names them. */
export const STANDARD_COMPONENTS: readonly ComponentDefinition[] = [
  {
    "name": "OCPPCommCtrlr",
    "scope": "station",
    "variables": [
      {
        "name": "ActiveNetworkProfile",
        "dataType": "integer",
        "attributes": [
          {
            "type": "Actual",
            "mutability": "ReadOnly",
            "persistent": false,
            "constant": false,
            "default": "0"
          }
        ],
        "live": true,
        "rebootRequired": false,
        "required": "Core",
        "csvRequired": false,
        "description": "Indicates the configuration profile the station uses at that moment to connect to the network.",
        "src": "errata 2.57"
      },
      {
        "name": "FileTransferProtocols",
        "dataType": "MemberList",
        "valuesList": "HTTP,HTTPS",
        "attributes": [
          {
            "type": "Actual",
            "mutability": "ReadOnly",
            "persistent": true,
            "constant": true,
            "default": "HTTPS,HTTP"
          }
        ],
        "live": false,
        "rebootRequired": false,
        "required": "Core",
        "csvRequired": true,
        "description": "List of supported file transfer protocols",
        "src": "part2 2.1.4"
      },
      {
        "name": "HeartbeatInterval",
        "dataType": "integer",
        "unit": "s",
        "minLimit": 1,
        "attributes": [
          {
            "type": "Actual",
            "mutability": "ReadWrite",
            "persistent": true,
            "constant": false,
            "default": "300"
          }
        ],
        "live": false,
        "rebootRequired": false,
        "required": null,
        "csvRequired": false,
        "description": "Interval of inactivity (no OCPP exchanges) with CSMS after which the Charging Station should send HeartbeatRequest.",
        "src": "part2 2.1.5"
      },
      {
        "name": "MessageTimeout",
        "instance": "Default",
        "dataType": "integer",
        "unit": "s",
        "attributes": [
          {
            "type": "Actual",
            "mutability": "ReadOnly",
            "persistent": false,
            "constant": false,
            "default": "30"
          }
        ],
        "live": false,
        "rebootRequired": false,
        "required": "Core",
        "csvRequired": true,
        "description": "MessageTimeout(Default) specifies after which time a message times out.",
        "src": "part2 2.1.3 (set through the NetworkConnectionProfile; ocpp.callTimeoutS)"
      },
      {
        "name": "MessageAttemptInterval",
        "instance": "TransactionEvent",
        "dataType": "integer",
        "unit": "s",
        "minLimit": 0,
        "attributes": [
          {
            "type": "Actual",
            "mutability": "ReadWrite",
            "persistent": true,
            "constant": false,
            "default": "60"
          }
        ],
        "live": false,
        "rebootRequired": false,
        "required": "Core",
        "csvRequired": true,
        "description": "MessageAttemptInterval(TransactionEvent) specifies long the Charging Station should wait before resubmitting a TransactionEventRequest message that the CSMS failed to process.",
        "src": "part2 2.1.11"
      },
      {
        "name": "MessageAttempts",
        "instance": "TransactionEvent",
        "dataType": "integer",
        "minLimit": 0,
        "attributes": [
          {
            "type": "Actual",
            "mutability": "ReadWrite",
            "persistent": true,
            "constant": false,
            "default": "3"
          }
        ],
        "live": false,
        "rebootRequired": false,
        "required": "Core",
        "csvRequired": true,
        "description": "MessageAttempts(TransactionEvent) specifies how often the Charging Station should try to submit a TransactionEventRequest message when the CSMS fails to process it.",
        "src": "part2 2.1.10"
      },
      {
        "name": "NetworkConfigurationPriority",
        "dataType": "SequenceList",
        "valuesList": "0,1",
        "nonEmpty": true,
        "attributes": [
          {
            "type": "Actual",
            "mutability": "ReadWrite",
            "persistent": true,
            "constant": false,
            "default": "0"
          }
        ],
        "live": false,
        "rebootRequired": true,
        "required": "Core",
        "csvRequired": true,
        "description": "A comma separated ordered list of the priority of the possible Network Connection Profiles.",
        "src": "part2 2.1.6, B10.FR.01 (Accepted or RebootRequired)"
      },
      {
        "name": "NetworkProfileConnectionAttempts",
        "dataType": "integer",
        "minLimit": 1,
        "attributes": [
          {
            "type": "Actual",
            "mutability": "ReadWrite",
            "persistent": true,
            "constant": false,
            "default": "3"
          }
        ],
        "live": false,
        "rebootRequired": false,
        "required": "Core",
        "csvRequired": true,
        "description": "Specifies the number of connection attempts the Charging Station executes before switching to a different profile.",
        "src": "part2 2.1.7"
      },
      {
        "name": "OfflineThreshold",
        "dataType": "integer",
        "unit": "s",
        "minLimit": 0,
        "attributes": [
          {
            "type": "Actual",
            "mutability": "ReadWrite",
            "persistent": true,
            "constant": false,
            "default": "600"
          }
        ],
        "live": false,
        "rebootRequired": false,
        "required": "Core",
        "csvRequired": true,
        "description": "When the offline period of a Charging Station exceeds the OfflineThreshold it is recommended to send a StatusNotificationRequest for all its Connectors.",
        "src": "part2 2.1.8"
      },
      {
        "name": "PublicKeyWithSignedMeterValue",
        "dataType": "OptionList",
        "valuesList": "Never,OncePerTransaction,EveryMeterValue",
        "attributes": [
          {
            "type": "Actual",
            "mutability": "ReadWrite",
            "persistent": true,
            "constant": false,
            "default": "Never"
          }
        ],
        "live": false,
        "rebootRequired": false,
        "required": null,
        "csvRequired": false,
        "description": "This Configuration Variable can be used to configure whether a public key needs to be sent with a signed meter value.",
        "src": "part2 2.7.17"
      },
      {
        "name": "QueueAllMessages",
        "dataType": "boolean",
        "attributes": [
          {
            "type": "Actual",
            "mutability": "ReadWrite",
            "persistent": true,
            "constant": false,
            "default": "false"
          }
        ],
        "live": false,
        "rebootRequired": false,
        "required": null,
        "csvRequired": false,
        "description": "When this variable is set to true, the Charging Station will queue all message until they are delivered to the CSMS.",
        "src": "part2 2.1.9"
      },
      {
        "name": "ResetRetries",
        "dataType": "integer",
        "minLimit": 0,
        "attributes": [
          {
            "type": "Actual",
            "mutability": "ReadWrite",
            "persistent": true,
            "constant": false,
            "default": "1"
          }
        ],
        "live": false,
        "rebootRequired": false,
        "required": "Core",
        "csvRequired": true,
        "description": "Number of times to retry a reset of the Charging Station when a reset was unsuccessful",
        "src": "part2 2.1.14"
      },
      {
        "name": "RetryBackOffRandomRange",
        "dataType": "integer",
        "unit": "s",
        "minLimit": 0,
        "attributes": [
          {
            "type": "Actual",
            "mutability": "ReadWrite",
            "persistent": true,
            "constant": false,
            "default": "10"
          }
        ],
        "live": false,
        "rebootRequired": false,
        "required": "Core",
        "csvRequired": false,
        "description": "When the Charging Station is reconnecting, after a connection loss, it will use this variable as the maximum value for the random part of the back-off time",
        "src": "part4 8.2 (Required yes)"
      },
      {
        "name": "RetryBackOffRepeatTimes",
        "dataType": "integer",
        "minLimit": 0,
        "attributes": [
          {
            "type": "Actual",
            "mutability": "ReadWrite",
            "persistent": true,
            "constant": false,
            "default": "3"
          }
        ],
        "live": false,
        "rebootRequired": false,
        "required": "Core",
        "csvRequired": false,
        "description": "When the Charging Station is reconnecting, after a connection loss, it will use this variable for the amount of times it will double the previous back-off time.",
        "src": "part4 8.1 (Required yes)"
      },
      {
        "name": "RetryBackOffWaitMinimum",
        "dataType": "integer",
        "unit": "s",
        "minLimit": 0,
        "attributes": [
          {
            "type": "Actual",
            "mutability": "ReadWrite",
            "persistent": true,
            "constant": false,
            "default": "5"
          }
        ],
        "live": false,
        "rebootRequired": false,
        "required": "Core",
        "csvRequired": false,
        "description": "When the Charging Station is reconnecting, after a connection loss, it will use this variable as the minimum back-off time, the first time it tries to reconnect.",
        "src": "part4 8.3 (Required yes)"
      },
      {
        "name": "UnlockOnEVSideDisconnect",
        "dataType": "boolean",
        "attributes": [
          {
            "type": "Actual",
            "mutability": "ReadWrite",
            "persistent": true,
            "constant": false,
            "default": "true"
          }
        ],
        "live": false,
        "rebootRequired": false,
        "required": "Core",
        "csvRequired": true,
        "description": "When set to true, the Charging Station SHALL unlock the cable on the Charging Station side when the cable is unplugged at the EV.",
        "src": "part2 2.1.12 (ReadOnly and false only for fixed cables)"
      },
      {
        "name": "WebSocketPingInterval",
        "dataType": "integer",
        "unit": "s",
        "minLimit": 0,
        "attributes": [
          {
            "type": "Actual",
            "mutability": "ReadWrite",
            "persistent": true,
            "constant": false,
            "default": "60"
          }
        ],
        "live": false,
        "rebootRequired": false,
        "required": "Core",
        "csvRequired": false,
        "description": "0 disables client side websocket Ping/Pong.",
        "src": "part4 8.4 (negative values rejected)"
      }
    ]
  },
  {
    "name": "TxCtrlr",
    "scope": "station",
    "variables": [
      {
        "name": "ChargingTime",
        "dataType": "decimal",
        "unit": "s",
        "attributes": [
          {
            "type": "Actual",
            "mutability": "ReadOnly",
            "persistent": false,
            "constant": false,
            "default": "0"
          }
        ],
        "live": true,
        "rebootRequired": false,
        "required": null,
        "csvRequired": false,
        "description": "Time from earliest to latest substantive energy transfer",
        "src": "appendix CSV (measured time, not a setting)"
      },
      {
        "name": "EVConnectionTimeOut",
        "dataType": "integer",
        "unit": "s",
        "minLimit": 0,
        "attributes": [
          {
            "type": "Actual",
            "mutability": "ReadWrite",
            "persistent": true,
            "constant": false,
            "default": "60"
          }
        ],
        "live": false,
        "rebootRequired": false,
        "required": "Core",
        "csvRequired": true,
        "description": "Interval from between \"starting\" of a transaction until incipient transaction is automatically canceled, due to failure of EV driver to (correctly) insert the charging cable connector(s) into the appropriate socket(s).",
        "src": "part2 2.6.1"
      },
      {
        "name": "MaxEnergyOnInvalidId",
        "dataType": "integer",
        "unit": "Wh",
        "minLimit": 0,
        "attributes": [
          {
            "type": "Actual",
            "mutability": "ReadWrite",
            "persistent": true,
            "constant": false,
            "default": "0"
          }
        ],
        "live": false,
        "rebootRequired": false,
        "required": null,
        "csvRequired": false,
        "description": "Maximum amount of energy in Wh delivered when an identifier is deauthorized by the CSMS after start of a transaction.",
        "src": "part2 2.6.7"
      },
      {
        "name": "StopTxOnEVSideDisconnect",
        "dataType": "boolean",
        "attributes": [
          {
            "type": "Actual",
            "mutability": "ReadWrite",
            "persistent": true,
            "constant": false,
            "default": "true"
          }
        ],
        "live": false,
        "rebootRequired": false,
        "required": "Core",
        "csvRequired": true,
        "description": "When set to true, the Charging Station SHALL deauthorize the transaction when the cable is unplugged from the EV.",
        "src": "part2 2.6.2"
      },
      {
        "name": "StopTxOnInvalidId",
        "dataType": "boolean",
        "attributes": [
          {
            "type": "Actual",
            "mutability": "ReadWrite",
            "persistent": true,
            "constant": false,
            "default": "true"
          }
        ],
        "live": false,
        "rebootRequired": false,
        "required": "Core",
        "csvRequired": true,
        "description": "Whether the Charging Station will deauthorize an ongoing transaction when it receives a non- Accepted authorization status in TransactionEventResponse for this transaction.",
        "src": "part2 2.6.8"
      },
      {
        "name": "TxBeforeAcceptedEnabled",
        "dataType": "boolean",
        "attributes": [
          {
            "type": "Actual",
            "mutability": "ReadWrite",
            "persistent": true,
            "constant": false,
            "default": "false"
          }
        ],
        "live": false,
        "rebootRequired": false,
        "required": null,
        "csvRequired": false,
        "description": "Allow charging before having received a BootNotificationResponse with RegistrationStatus: Accepted.",
        "src": "part2 2.6.3"
      },
      {
        "name": "TxStartPoint",
        "dataType": "MemberList",
        "valuesList": "EVConnected,Authorized,PowerPathClosed,EnergyTransfer",
        "nonEmpty": true,
        "attributes": [
          {
            "type": "Actual",
            "mutability": "ReadWrite",
            "persistent": true,
            "constant": false,
            "default": "PowerPathClosed"
          }
        ],
        "live": false,
        "rebootRequired": false,
        "required": "Core",
        "csvRequired": true,
        "description": "Defines when the Charging Station starts a new transaction",
        "src": "part2 2.6.4/2.6.6.1; only the points the HAL can detect (no bay sensor, no signed meter)"
      },
      {
        "name": "TxStopPoint",
        "dataType": "MemberList",
        "valuesList": "EVConnected,Authorized,PowerPathClosed,EnergyTransfer",
        "nonEmpty": true,
        "attributes": [
          {
            "type": "Actual",
            "mutability": "ReadWrite",
            "persistent": true,
            "constant": false,
            "default": "EVConnected,Authorized"
          }
        ],
        "live": false,
        "rebootRequired": false,
        "required": "Core",
        "csvRequired": true,
        "description": "Defines when the Charging Station ends a transaction",
        "src": "part2 2.6.5/2.6.6.2, errata 2.24 (DataSigned is no stop point)"
      }
    ]
  },
  {
    "name": "DeviceDataCtrlr",
    "scope": "station",
    "variables": [
      {
        "name": "BytesPerMessage",
        "instance": "GetReport",
        "dataType": "integer",
        "attributes": [
          {
            "type": "Actual",
            "mutability": "ReadOnly",
            "persistent": true,
            "constant": true,
            "default": "65000"
          }
        ],
        "live": false,
        "rebootRequired": false,
        "required": "Core",
        "csvRequired": true,
        "description": "Maximum number of bytes in a message related to instance name: GetReport, GetVariables, SetVariables",
        "src": "part2 2.1.18"
      },
      {
        "name": "BytesPerMessage",
        "instance": "GetVariables",
        "dataType": "integer",
        "attributes": [
          {
            "type": "Actual",
            "mutability": "ReadOnly",
            "persistent": true,
            "constant": true,
            "default": "65000"
          }
        ],
        "live": false,
        "rebootRequired": false,
        "required": "Core",
        "csvRequired": true,
        "description": "Maximum number of bytes in a message related to instance name: GetReport, GetVariables, SetVariables",
        "src": "part2 2.1.19"
      },
      {
        "name": "BytesPerMessage",
        "instance": "SetVariables",
        "dataType": "integer",
        "attributes": [
          {
            "type": "Actual",
            "mutability": "ReadOnly",
            "persistent": true,
            "constant": true,
            "default": "65000"
          }
        ],
        "live": false,
        "rebootRequired": false,
        "required": "Core",
        "csvRequired": true,
        "description": "Maximum number of bytes in a message related to instance name: GetReport, GetVariables, SetVariables",
        "src": "part2 2.1.23"
      },
      {
        "name": "ConfigurationValueSize",
        "dataType": "integer",
        "maxLimit": 1000,
        "attributes": [
          {
            "type": "Actual",
            "mutability": "ReadOnly",
            "persistent": true,
            "constant": true,
            "default": "1000"
          }
        ],
        "live": false,
        "rebootRequired": false,
        "required": null,
        "csvRequired": false,
        "description": "The limit to the following fields: SetVariableData.attributeValue and VariableCharacteristics.valueList.",
        "src": "part2 2.1.20"
      },
      {
        "name": "ItemsPerMessage",
        "instance": "GetReport",
        "dataType": "integer",
        "attributes": [
          {
            "type": "Actual",
            "mutability": "ReadOnly",
            "persistent": true,
            "constant": true,
            "default": "100"
          }
        ],
        "live": false,
        "rebootRequired": false,
        "required": "Core",
        "csvRequired": true,
        "description": "Maximum number of ComponentVariable entries in message related to the instance name: GetReport, GetVariables, SetVariables",
        "src": "part2 2.1.16"
      },
      {
        "name": "ItemsPerMessage",
        "instance": "GetVariables",
        "dataType": "integer",
        "attributes": [
          {
            "type": "Actual",
            "mutability": "ReadOnly",
            "persistent": true,
            "constant": true,
            "default": "50"
          }
        ],
        "live": false,
        "rebootRequired": false,
        "required": "Core",
        "csvRequired": true,
        "description": "Maximum number of ComponentVariable entries in message related to the instance name: GetReport, GetVariables, SetVariables",
        "src": "part2 2.1.17"
      },
      {
        "name": "ItemsPerMessage",
        "instance": "SetVariables",
        "dataType": "integer",
        "attributes": [
          {
            "type": "Actual",
            "mutability": "ReadOnly",
            "persistent": true,
            "constant": true,
            "default": "50"
          }
        ],
        "live": false,
        "rebootRequired": false,
        "required": "Core",
        "csvRequired": true,
        "description": "Maximum number of ComponentVariable entries in message related to the instance name: GetReport, GetVariables, SetVariables",
        "src": "part2 2.1.22"
      },
      {
        "name": "ReportingValueSize",
        "dataType": "integer",
        "maxLimit": 2500,
        "attributes": [
          {
            "type": "Actual",
            "mutability": "ReadOnly",
            "persistent": true,
            "constant": true,
            "default": "2500"
          }
        ],
        "live": false,
        "rebootRequired": false,
        "required": null,
        "csvRequired": false,
        "description": "The limit to the following fields: GetVariableResult.attributeValue, VariableAttribute.value and EventData.actualValue.",
        "src": "part2 2.1.21"
      },
      {
        "name": "ValueSize",
        "dataType": "integer",
        "maxLimit": 2500,
        "attributes": [
          {
            "type": "Actual",
            "mutability": "ReadOnly",
            "persistent": true,
            "constant": true,
            "default": "2500"
          }
        ],
        "live": false,
        "rebootRequired": false,
        "required": null,
        "csvRequired": false,
        "description": "Can be used to limit the following fields: SetVariableData.attributeValue, GetVariableResult.attributeValue, VariableAttribute.value, VariableCharacteristics.valueList and EventData.actualValue.",
        "src": "appendix CSV (limits both directions; the smaller of it and the specific size applies)"
      }
    ]
  },
  {
    "name": "ClockCtrlr",
    "scope": "station",
    "variables": [
      {
        "name": "DateTime",
        "dataType": "dateTime",
        "attributes": [
          {
            "type": "Actual",
            "mutability": "ReadOnly",
            "persistent": false,
            "constant": false,
            "default": ""
          }
        ],
        "live": true,
        "rebootRequired": false,
        "required": "Core",
        "csvRequired": true,
        "description": "Contains the current date and time",
        "src": "part2 2.1.24"
      },
      {
        "name": "NextTimeOffsetTransitionDateTime",
        "dataType": "dateTime",
        "attributes": [
          {
            "type": "Actual",
            "mutability": "ReadWrite",
            "persistent": true,
            "constant": false,
            "default": ""
          }
        ],
        "live": false,
        "rebootRequired": false,
        "required": null,
        "csvRequired": false,
        "description": "Date time of the next time offset transition.",
        "src": "part2 2.1.28"
      },
      {
        "name": "NtpServerUri",
        "dataType": "string",
        "maxLimit": 512,
        "attributes": [
          {
            "type": "Actual",
            "mutability": "ReadWrite",
            "persistent": true,
            "constant": false,
            "default": ""
          }
        ],
        "live": false,
        "rebootRequired": false,
        "required": null,
        "csvRequired": false,
        "description": "This contains the address of the NTP server.",
        "src": "part2 2.1.26"
      },
      {
        "name": "NtpSource",
        "dataType": "OptionList",
        "valuesList": "DHCP,manual",
        "attributes": [
          {
            "type": "Actual",
            "mutability": "ReadWrite",
            "persistent": true,
            "constant": false,
            "default": "DHCP"
          }
        ],
        "live": false,
        "rebootRequired": false,
        "required": null,
        "csvRequired": false,
        "description": "When an NTP client is implemented, this variable can be used to configure the client",
        "src": "part2 2.1.25"
      },
      {
        "name": "TimeAdjustmentReportingThreshold",
        "dataType": "integer",
        "unit": "s",
        "minLimit": 0,
        "attributes": [
          {
            "type": "Actual",
            "mutability": "ReadWrite",
            "persistent": true,
            "constant": false,
            "default": "20"
          }
        ],
        "live": false,
        "rebootRequired": false,
        "required": null,
        "csvRequired": false,
        "description": "If set, then time adjustments with an absolute value in seconds larger than this need to be reported as a security event SettingSystemTime",
        "src": "part2 2.1.32"
      },
      {
        "name": "TimeOffset",
        "dataType": "string",
        "pattern": "^([+-](0\\d|1[0-4]):[0-5]\\d)?$",
        "attributes": [
          {
            "type": "Actual",
            "mutability": "ReadWrite",
            "persistent": true,
            "constant": false,
            "default": ""
          }
        ],
        "live": false,
        "rebootRequired": false,
        "required": null,
        "csvRequired": false,
        "description": "A Time Offset with respect to Coordinated Universal Time (aka UTC or Greenwich Mean Time) in the form of an [RFC3339] time (zone) offset suffix, including the mandatory “+” or “-“ prefix.",
        "src": "part2 2.1.27 (\"+01:00\", \"-02:00\")"
      },
      {
        "name": "TimeSource",
        "dataType": "SequenceList",
        "valuesList": "Heartbeat,RealTimeClock",
        "nonEmpty": true,
        "attributes": [
          {
            "type": "Actual",
            "mutability": "ReadWrite",
            "persistent": true,
            "constant": false,
            "default": "Heartbeat"
          }
        ],
        "live": false,
        "rebootRequired": false,
        "required": "Core",
        "csvRequired": true,
        "description": "Via this variable, the Charging Station provides the CSMS with the option to configure multiple clock sources",
        "src": "part2 2.1.30, part5 C-23 (at least Heartbeat)"
      },
      {
        "name": "TimeZone",
        "dataType": "string",
        "maxLimit": 64,
        "attributes": [
          {
            "type": "Actual",
            "mutability": "ReadWrite",
            "persistent": true,
            "constant": false,
            "default": ""
          }
        ],
        "live": false,
        "rebootRequired": false,
        "required": null,
        "csvRequired": false,
        "description": "Configured current local time zone in the format: \"Europe/Oslo\", \"Asia/Singapore\" etc.",
        "src": "part2 2.1.31"
      }
    ]
  },
  {
    "name": "SecurityCtrlr",
    "scope": "station",
    "variables": [
      {
        "name": "AdditionalRootCertificateCheck",
        "dataType": "boolean",
        "attributes": [
          {
            "type": "Actual",
            "mutability": "ReadOnly",
            "persistent": false,
            "constant": false,
            "default": "false"
          }
        ],
        "live": false,
        "rebootRequired": false,
        "required": null,
        "csvRequired": false,
        "description": "Required for all security profiles except profile 1.",
        "src": "part2 2.2.6"
      },
      {
        "name": "BasicAuthPassword",
        "dataType": "string",
        "maxLimit": 64,
        "pattern": "^[\\s\\S]{16,}$",
        "attributes": [
          {
            "type": "Actual",
            "mutability": "WriteOnly",
            "persistent": true,
            "constant": false,
            "default": ""
          }
        ],
        "live": false,
        "rebootRequired": false,
        "required": null,
        "csvRequired": false,
        "description": "The basic authentication password is used for HTTP Basic Authentication.",
        "src": "part2 2.2.1, errata 2.1 (16 characters to maxLimit, maxLimit 40..64, no symbol restriction)"
      },
      {
        "name": "CertificateEntries",
        "dataType": "integer",
        "maxLimit": 20,
        "attributes": [
          {
            "type": "Actual",
            "mutability": "ReadOnly",
            "persistent": false,
            "constant": false,
            "default": "0"
          }
        ],
        "live": true,
        "rebootRequired": false,
        "required": "Core",
        "csvRequired": true,
        "description": "Amount of Certificates currently installed on the Charging Station",
        "src": "part2 2.2.4"
      },
      {
        "name": "CertSigningRepeatTimes",
        "dataType": "integer",
        "minLimit": 0,
        "attributes": [
          {
            "type": "Actual",
            "mutability": "ReadWrite",
            "persistent": true,
            "constant": false,
            "default": "3"
          }
        ],
        "live": false,
        "rebootRequired": false,
        "required": null,
        "csvRequired": false,
        "description": "Number of times to resend a SignCertificateRequest when CSMS does nor return a signed certificate.",
        "src": "part2 2.2.9"
      },
      {
        "name": "CertSigningWaitMinimum",
        "dataType": "integer",
        "unit": "s",
        "minLimit": 0,
        "attributes": [
          {
            "type": "Actual",
            "mutability": "ReadWrite",
            "persistent": true,
            "constant": false,
            "default": "60"
          }
        ],
        "live": false,
        "rebootRequired": false,
        "required": null,
        "csvRequired": false,
        "description": "Seconds to wait before generating another CSR in case CSMS does not return a signed certificate.",
        "src": "part2 2.2.8"
      },
      {
        "name": "Identity",
        "dataType": "string",
        "maxLimit": 48,
        "pattern": "^[a-zA-Z0-9*\\-_=+|@.]*$",
        "attributes": [
          {
            "type": "Actual",
            "mutability": "ReadOnly",
            "persistent": false,
            "constant": false,
            "default": ""
          }
        ],
        "live": true,
        "rebootRequired": false,
        "required": null,
        "csvRequired": false,
        "description": "The Charging Station identity.",
        "src": "part2 2.2.2 (identifierString without ':')"
      },
      {
        "name": "MaxCertificateChainSize",
        "dataType": "integer",
        "maxLimit": 10000,
        "attributes": [
          {
            "type": "Actual",
            "mutability": "ReadOnly",
            "persistent": true,
            "constant": true,
            "default": "10000"
          }
        ],
        "live": false,
        "rebootRequired": false,
        "required": null,
        "csvRequired": false,
        "description": "Limit of the size of the 'certificateChain' field from the CertificateSignedRequest",
        "src": "part2 2.2.7"
      },
      {
        "name": "OrganizationName",
        "dataType": "string",
        "maxLimit": 64,
        "attributes": [
          {
            "type": "Actual",
            "mutability": "ReadWrite",
            "persistent": true,
            "constant": false,
            "default": ""
          }
        ],
        "live": false,
        "rebootRequired": false,
        "required": "Core",
        "csvRequired": true,
        "description": "The organization name of the CSO or an organization trusted by the CSO.",
        "src": "part2 2.2.3"
      },
      {
        "name": "SecurityProfile",
        "dataType": "integer",
        "attributes": [
          {
            "type": "Actual",
            "mutability": "ReadOnly",
            "persistent": false,
            "constant": false,
            "default": "1"
          }
        ],
        "live": true,
        "rebootRequired": false,
        "required": "Core",
        "csvRequired": true,
        "description": "The security profile used by the Charging Station.",
        "src": "part2 2.2.5"
      }
    ]
  },
  {
    "name": "SampledDataCtrlr",
    "scope": "station",
    "variables": [
      {
        "name": "Available",
        "dataType": "boolean",
        "attributes": [
          {
            "type": "Actual",
            "mutability": "ReadOnly",
            "persistent": true,
            "constant": true,
            "default": "true"
          }
        ],
        "live": false,
        "rebootRequired": false,
        "required": null,
        "csvRequired": false,
        "description": "If this variable reports a value of true, Sampled Data is supported",
        "src": "part2 2.7.2"
      },
      {
        "name": "Enabled",
        "dataType": "boolean",
        "attributes": [
          {
            "type": "Actual",
            "mutability": "ReadWrite",
            "persistent": true,
            "constant": false,
            "default": "true"
          }
        ],
        "live": false,
        "rebootRequired": false,
        "required": null,
        "csvRequired": false,
        "description": "If this variable reports a value of true, Sampled Data is enabled.",
        "src": "part2 2.7.1"
      },
      {
        "name": "TxEndedInterval",
        "dataType": "integer",
        "unit": "s",
        "minLimit": 0,
        "attributes": [
          {
            "type": "Actual",
            "mutability": "ReadWrite",
            "persistent": true,
            "constant": false,
            "default": "0"
          }
        ],
        "live": false,
        "rebootRequired": false,
        "required": "Core",
        "csvRequired": true,
        "description": "Interval between sampling of metering (or other) data, intended to be transmitted in the TransactionEventRequest (eventType = Ended) message.",
        "src": "part2 2.7.5 (named TxEndInterval there; the CSV name is used)"
      },
      {
        "name": "TxEndedMeasurands",
        "dataType": "MemberList",
        "maxLimit": 500,
        "valuesList": "Energy.Active.Import.Register,Energy.Active.Export.Register,Power.Active.Import,Current.Import,Current.Offered,Voltage,Frequency",
        "attributes": [
          {
            "type": "Actual",
            "mutability": "ReadWrite",
            "persistent": true,
            "constant": false,
            "default": "Energy.Active.Import.Register"
          }
        ],
        "live": false,
        "rebootRequired": false,
        "required": "Core",
        "csvRequired": true,
        "description": "Sampled measurands to be included in the meterValues element of TransactionEventRequest (eventType = Ended), every SampledDataTxEndedInterval seconds from the start of the transaction.",
        "src": "part2 2.7.4"
      },
      {
        "name": "TxStartedMeasurands",
        "dataType": "MemberList",
        "maxLimit": 500,
        "valuesList": "Energy.Active.Import.Register,Energy.Active.Export.Register,Power.Active.Import,Current.Import,Current.Offered,Voltage,Frequency",
        "attributes": [
          {
            "type": "Actual",
            "mutability": "ReadWrite",
            "persistent": true,
            "constant": false,
            "default": "Energy.Active.Import.Register"
          }
        ],
        "live": false,
        "rebootRequired": false,
        "required": "Core",
        "csvRequired": true,
        "description": "Sampled measurand(s) to be taken at the start of any transaction to be included in the meterValues field of the first TransactionEventRequest message send at the start of a transaction (eventType = Started)",
        "src": "part2 2.7.6"
      },
      {
        "name": "TxUpdatedInterval",
        "dataType": "integer",
        "unit": "s",
        "minLimit": 0,
        "attributes": [
          {
            "type": "Actual",
            "mutability": "ReadWrite",
            "persistent": true,
            "constant": false,
            "default": "60"
          }
        ],
        "live": false,
        "rebootRequired": false,
        "required": "Core",
        "csvRequired": true,
        "description": "Interval between sampling of metering (or other) data, intended to be transmitted via TransactionEventRequest (eventType = Updated) messages",
        "src": "part2 2.7.8"
      },
      {
        "name": "TxUpdatedMeasurands",
        "dataType": "MemberList",
        "maxLimit": 500,
        "valuesList": "Energy.Active.Import.Register,Energy.Active.Export.Register,Power.Active.Import,Current.Import,Current.Offered,Voltage,Frequency",
        "attributes": [
          {
            "type": "Actual",
            "mutability": "ReadWrite",
            "persistent": true,
            "constant": false,
            "default": "Energy.Active.Import.Register"
          }
        ],
        "live": false,
        "rebootRequired": false,
        "required": "Core",
        "csvRequired": true,
        "description": "Sampled measurands to be included in the meterValues element of TransactionEventRequest (eventType = Ended)",
        "src": "part2 2.7.7"
      },
      {
        "name": "RegisterValuesWithoutPhases",
        "dataType": "boolean",
        "attributes": [
          {
            "type": "Actual",
            "mutability": "ReadWrite",
            "persistent": true,
            "constant": false,
            "default": "false"
          }
        ],
        "live": false,
        "rebootRequired": false,
        "required": null,
        "csvRequired": false,
        "description": "If this variable reports a value of true, then meter values of measurand Energy.Active.Import.Register will only report the total energy over all phases without reporting the individual phase values.",
        "src": "part2 2.7.18"
      }
    ]
  },
  {
    "name": "AlignedDataCtrlr",
    "scope": "station",
    "variables": [
      {
        "name": "Available",
        "dataType": "boolean",
        "attributes": [
          {
            "type": "Actual",
            "mutability": "ReadOnly",
            "persistent": true,
            "constant": true,
            "default": "true"
          }
        ],
        "live": false,
        "rebootRequired": false,
        "required": null,
        "csvRequired": false,
        "description": "If this variable reports a value of true, Clock-Aligned Data is supported.",
        "src": "part2 2.7.10"
      },
      {
        "name": "Enabled",
        "dataType": "boolean",
        "attributes": [
          {
            "type": "Actual",
            "mutability": "ReadWrite",
            "persistent": true,
            "constant": false,
            "default": "true"
          }
        ],
        "live": false,
        "rebootRequired": false,
        "required": null,
        "csvRequired": false,
        "description": "If this variable reports a value of true, Clock-Aligned Data is enabled",
        "src": "part2 2.7.9"
      },
      {
        "name": "Interval",
        "dataType": "integer",
        "unit": "s",
        "minLimit": 0,
        "attributes": [
          {
            "type": "Actual",
            "mutability": "ReadWrite",
            "persistent": true,
            "constant": false,
            "default": "0"
          }
        ],
        "live": false,
        "rebootRequired": false,
        "required": "Core",
        "csvRequired": true,
        "description": "Size (in seconds) of the clock-aligned data interval, intended to be transmitted in the MeterValuesRequest message.",
        "src": "part2 2.7.12, errata 2.65"
      },
      {
        "name": "Measurands",
        "dataType": "MemberList",
        "maxLimit": 500,
        "valuesList": "Energy.Active.Import.Register,Energy.Active.Export.Register,Power.Active.Import,Current.Import,Current.Offered,Voltage,Frequency",
        "attributes": [
          {
            "type": "Actual",
            "mutability": "ReadWrite",
            "persistent": true,
            "constant": false,
            "default": "Energy.Active.Import.Register"
          }
        ],
        "live": false,
        "rebootRequired": false,
        "required": "Core",
        "csvRequired": true,
        "description": "Clock-aligned measurand(s) to be included in MeterValuesRequest, every AlignedDataInterval seconds.",
        "src": "part2 2.7.11"
      },
      {
        "name": "SendDuringIdle",
        "dataType": "boolean",
        "attributes": [
          {
            "type": "Actual",
            "mutability": "ReadWrite",
            "persistent": true,
            "constant": false,
            "default": "false"
          }
        ],
        "live": false,
        "rebootRequired": false,
        "required": null,
        "csvRequired": false,
        "description": "If set to true, the Charging Station SHALL NOT send clock aligned meter values when a transaction is ongoing.",
        "src": "part2 2.7.13"
      },
      {
        "name": "TxEndedInterval",
        "dataType": "integer",
        "unit": "s",
        "minLimit": 0,
        "attributes": [
          {
            "type": "Actual",
            "mutability": "ReadWrite",
            "persistent": true,
            "constant": false,
            "default": "0"
          }
        ],
        "live": false,
        "rebootRequired": false,
        "required": "Core",
        "csvRequired": true,
        "description": "Size (in seconds) of the clock-aligned data interval, intended to be transmitted in the TransactionEventRequest (eventType = Ended) message.",
        "src": "part2 2.7.16, errata 2.65 (named TxEndInterval there; the CSV name is used)"
      },
      {
        "name": "TxEndedMeasurands",
        "dataType": "MemberList",
        "maxLimit": 500,
        "valuesList": "Energy.Active.Import.Register,Energy.Active.Export.Register,Power.Active.Import,Current.Import,Current.Offered,Voltage,Frequency",
        "attributes": [
          {
            "type": "Actual",
            "mutability": "ReadWrite",
            "persistent": true,
            "constant": false,
            "default": ""
          }
        ],
        "live": false,
        "rebootRequired": false,
        "required": "Core",
        "csvRequired": true,
        "description": "Clock-aligned measurands to be included in the meterValues element of TransactionEventRequest (eventType = Ended), every SampledDataTxEndedInterval seconds from the start of the transaction.",
        "src": "part2 2.7.15"
      }
    ]
  },
  {
    "name": "AuthCtrlr",
    "scope": "station",
    "variables": [
      {
        "name": "AuthorizeRemoteStart",
        "dataType": "boolean",
        "attributes": [
          {
            "type": "Actual",
            "mutability": "ReadWrite",
            "persistent": true,
            "constant": false,
            "default": "false"
          }
        ],
        "live": false,
        "rebootRequired": false,
        "required": "Core",
        "csvRequired": true,
        "description": "Whether a remote request to start a transaction in the form of RequestStartTransactionRequest message should be authorized beforehand like a local action to start a transaction.",
        "src": "part2 2.3.4 (ReadOnly or ReadWrite)"
      },
      {
        "name": "Enabled",
        "dataType": "boolean",
        "attributes": [
          {
            "type": "Actual",
            "mutability": "ReadWrite",
            "persistent": true,
            "constant": false,
            "default": "true"
          }
        ],
        "live": false,
        "rebootRequired": false,
        "required": null,
        "csvRequired": false,
        "description": "If set to false, then no authorization is done before starting a transaction or when reading an idToken.",
        "src": "part2 2.3.1"
      },
      {
        "name": "LocalAuthorizeOffline",
        "dataType": "boolean",
        "attributes": [
          {
            "type": "Actual",
            "mutability": "ReadWrite",
            "persistent": true,
            "constant": false,
            "default": "true"
          }
        ],
        "live": false,
        "rebootRequired": false,
        "required": "Core",
        "csvRequired": true,
        "description": "Whether the Charging Station, when Offline, will start a transaction for locally-authorized identifiers",
        "src": "part2 2.3.5 (named LocalAuthorizationOffline there; the CSV name is used)"
      },
      {
        "name": "LocalPreAuthorize",
        "dataType": "boolean",
        "attributes": [
          {
            "type": "Actual",
            "mutability": "ReadWrite",
            "persistent": true,
            "constant": false,
            "default": "false"
          }
        ],
        "live": false,
        "rebootRequired": false,
        "required": "Core",
        "csvRequired": true,
        "description": "Whether the Charging Station, when online, will start a transaction for locally-authorized identifiers without waiting for or requesting an AuthorizeResponse from the CSMS.",
        "src": "part2 2.3.6"
      },
      {
        "name": "MasterPassGroupId",
        "dataType": "string",
        "maxLimit": 36,
        "attributes": [
          {
            "type": "Actual",
            "mutability": "ReadWrite",
            "persistent": true,
            "constant": false,
            "default": ""
          }
        ],
        "live": false,
        "rebootRequired": false,
        "required": null,
        "csvRequired": false,
        "description": "IdTokens that have this id as groupId belong to the Master Pass Group.",
        "src": "part2 2.3.7"
      },
      {
        "name": "OfflineTxForUnknownIdEnabled",
        "dataType": "boolean",
        "attributes": [
          {
            "type": "Actual",
            "mutability": "ReadWrite",
            "persistent": true,
            "constant": false,
            "default": "false"
          }
        ],
        "live": false,
        "rebootRequired": false,
        "required": null,
        "csvRequired": false,
        "description": "Support for unknown offline transactions.",
        "src": "part2 2.3.3"
      },
      {
        "name": "DisableRemoteAuthorization",
        "dataType": "boolean",
        "attributes": [
          {
            "type": "Actual",
            "mutability": "ReadWrite",
            "persistent": true,
            "constant": false,
            "default": "false"
          }
        ],
        "live": false,
        "rebootRequired": false,
        "required": null,
        "csvRequired": false,
        "description": "When set to true this instructs the Charging Station to not issue any AuthorizationRequests, but only use Authorization Cache and Local Authorization List to determine validity of idTokens.",
        "src": "part2 2.3.8"
      }
    ]
  },
  {
    "name": "AuthCacheCtrlr",
    "scope": "station",
    "variables": [
      {
        "name": "Available",
        "dataType": "boolean",
        "attributes": [
          {
            "type": "Actual",
            "mutability": "ReadOnly",
            "persistent": true,
            "constant": true,
            "default": "true"
          }
        ],
        "live": false,
        "rebootRequired": false,
        "required": null,
        "csvRequired": false,
        "description": "Authorization caching is available, but not necessarily enabled.",
        "src": "part2 2.4.2"
      },
      {
        "name": "Enabled",
        "dataType": "boolean",
        "attributes": [
          {
            "type": "Actual",
            "mutability": "ReadWrite",
            "persistent": true,
            "constant": false,
            "default": "true"
          }
        ],
        "live": false,
        "rebootRequired": false,
        "required": null,
        "csvRequired": false,
        "description": "If set to true, Authorizaiton caching is enabled.",
        "src": "part2 2.4.1"
      },
      {
        "name": "LifeTime",
        "dataType": "integer",
        "unit": "s",
        "minLimit": 0,
        "attributes": [
          {
            "type": "Actual",
            "mutability": "ReadWrite",
            "persistent": true,
            "constant": false,
            "default": "86400"
          }
        ],
        "live": false,
        "rebootRequired": false,
        "required": null,
        "csvRequired": false,
        "description": "Indicates how long it takes until a token expires in the authorization cache since it is last used",
        "src": "part2 2.4.3"
      },
      {
        "name": "Policy",
        "dataType": "OptionList",
        "valuesList": "LRU",
        "attributes": [
          {
            "type": "Actual",
            "mutability": "ReadWrite",
            "persistent": true,
            "constant": false,
            "default": "LRU"
          }
        ],
        "live": false,
        "rebootRequired": false,
        "required": null,
        "csvRequired": false,
        "description": "Cache Entry Replacement Policy: least recently used, least frequently used, first in first out, other custom mechanism.",
        "src": "part2 2.4.5, part5 C-54 (at least one)"
      },
      {
        "name": "Storage",
        "dataType": "integer",
        "unit": "B",
        "maxLimit": 1048576,
        "attributes": [
          {
            "type": "Actual",
            "mutability": "ReadOnly",
            "persistent": false,
            "constant": false,
            "default": "0"
          }
        ],
        "live": true,
        "rebootRequired": false,
        "required": null,
        "csvRequired": false,
        "description": "Indicates the number of bytes currently used by the Authorization Cache.",
        "src": "part2 2.4.4"
      },
      {
        "name": "DisablePostAuthorize",
        "dataType": "boolean",
        "attributes": [
          {
            "type": "Actual",
            "mutability": "ReadWrite",
            "persistent": true,
            "constant": false,
            "default": "false"
          }
        ],
        "live": false,
        "rebootRequired": false,
        "required": null,
        "csvRequired": false,
        "description": "When set to true this variable disables the behavior to request authorization for an idToken that is stored in the cache with a status other than Accepted, as stated in C10.FR.03 and C12.FR.05.",
        "src": "part2 2.4.6"
      }
    ]
  },
  {
    "name": "LocalAuthListCtrlr",
    "scope": "station",
    "variables": [
      {
        "name": "Available",
        "dataType": "boolean",
        "attributes": [
          {
            "type": "Actual",
            "mutability": "ReadOnly",
            "persistent": true,
            "constant": true,
            "default": "true"
          }
        ],
        "live": false,
        "rebootRequired": false,
        "required": null,
        "csvRequired": false,
        "description": "Local Authorization List is available.",
        "src": "part2 2.5.3"
      },
      {
        "name": "BytesPerMessage",
        "dataType": "integer",
        "attributes": [
          {
            "type": "Actual",
            "mutability": "ReadOnly",
            "persistent": true,
            "constant": true,
            "default": "65000"
          }
        ],
        "live": false,
        "rebootRequired": false,
        "required": "LocalAuthListManagement",
        "csvRequired": true,
        "description": "Maximum number of bytes in a SendLocalList message.",
        "src": "part2 2.5.5"
      },
      {
        "name": "Enabled",
        "dataType": "boolean",
        "attributes": [
          {
            "type": "Actual",
            "mutability": "ReadWrite",
            "persistent": true,
            "constant": false,
            "default": "true"
          }
        ],
        "live": false,
        "rebootRequired": false,
        "required": null,
        "csvRequired": false,
        "description": "If this variable exists and reports a value of true, Local Authorization List is enabled.",
        "src": "part2 2.5.1"
      },
      {
        "name": "Entries",
        "dataType": "integer",
        "maxLimit": 10000,
        "attributes": [
          {
            "type": "Actual",
            "mutability": "ReadOnly",
            "persistent": false,
            "constant": false,
            "default": "0"
          }
        ],
        "live": true,
        "rebootRequired": false,
        "required": "LocalAuthListManagement",
        "csvRequired": true,
        "description": "Amount of IdTokens currently in the Local Authorization List",
        "src": "part2 2.5.2 (maxLimit SHALL be provided)"
      },
      {
        "name": "ItemsPerMessage",
        "dataType": "integer",
        "attributes": [
          {
            "type": "Actual",
            "mutability": "ReadOnly",
            "persistent": true,
            "constant": true,
            "default": "250"
          }
        ],
        "live": false,
        "rebootRequired": false,
        "required": "LocalAuthListManagement",
        "csvRequired": true,
        "description": "Maximum number of records in SendLocalList",
        "src": "part2 2.5.4"
      },
      {
        "name": "Storage",
        "dataType": "integer",
        "unit": "B",
        "maxLimit": 1048576,
        "attributes": [
          {
            "type": "Actual",
            "mutability": "ReadOnly",
            "persistent": false,
            "constant": false,
            "default": "0"
          }
        ],
        "live": true,
        "rebootRequired": false,
        "required": null,
        "csvRequired": false,
        "description": "Indicates the number of bytes currently used by the Local Authorization List.",
        "src": "part2 2.5.6"
      },
      {
        "name": "DisablePostAuthorize",
        "dataType": "boolean",
        "attributes": [
          {
            "type": "Actual",
            "mutability": "ReadWrite",
            "persistent": true,
            "constant": false,
            "default": "false"
          }
        ],
        "live": false,
        "rebootRequired": false,
        "required": null,
        "csvRequired": false,
        "description": "When set to true this variable disables the behavior to request authorization for an idToken that is stored in the local authorization list with a status other than Accepted, as stated in C14.FR.03.",
        "src": "part2 2.5.7"
      }
    ]
  },
  {
    "name": "ChargingStation",
    "scope": "station",
    "variables": [
      {
        "name": "AllowNewSessionsPendingFirmwareUpdate",
        "dataType": "boolean",
        "attributes": [
          {
            "type": "Actual",
            "mutability": "ReadWrite",
            "persistent": true,
            "constant": false,
            "default": "false"
          }
        ],
        "live": false,
        "rebootRequired": false,
        "required": null,
        "csvRequired": false,
        "description": "Indicates whether new sessions can be started on EVSEs, while Charging Station is waiting for all EVSEs to become Available in order to start a pending firmware update",
        "src": "part2 2.1.2"
      },
      {
        "name": "AvailabilityState",
        "dataType": "OptionList",
        "valuesList": "Available,Occupied,Reserved,Unavailable,Faulted",
        "attributes": [
          {
            "type": "Actual",
            "mutability": "ReadOnly",
            "persistent": false,
            "constant": false,
            "default": "Available"
          }
        ],
        "live": true,
        "rebootRequired": false,
        "required": "Core",
        "csvRequired": true,
        "description": "This variable reports current availability state for the ChargingStation",
        "src": "part2 2.13.2, errata 2.66"
      },
      {
        "name": "Available",
        "dataType": "boolean",
        "attributes": [
          {
            "type": "Actual",
            "mutability": "ReadOnly",
            "persistent": true,
            "constant": true,
            "default": "true"
          }
        ],
        "live": false,
        "rebootRequired": false,
        "required": "Core",
        "csvRequired": true,
        "description": "Component exists",
        "src": "part2 2.13.1"
      },
      {
        "name": "Model",
        "dataType": "string",
        "attributes": [
          {
            "type": "Actual",
            "mutability": "ReadOnly",
            "persistent": false,
            "constant": false,
            "default": ""
          }
        ],
        "live": true,
        "rebootRequired": false,
        "required": null,
        "csvRequired": false,
        "description": "Charging station model as reported in BootNotification.",
        "src": "appendix CSV (as in BootNotification)"
      },
      {
        "name": "SupplyPhases",
        "dataType": "integer",
        "attributes": [
          {
            "type": "Actual",
            "mutability": "ReadOnly",
            "persistent": false,
            "constant": false,
            "default": "3"
          }
        ],
        "live": true,
        "rebootRequired": false,
        "required": "Core",
        "csvRequired": true,
        "description": "Number of alternating current phases connected/available.",
        "src": "part2 2.13.6"
      },
      {
        "name": "VendorName",
        "dataType": "string",
        "attributes": [
          {
            "type": "Actual",
            "mutability": "ReadOnly",
            "persistent": false,
            "constant": false,
            "default": ""
          }
        ],
        "live": true,
        "rebootRequired": false,
        "required": null,
        "csvRequired": false,
        "description": "Charging station vendor name as reported in BootNotification.",
        "src": "appendix CSV (as in BootNotification)"
      }
    ]
  },
  {
    "name": "EVSE",
    "scope": "evse",
    "variables": [
      {
        "name": "AllowReset",
        "dataType": "boolean",
        "attributes": [
          {
            "type": "Actual",
            "mutability": "ReadOnly",
            "persistent": true,
            "constant": true,
            "default": "true"
          }
        ],
        "live": false,
        "rebootRequired": false,
        "required": null,
        "csvRequired": false,
        "description": "Can be used to announce that an EVSE can be reset individually",
        "src": "part2 2.13.3, part5 C-13"
      },
      {
        "name": "AvailabilityState",
        "dataType": "OptionList",
        "valuesList": "Available,Occupied,Reserved,Unavailable,Faulted",
        "attributes": [
          {
            "type": "Actual",
            "mutability": "ReadOnly",
            "persistent": false,
            "constant": false,
            "default": "Available"
          }
        ],
        "live": true,
        "rebootRequired": false,
        "required": "Core",
        "csvRequired": true,
        "description": "This variable reports current availability state for the EVSE",
        "src": "part2 2.13.2, errata 2.66"
      },
      {
        "name": "Available",
        "dataType": "boolean",
        "attributes": [
          {
            "type": "Actual",
            "mutability": "ReadOnly",
            "persistent": true,
            "constant": true,
            "default": "true"
          }
        ],
        "live": false,
        "rebootRequired": false,
        "required": "Core",
        "csvRequired": true,
        "description": "Component exists",
        "src": "part2 2.13.1"
      },
      {
        "name": "Power",
        "dataType": "decimal",
        "unit": "W",
        "maxLimit": 22000,
        "attributes": [
          {
            "type": "Actual",
            "mutability": "ReadOnly",
            "persistent": false,
            "constant": false,
            "default": "0"
          }
        ],
        "live": true,
        "rebootRequired": false,
        "required": "Core",
        "csvRequired": true,
        "description": "The variableCharacteristic maxLimit, that holds the maximum power that this EVSE can provide, is required.",
        "src": "part2 2.13.7 (maxLimit required; the station sets it per EVSE)"
      },
      {
        "name": "SupplyPhases",
        "dataType": "integer",
        "attributes": [
          {
            "type": "Actual",
            "mutability": "ReadOnly",
            "persistent": false,
            "constant": false,
            "default": "3"
          }
        ],
        "live": true,
        "rebootRequired": false,
        "required": "Core",
        "csvRequired": true,
        "description": "Number of alternating current phases connected/available.",
        "src": "part2 2.13.6"
      }
    ]
  },
  {
    "name": "Connector",
    "scope": "connector",
    "variables": [
      {
        "name": "AvailabilityState",
        "dataType": "OptionList",
        "valuesList": "Available,Occupied,Reserved,Unavailable,Faulted",
        "attributes": [
          {
            "type": "Actual",
            "mutability": "ReadOnly",
            "persistent": false,
            "constant": false,
            "default": "Available"
          }
        ],
        "live": true,
        "rebootRequired": false,
        "required": null,
        "csvRequired": false,
        "description": "This variable reports current availability state for the Connector.",
        "src": "errata 2.66 (Connector added)"
      },
      {
        "name": "Available",
        "dataType": "boolean",
        "attributes": [
          {
            "type": "Actual",
            "mutability": "ReadOnly",
            "persistent": true,
            "constant": true,
            "default": "true"
          }
        ],
        "live": false,
        "rebootRequired": false,
        "required": "Core",
        "csvRequired": true,
        "description": "Component exists",
        "src": "part2 2.13.1"
      },
      {
        "name": "ChargeProtocol",
        "dataType": "string",
        "attributes": [
          {
            "type": "Actual",
            "mutability": "ReadOnly",
            "persistent": true,
            "constant": true,
            "default": "CPPWM"
          }
        ],
        "live": false,
        "rebootRequired": false,
        "required": null,
        "csvRequired": false,
        "description": "The Charging Control Protocol applicable to a Connector.",
        "src": "appendix CSV (IEC 61851-1 control pilot PWM)"
      },
      {
        "name": "ConnectorType",
        "dataType": "string",
        "attributes": [
          {
            "type": "Actual",
            "mutability": "ReadOnly",
            "persistent": false,
            "constant": false,
            "default": "sType2"
          }
        ],
        "live": true,
        "rebootRequired": false,
        "required": "Core",
        "csvRequired": true,
        "description": "A value of ConnectorEnumType (See part 2) plus additionally: cGBT, cChaoJi, OppCharge.",
        "src": "part2 2.13.4"
      },
      {
        "name": "SupplyPhases",
        "dataType": "integer",
        "attributes": [
          {
            "type": "Actual",
            "mutability": "ReadOnly",
            "persistent": false,
            "constant": false,
            "default": "3"
          }
        ],
        "live": true,
        "rebootRequired": false,
        "required": "Core",
        "csvRequired": true,
        "description": "Number of alternating current phases connected/available.",
        "src": "part2 2.13.6"
      }
    ]
  }
];
