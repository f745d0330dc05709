variable "bus_name" {
  description = "Custom event bus name (events.bus of resources.json)."
  type        = string
}

variable "partners" {
  description = "outbound.partners of resources.json: name, queue, dlq, rule, eventPattern (+ optional timeouts)."
  type        = any
}

variable "alerting" {
  description = "The alerting section of resources.json (eventsQueue, eventsDlq, eventsRule, eventPattern are used)."
  type        = any
}

variable "tags" {
  type    = map(string)
  default = {}
}
