resource "aws_ecs_cluster" "this" {
  name = var.name

  setting {
    name  = "containerInsights"
    value = "enabled"
  }

  # ECS Exec is off on both services; should someone turn it on, sessions are encrypted with the
  # deployment key and logged.
  configuration {
    execute_command_configuration {
      kms_key_id = aws_kms_key.this.arn
      logging    = "OVERRIDE"
      log_configuration {
        cloud_watch_encryption_enabled = true
        cloud_watch_log_group_name     = aws_cloudwatch_log_group.exec.name
      }
    }
  }
}

resource "aws_ecs_cluster_capacity_providers" "this" {
  cluster_name       = aws_ecs_cluster.this.name
  capacity_providers = ["FARGATE"]

  default_capacity_provider_strategy {
    capacity_provider = "FARGATE"
    weight            = 1
  }
}

# ---------------------------------------------------------------------------------------------------
# The services: one module (modules/service) per service. What differs between them is here; what
# they share (Fargate, private subnets, read-only root filesystem, the circuit breaker, a role pair,
# a log group) is in the module. The environment and secret lists are built in main.tf.
# ---------------------------------------------------------------------------------------------------

module "api" {
  source = "./modules/service"

  name                       = var.name
  service                    = "api"
  region                     = var.region
  cluster_id                 = aws_ecs_cluster.this.id
  cluster_name               = aws_ecs_cluster.this.name
  vpc_id                     = var.vpc_id
  subnet_ids                 = var.private_subnet_ids
  security_group_description = "Agent Runtime API tasks"

  image            = var.api_image
  cpu_architecture = var.cpu_architecture
  cpu              = var.api_cpu
  memory           = var.api_memory
  container_port   = 8080
  environment      = local.api_environment
  secrets          = local.api_secrets
  kms_key_arns     = concat([aws_kms_key.this.arn], var.secrets_kms_key_arns)

  log_kms_key_arn    = aws_kms_key.this.arn
  log_retention_days = var.log_retention_days

  # Quarkus stops accepting requests on SIGTERM and finishes those in flight; SSE clients
  # reconnect to another task with Last-Event-ID.
  stop_timeout  = 30
  desired_count = var.api_desired_count
  load_balancer = {
    target_group_arn = aws_lb_target_group.api.arn
    # The first start migrates the schema (Flyway) before it answers ready.
    health_check_grace_period_seconds = 120
  }
  # The API's one AWS API is KMS: it wraps and unwraps tenants' data keys (iam.tf).
  task_role_policy = {
    name = "tenant-data-keys"
    json = data.aws_iam_policy_document.api_task.json
  }

  preconditions = [
    {
      condition     = var.temporal_auth_mode != "api_key" || var.temporal_api_key_secret_arn != ""
      error_message = "temporal_auth_mode = api_key needs temporal_api_key_secret_arn."
    },
    {
      condition     = var.temporal_auth_mode != "mtls" || (var.temporal_tls_client_cert_secret_arn != "" && var.temporal_tls_client_key_secret_arn != "")
      error_message = "temporal_auth_mode = mtls needs temporal_tls_client_cert_secret_arn and temporal_tls_client_key_secret_arn."
    },
  ]

  # The target group must be attached to the ALB (through the listener rule) before ECS uses it.
  # A task reads its secrets when it starts: their values must exist by then (the previous master
  # keys' secret version only while there are previous keys, hence the splat). The module orders
  # the service after its own execution and task role policies.
  service_depends_on = concat(
    [aws_lb_listener_rule.api_v1.id, aws_secretsmanager_secret_version.redis_url.id],
    aws_secretsmanager_secret_version.previous_master_keys[*].id,
  )
}

module "worker" {
  source = "./modules/service"

  name                       = var.name
  service                    = "worker"
  region                     = var.region
  cluster_id                 = aws_ecs_cluster.this.id
  cluster_name               = aws_ecs_cluster.this.name
  vpc_id                     = var.vpc_id
  subnet_ids                 = var.private_subnet_ids
  security_group_description = "Agent Runtime worker tasks: no ingress"

  image            = var.worker_image
  cpu_architecture = var.cpu_architecture
  cpu              = var.worker_cpu
  memory           = var.worker_memory
  # No load balancer: the port serves the container health check (and /q/metrics inside the VPC,
  # should a scraper be allowed in).
  container_port = 8081
  environment    = local.worker_environment
  secrets        = local.worker_secrets
  kms_key_arns   = concat([aws_kms_key.this.arn], var.secrets_kms_key_arns)

  log_kms_key_arn    = aws_kms_key.this.arn
  log_retention_days = var.log_retention_days

  # SIGTERM, then SIGKILL after stopTimeout. The worker stops polling at once and waits up to
  # AGENT_RUNTIME_WORKER_SHUTDOWN_GRACE for activities in flight; what is still running after
  # that is retried by Temporal on another worker.
  stop_timeout = local.worker_stop_timeout
  # bash's /dev/tcp rather than curl, which a minimal JRE image may not have.
  health_check = {
    command     = ["CMD", "bash", "-c", "exec 3<>/dev/tcp/127.0.0.1/8081 && printf 'GET /q/health/ready HTTP/1.0\\r\\nHost: localhost\\r\\n\\r\\n' >&3 && head -n 1 <&3 | grep -q ' 200 '"]
    interval    = 30
    timeout     = 5
    retries     = 3
    startPeriod = 60
  }

  desired_count = var.worker_min_count
  # Scale out fast, in slowly: every task stopped drains for up to two minutes.
  autoscaling = {
    min_count          = var.worker_min_count
    max_count          = var.worker_max_count
    cpu_target_percent = var.worker_cpu_target_percent
  }
  # Its artifact bucket, and Decrypt of tenant data keys (iam.tf). The name predates the KMS
  # statement; renaming it would replace the policy.
  task_role_policy = {
    name = "artifact-bucket"
    json = data.aws_iam_policy_document.worker_task.json
  }

  preconditions = [
    {
      condition     = var.worker_shutdown_grace_seconds < local.worker_stop_timeout
      error_message = "worker_shutdown_grace_seconds must be below the worker's stopTimeout (120 s)."
    },
  ]

  # The previous master keys' secret version, while there is one (as for the API).
  service_depends_on = aws_secretsmanager_secret_version.previous_master_keys[*].id
}
