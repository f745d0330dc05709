variable "name" {
  description = "Queue name (from resources.json)."
  type        = string
}

variable "dlq_name" {
  description = "Dead-letter queue name (from resources.json)."
  type        = string
}

variable "visibility_timeout_seconds" {
  description = "Visibility timeout of both queues; long work extends it with a heartbeat."
  type        = number
  default     = 60
}

variable "max_receive_count" {
  description = "Receives before a message moves to the DLQ."
  type        = number
  default     = 5
}

variable "tags" {
  description = "Tags for both queues."
  type        = map(string)
  default     = {}
}
