output "service_name" {
  description = "The ECS service's name."
  value       = local.service_name
}

output "log_group_name" {
  description = "The service's CloudWatch log group."
  value       = aws_cloudwatch_log_group.this.name
}

output "security_group_id" {
  description = "The service's security group, for the caller's rules."
  value       = aws_security_group.this.id
}

output "task_role_name" {
  description = "The task role (what the application may do in AWS)."
  value       = aws_iam_role.task.name
}
