output "region" {
  description = "Region named in resources.json."
  value       = local.raw.region
}

output "inbound" {
  description = "The inbound section of resources.json (bucket name with the suffix applied)."
  value       = local.inbound
}

output "events" {
  description = "The events section of resources.json."
  value       = local.raw.events
}

output "alerting" {
  description = "The alerting section of resources.json (payload bucket name with the suffix applied)."
  value       = local.alerting
}

output "partners" {
  description = "Outbound partners of resources.json: queue, DLQ, rule and event pattern each."
  value       = try(local.raw.outbound.partners, [])
}
