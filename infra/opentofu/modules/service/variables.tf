# What differs between two services of the deployment. Everything else (Fargate, private subnets,
# read-only root filesystem, the deployment circuit breaker, a role pair per service) is the same
# for every service and lives in this module only.

variable "name" {
  type        = string
  description = "Prefix of the deployment's resource names (the root module's name)."
}

variable "service" {
  type        = string
  description = "Name of the service and of its container: api, worker, ... Resource names are NAME-SERVICE."

  validation {
    condition     = can(regex("^[a-z][a-z0-9-]{0,19}$", var.service))
    error_message = "service must be lower-case letters, digits and dashes, starting with a letter."
  }
}

variable "region" {
  type        = string
  description = "AWS region of the deployment (the log driver's awslogs-region, the KMS via-service condition)."
}

variable "cluster_id" {
  type        = string
  description = "ECS cluster the service runs in."
}

variable "cluster_name" {
  type        = string
  description = "Name of that cluster (autoscaling addresses a service as service/CLUSTER/SERVICE)."
}

variable "image" {
  type        = string
  description = "Image in ECR (ACCOUNT.dkr.ecr.REGION.amazonaws.com/REPOSITORY with a tag or a digest). The execution role may pull from this repository only."
}

variable "cpu_architecture" {
  type        = string
  description = "CPU architecture of the image: X86_64 or ARM64."
}

variable "cpu" {
  type        = number
  description = "Fargate CPU units of one task (1024 = 1 vCPU)."
}

variable "memory" {
  type        = number
  description = "Memory (MiB) of one task; must be valid for cpu on Fargate."
}

variable "container_port" {
  type        = number
  description = "The container's HTTP port: traffic (behind a load balancer), health and metrics."
}

variable "environment" {
  type        = list(object({ name = string, value = string }))
  description = "Plain environment of the container. Never a secret: those go in secrets."
}

variable "secrets" {
  type        = list(object({ name = string, valueFrom = string }))
  description = "Secrets Manager references (ARN, optionally :json-key::) injected as environment variables. The execution role may read exactly these secrets."
}

variable "kms_key_arns" {
  type        = list(string)
  description = "KMS keys that encrypt the secrets; the execution role may decrypt with them through Secrets Manager only."
}

variable "log_kms_key_arn" {
  type        = string
  description = "KMS key of the service's CloudWatch log group."
}

variable "log_retention_days" {
  type        = number
  description = "Retention of the service's CloudWatch log group, in days."
}

variable "stop_timeout" {
  type        = number
  description = "Seconds between SIGTERM and SIGKILL when ECS stops a task."

  validation {
    condition     = var.stop_timeout >= 2 && var.stop_timeout <= 120
    error_message = "stop_timeout must be between 2 and 120 seconds (Fargate's maximum)."
  }
}

variable "health_check" {
  type = object({
    command     = list(string)
    interval    = number
    timeout     = number
    retries     = number
    startPeriod = number
  })
  default     = null
  description = "The container's own health check (ECS healthCheck); null for none, e.g. when a load balancer checks the service."
}

variable "security_group_description" {
  type        = string
  description = "Description of the service's security group. Its rules are the caller's: they name the peers."
}

variable "vpc_id" {
  type        = string
  description = "VPC of the service's security group."
}

variable "subnet_ids" {
  type        = list(string)
  description = "Private subnets of the tasks (no public IP is assigned)."
}

variable "desired_count" {
  type        = number
  description = "Tasks of the service; with autoscaling, the initial count only (the autoscaler owns it afterwards)."
}

variable "autoscaling" {
  type = object({
    min_count          = number
    max_count          = number
    cpu_target_percent = number
  })
  default     = null
  description = "CPU target tracking between min_count and max_count tasks; null for a fixed desired_count."

  validation {
    condition     = var.autoscaling == null || try(var.autoscaling.min_count <= var.autoscaling.max_count, false)
    error_message = "The autoscaling min_count must not exceed its max_count."
  }
}

variable "load_balancer" {
  type = object({
    target_group_arn                  = string
    health_check_grace_period_seconds = number
  })
  default     = null
  description = "Target group that ECS registers the tasks in (on container_port), and how long a new task may fail its health checks; null for none."
}

variable "task_role_policy" {
  type = object({
    name = string
    json = string
  })
  default     = null
  description = "What the application itself may do in AWS (an inline policy of its task role); null for nothing."
}

variable "preconditions" {
  type = list(object({
    condition     = bool
    error_message = string
  }))
  default     = []
  description = "The caller's checks of the service's settings, checked before the task definition is planned."
}

variable "service_depends_on" {
  type        = list(string)
  default     = []
  description = "Ids of resources that must exist before the service starts a task (e.g. the secret versions it reads, the listener rule that attaches its target group)."
}
