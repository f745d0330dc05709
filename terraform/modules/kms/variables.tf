variable "name" {
  description = "Alias (without alias/), e.g. prod-tact."
  type        = string
}

variable "region" {
  type = string
}

variable "deletion_window_in_days" {
  type    = number
  default = 30
}

variable "tags" {
  type    = map(string)
  default = {}
}
