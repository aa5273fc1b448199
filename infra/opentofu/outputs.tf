output "alb_dns_name" {
  description = "DNS name of the ALB: point the API's host name (the certificate's) at it with a CNAME or alias record."
  value       = aws_lb.this.dns_name
}

output "alb_zone_id" {
  description = "Hosted zone of the ALB, for a Route 53 alias record."
  value       = aws_lb.this.zone_id
}

output "cluster_name" {
  description = "ECS cluster name."
  value       = aws_ecs_cluster.this.name
}

output "api_service_name" {
  description = "ECS service of the API."
  value       = module.api.service_name
}

output "worker_service_name" {
  description = "ECS service of the worker."
  value       = module.worker.service_name
}

output "artifact_bucket_name" {
  description = "S3 bucket of run data and artifacts."
  value       = aws_s3_bucket.artifacts.bucket
}

output "api_log_group" {
  description = "CloudWatch log group of the API."
  value       = module.api.log_group_name
}

output "worker_log_group" {
  description = "CloudWatch log group of the worker."
  value       = module.worker.log_group_name
}

output "db_endpoint" {
  description = "PostgreSQL endpoint (host:port), reachable from the tasks' security groups only."
  value       = aws_db_instance.this.endpoint
}

output "db_master_secret_arn" {
  description = "Secrets Manager secret RDS keeps the master password in."
  value       = aws_db_instance.this.master_user_secret[0].secret_arn
}

output "kms_key_arn" {
  description = "The deployment's KMS key (data at rest, secrets, logs)."
  value       = aws_kms_key.this.arn
}
